package org.datacollab.assessment.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the listener of {@code partnership-events} works through a batch ({@code datacollab.assessment.listener}).
 *
 * @param partnershipsAtOnce the partnerships of one batch applied and evaluated side by side (each partnership's events
 *                           still in order, by one thread): an evaluation waits mostly on MongoDB and Kafka, one
 *                           partnership after another left both idle
 */
@ConfigurationProperties("datacollab.assessment.listener")
public record ListenerSettings(@DefaultValue("4") int partnershipsAtOnce) {

    public ListenerSettings {
        if (partnershipsAtOnce < 1) {
            throw new IllegalArgumentException("datacollab.assessment.listener.partnerships-at-once takes 1 or more (was "
                    + partnershipsAtOnce + ")");
        }
    }
}
