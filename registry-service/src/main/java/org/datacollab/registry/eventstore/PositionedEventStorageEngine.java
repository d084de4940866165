package org.datacollab.registry.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's event storage on MongoDB, one document per commit, each at a global position (docs/decisions/0020).
 * Appends take a position from a counter ({@link CommitWriter}); tracking processors read by position with
 * gaps waited for and then passed with tombstones ({@link CommitTracker}); aggregates load through their head
 * document ({@link AggregateReader}). Every query is a key lookup, so the cost of a command or a poll does not
 * grow with the store. Serialization and the upcaster chain are Axon's ({@link AbstractEventStorageEngine}).
 */
public final class PositionedEventStorageEngine extends AbstractEventStorageEngine {

    /** Events a tracking stream asks for per fetch (whole commits are always read whole). */
    private static final int TRACKING_BATCH = 500;

    private final Commits commits;
    private final Positions positions;
    private final CommitWriter writer;
    private final AggregateReader reader;
    private final CommitTracker tracker;
    private final MongoCollection<Document> snapshots;

    PositionedEventStorageEngine(Serializer serializer, EventUpcaster upcasters, Parts store) {
        super(new Builder().snapshotSerializer(serializer).eventSerializer(serializer).upcasterChain(upcasters)
                .persistenceExceptionResolver(e -> e instanceof CommitWriter.CommitConflict));
        this.commits = store.commits();
        this.positions = store.positions();
        this.writer = store.writer();
        this.reader = store.reader();
        this.tracker = store.tracker();
        this.snapshots = store.snapshots();
    }

    /** The parts the engine is made of, built by {@link EventStoreConfiguration}. */
    record Parts(Commits commits, Positions positions, CommitWriter writer, AggregateReader reader,
                      CommitTracker tracker, MongoCollection<Document> snapshots) {
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<? extends DomainEventMessage<?>> commit = events.stream().map(EventUtils::asDomainEventMessage).toList();
        try {
            writer.append(Commits.document(commit, serializer));
        } catch (RuntimeException e) {
            handlePersistenceException(e, events.getFirst());
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        return reader.events(identifier, firstSequenceNumber);
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        CommitToken start = trackingToken == null ? CommitToken.tail() : asCommitToken(trackingToken);
        Iterator<TrackedEventData<?>> events = new Iterator<>() {
            private CommitToken last = start;
            private Iterator<TrackedEventData<?>> batch = List.<TrackedEventData<?>>of().iterator();

            /** Reads on when the batch is done: false now may be true on the next call (a stream that follows). */
            @Override
            public boolean hasNext() {
                if (!batch.hasNext()) {
                    batch = tracker.after(last, TRACKING_BATCH).iterator();
                }
                return batch.hasNext();
            }

            @Override
            public TrackedEventData<?> next() {
                TrackedEventData<?> event = batch.next();
                last = (CommitToken) event.trackingToken();
                return event;
            }
        };
        Iterable<TrackedEventData<?>> iterable = () -> events;
        return StreamSupport.stream(iterable.spliterator(), false);
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = Commits.document(List.of(snapshot), serializer);
        document.put("_id", snapshot.getAggregateIdentifier());
        snapshots.replaceOne(Filters.eq("_id", snapshot.getAggregateIdentifier()), document, new ReplaceOptions().upsert(true));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Optional.ofNullable(snapshots.find(Filters.eq("_id", aggregateIdentifier)).first()).stream()
                .flatMap(snapshot -> Commits.events(snapshot).stream());
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return reader.lastSequenceNumber(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return CommitToken.tail();
    }

    @Override
    public TrackingToken createHeadToken() {
        return CommitToken.before(positions.current() + 1);
    }

    /**
     * Before the first commit stamped at or after the time, found by binary search over positions (commits are
     * stamped in about the order of their positions: up to clock skew between instances and the time an append
     * takes). Tombstones are stepped over.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        long low = 1;
        long high = positions.current() + 1;
        while (low < high) {
            long middle = (low + high) >>> 1;
            Optional<Document> commit = firstCommitFrom(middle, high);
            if (commit.isEmpty() || !stamp(commit.get()).isBefore(dateTime)) {
                high = middle;
            } else {
                low = Commits.position(commit.get()) + 1;
            }
        }
        return CommitToken.before(low);
    }

    /** The highest position handed out: the store's head, against which lag is counted. */
    public long headPosition() {
        return positions.current();
    }

    /** Positions passed with a tombstone by this instance since it started. */
    public long gapsPassed() {
        return tracker.gapsPassed();
    }

    /** The first commit at or after {@code from} within the next 100 positions below {@code before}. */
    private Optional<Document> firstCommitFrom(long from, long before) {
        for (long start = from; start < Math.min(before, from + 100); start += 10) {
            List<Long> window = LongStream.range(start, Math.min(before, start + 10)).boxed().toList();
            Map<Long, Document> found = commits.at(window);
            for (Long position : window) {
                Document commit = found.get(position);
                if (commit != null && !Commits.isTombstone(commit)) {
                    return Optional.of(commit);
                }
            }
        }
        return Optional.empty();
    }

    private static Instant stamp(Document commit) {
        return DateTimeUtils.parseInstant(commit.getString(Commits.FIRST_TIMESTAMP));
    }

    private static CommitToken asCommitToken(TrackingToken token) {
        if (token instanceof CommitToken commitToken) {
            return commitToken;
        }
        throw new IllegalArgumentException("Token " + token + " is not a position in this store; tokens written before"
                + " positions are converted when the store is migrated (docs/operations.md, Upgrading the event store)");
    }

    private static final class Builder extends AbstractEventStorageEngine.Builder {
    }
}
