package org.datacollab.registry.eventstore;

import com.mongodb.BasicDBObject;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.CommitEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.DocumentPerCommitStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.nin;
import static org.axonframework.common.DateTimeUtils.formatInstant;

/**
 * One document per commit (so a commit, an imported history among them, is atomic without transactions),
 * read by tracking processors exactly as the extension does (same query, same order, same tokens), except
 * that the tokens of one fetch share their known-event storage ({@link KnownEvents}) instead of each copying
 * it: the extension's copies made a 10,000-fact import exhaust a 768 MB heap.
 */
final class SharedTokenCommitStorageStrategy extends DocumentPerCommitStorageStrategy {

    private final Duration lookBackTime;

    SharedTokenCommitStorageStrategy(Duration lookBackTime) {
        super(EventEntryConfiguration.getDefault(), CommitEntryConfiguration.getDefault(), lookBackTime);
        this.lookBackTime = lookBackTime;
    }

    @Override
    public List<? extends TrackedEventData<?>> findTrackedEvents(MongoCollection<Document> eventCollection,
                                                                 TrackingToken lastToken, int batchSize) {
        MongoTrackingToken previous = (MongoTrackingToken) lastToken;
        FindIterable<Document> cursor = previous == null
                ? eventCollection.find()
                : eventCollection.find(and(
                        gte(eventConfiguration().timestampProperty(), formatInstant(previous.getTimestamp().minus(lookBackTime))),
                        nin(eventConfiguration().eventIdentifierProperty(), previous.getKnownEventIds())));
        cursor = cursor.sort(new BasicDBObject(eventConfiguration().timestampProperty(), ORDER_ASC)
                        .append(eventConfiguration().sequenceNumberProperty(), ORDER_ASC))
                .batchSize(batchSize);
        Map<String, Long> base = previous == null ? Map.of() : previous.getTrackedEvents();
        KnownEvents.Fetch fetch = new KnownEvents.Fetch(base);
        long newest = previous == null ? Long.MIN_VALUE : previous.getTimestamp().toEpochMilli();
        List<TrackedEventData<?>> results = new ArrayList<>();
        try (MongoCursor<Document> documents = cursor.iterator()) {
            while (results.size() < batchSize && documents.hasNext()) {
                List<? extends org.axonframework.eventhandling.DomainEventData<?>> events = extractEvents(documents.next()).toList();
                for (org.axonframework.eventhandling.DomainEventData<?> event : events) {
                    String id = event.getEventIdentifier();
                    Integer position = fetch.positions.get(id);
                    if (base.containsKey(id) || position != null) {
                        continue;
                    }
                    long time = event.getTimestamp().toEpochMilli();
                    newest = Math.max(newest, time);
                    int count = fetch.add(id, time);
                    long cutoff = newest - lookBackTime.toMillis();
                    TrackingToken token = MongoTrackingToken.of(java.time.Instant.ofEpochMilli(newest), new KnownEvents(fetch, count, cutoff));
                    results.add(new TrackedDomainEventData<>(token, event));
                }
            }
        }
        return results;
    }
}
