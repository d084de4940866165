package org.datacollab.registry.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.CommitEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.CommitEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commits collection ({@code event_commits}): one document per commit, in axon-mongo's commit form, whose
 * {@code _id} is its global position. A position passed by tracking without a commit holds a tombstone. Every
 * query here is a key lookup: {@code _id} (one, or {@code $in}), or the unique (aggregate, first sequence
 * number) key, which also keeps two writers from forking a history.
 */
final class Commits {

    static final String COLLECTION = "event_commits";
    /** Where axon-mongo kept commits before positions (read once, by the migration). */
    static final String LEGACY_COLLECTION = "domainevents";
    static final String SNAPSHOTS = "event_snapshots";
    static final String AGGREGATE = "aggregateIdentifier";
    static final String FIRST_SEQUENCE = "firstSequenceNumber";
    static final String LAST_SEQUENCE = "lastSequenceNumber";
    static final String FIRST_TIMESTAMP = "firstTimestamp";
    static final String EVENT_ID = "eventIdentifier";
    static final String TOMBSTONE = "tombstone";
    /** Sparse, so that tombstones (which have neither field) are left out of it. */
    static final String START_INDEX = "commitStartIndex";

    private static final CommitEntryConfiguration COMMIT = CommitEntryConfiguration.getDefault();
    private static final EventEntryConfiguration EVENT = EventEntryConfiguration.getDefault();

    private final MongoCollection<Document> collection;

    Commits(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    void ensureIndexes() {
        collection.createIndex(Indexes.ascending(AGGREGATE, FIRST_SEQUENCE),
                new IndexOptions().unique(true).sparse(true).name(START_INDEX));
    }

    MongoCollection<Document> collection() {
        return collection;
    }

    /** The document of one commit, without its position (the writer adds it when it has one). */
    static Document document(List<? extends DomainEventMessage<?>> events, Serializer serializer) {
        return new CommitEntry(events, serializer).asDocument(COMMIT, EVENT);
    }

    static List<? extends DomainEventData<?>> events(Document commit) {
        return Arrays.asList(new CommitEntry(commit, COMMIT, EVENT).getEvents());
    }

    static boolean isTombstone(Document commit) {
        return commit.getBoolean(TOMBSTONE, false);
    }

    static long firstSequence(Document commit) {
        return ((Number) commit.get(FIRST_SEQUENCE)).longValue();
    }

    static long lastSequence(Document commit) {
        return ((Number) commit.get(LAST_SEQUENCE)).longValue();
    }

    static long position(Document commit) {
        return ((Number) commit.get("_id")).longValue();
    }

    /** Inserts; false when the key is taken (the position, or the aggregate's sequence number). */
    boolean insert(Document commit) {
        try {
            collection.insertOne(commit);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Fills a position no commit will take; false when something is there already. */
    boolean tombstone(long position) {
        return insert(new Document("_id", position).append(TOMBSTONE, true).append("at", Instant.now().toString()));
    }

    Optional<Document> at(long position) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", position)).first());
    }

    /** The documents at these positions (tombstones included), by position. */
    Map<Long, Document> at(List<Long> positions) {
        Map<Long, Document> found = new HashMap<>();
        if (!positions.isEmpty()) {
            collection.find(Filters.in("_id", positions)).forEach(d -> found.put(position(d), d));
        }
        return found;
    }

    /** The aggregate's commit that starts at this sequence number, by the unique key (exact equality on both fields). */
    Optional<Document> startingAt(String aggregate, long firstSequence) {
        return Optional.ofNullable(collection.find(new Document(AGGREGATE, aggregate).append(FIRST_SEQUENCE, firstSequence)).first());
    }
}
