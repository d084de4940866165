package org.datacollab.registry.publishing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code registry.publication.pending}: the events appended to the store that the publication processor has
 * not yet handed to Kafka (counted every 10 s from its token's position). An alert on it growing means Kafka
 * is unreachable or publication is stuck. -1 while this instance holds no segment of the processor.
 */
@Component
public class PublicationBacklog {

    private final EventProcessingConfiguration processing;
    private final MongoCollection<Document> commits;
    private final AtomicLong pending = new AtomicLong(-1);

    public PublicationBacklog(EventProcessingConfiguration processing, MongoClient client, MeterRegistry meters,
                              @Value("${spring.mongodb.database}") String database) {
        this.processing = processing;
        this.commits = client.getDatabase(database).getCollection("domainevents");
        Gauge.builder("registry.publication.pending", pending, AtomicLong::get)
                .description("Events stored but not yet acknowledged by Kafka").register(meters);
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
        List<Instant> positions = processor.get().processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken)
                .map(token -> token instanceof MongoTrackingToken mongo ? mongo.getTimestamp() : Instant.EPOCH)
                .toList();
        Instant oldest = positions.stream().min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        long count = 0;
        for (Document commit : commits.find(Filters.gt("lastTimestamp", DateTimeUtils.formatInstant(oldest)))
                .projection(new Document("events", 1))) {
            count += commit.getList("events", Object.class).size();
        }
        return count;
    }
}
