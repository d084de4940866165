package org.datacollab.registry.publishing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.datacollab.registry.eventstore.CommitToken;
import org.datacollab.registry.eventstore.PositionedEventStorageEngine;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code registry.publication.pending}: the commits appended to the store that the publication processor has
 * not yet handed to Kafka (the store's head position minus the processor's, every 10 s: two key lookups). An
 * alert on it staying above zero means Kafka is unreachable or publication is stuck. -1 while this instance
 * holds no segment of the processor.
 */
@Component
public class PublicationBacklog {

    private final EventProcessingConfiguration processing;
    private final PositionedEventStorageEngine store;
    private final AtomicLong pending = new AtomicLong(-1);

    public PublicationBacklog(EventProcessingConfiguration processing, PositionedEventStorageEngine store, MeterRegistry meters) {
        this.processing = processing;
        this.store = store;
        Gauge.builder("registry.publication.pending", pending, AtomicLong::get)
                .description("Commits stored but not yet acknowledged by Kafka").register(meters);
    }

    @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
    public void measure() {
        pending.set(count());
    }

    public long count() {
        var processor = processing.eventProcessor(KafkaPublisher.PROCESSING_GROUP, TrackingEventProcessor.class);
        if (processor.isEmpty() || processor.get().processingStatus().isEmpty()) {
            return -1;
        }
        long slowest = processor.get().processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken)
                .mapToLong(token -> WrappedToken.unwrapLowerBound(token) instanceof CommitToken commit ? commit.commit() - 1 : 0)
                .min().orElse(0);
        return Math.max(0, store.headPosition() - slowest);
    }
}
