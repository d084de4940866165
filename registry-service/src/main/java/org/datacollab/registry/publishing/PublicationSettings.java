package org.datacollab.registry.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The publication of stored facts to Kafka ({@code datacollab.publication.*}), checked when the registry starts.
 *
 * @param segments   segments of the publication processor: facts of one partnership always go through one segment,
 *                   so more segments publish more partnerships at once, never one partnership out of order
 * @param batchSize  stored commits a segment reads and publishes per batch before its token advances
 * @param ackTimeout the longest a publication waits for Kafka's acknowledgement; past it the batch fails and is
 *                   published again from the token (at least once)
 */
@ConfigurationProperties("datacollab.publication")
public record PublicationSettings(@DefaultValue("1") int segments,
                                  @DefaultValue("200") int batchSize,
                                  @DefaultValue("PT30S") Duration ackTimeout) {

    public PublicationSettings {
        if (segments < 1 || batchSize < 1 || ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("datacollab.publication: segments and batch-size take 1 or more, ack-timeout"
                    + " a positive duration (were " + segments + ", " + batchSize + ", " + ackTimeout + ")");
        }
    }
}
