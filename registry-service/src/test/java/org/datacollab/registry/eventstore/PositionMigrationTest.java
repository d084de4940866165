package org.datacollab.registry.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.DocumentPerCommitStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datacollab.registry.eventstore.TestStore.commit;
import static org.datacollab.registry.eventstore.TestStore.formed;
import static org.datacollab.registry.eventstore.TestStore.joined;

/**
 * A store written by the old engine (axon-mongo, document per commit, tracked by time) is migrated at start-up:
 * its commits get positions in the order the old trackers read them, aggregates load, old tokens move to the
 * position they had reached, and new appends follow.
 */
class PositionMigrationTest {

    private static final String PROCESSOR = "kafka-publication";
    private final TestStore store = new TestStore();

    @AfterEach
    void drop() {
        store.close();
    }

    @Test
    void oldCommitsGetPositionsInTheirOrderAndTokensTheirPlace() {
        Instant t = Instant.parse("2025-06-01T12:00:00Z");
        MongoEventStorageEngine old = MongoEventStorageEngine.builder().mongoTemplate(store.template)
                .storageStrategy(new DocumentPerCommitStorageStrategy())
                .eventSerializer(TestStore.SERIALIZER).snapshotSerializer(TestStore.SERIALIZER).build();
        // appended out of time order: the old trackers read by time, and so does the migration
        old.appendEvents(commit("b", 0, t.plusSeconds(10), formed("b")));
        old.appendEvents(commit("a", 0, t, formed("a")));
        old.appendEvents(commit("a", 1, t.plusSeconds(20), joined("x"), joined("y")));
        old.appendEvents(commit("b", 1, t.plusSeconds(30), joined("z")));
        TokenStore tokens = MongoTokenStore.builder().mongoTemplate(store.template).serializer(TestStore.SERIALIZER).build();
        tokens.initializeTokenSegments(PROCESSOR, 1);
        // the old publication had read up to the commit at t + 20 s (and its look-back window)
        tokens.storeToken(MongoTrackingToken.of(t.plusSeconds(20), Map.of()), PROCESSOR, 0);

        PositionedEventStorageEngine engine = store.engine(Duration.ofSeconds(10));

        List<String> order = new ArrayList<>();
        for (long position = 1; position <= 4; position++) {
            Document commit = store.commits().at(position).orElseThrow();
            order.add(commit.getString("aggregateIdentifier") + "#" + commit.get("firstSequenceNumber"));
        }
        assertThat(order).containsExactly("a#0", "b#0", "a#1", "b#1");
        assertThat(store.commits().collection().countDocuments()).isEqualTo(4);
        assertThat(store.template.eventCollection().countDocuments()).as("left in the old collection").isZero();
        assertThat(engine.readEvents("a", 0).asStream().map(e -> (Object) e.getPayload()))
                .containsExactly(formed("a"), joined("x"), joined("y"));
        assertThat(engine.lastSequenceNumberFor("b")).contains(1L);
        // the token is placed before the first commit inside its look-back window: a#1 at position 3
        assertThat(tokens.fetchToken(PROCESSOR, 0)).isEqualTo(new CommitToken(3, 0));
        assertThat(engine.readEvents(new CommitToken(3, 0), false).map(e -> ((DomainEventMessage<?>) e).getSequenceNumber()))
                .containsExactly(1L, 2L, 1L);

        engine.appendEvents(commit("a", 3, Instant.now(), joined("w")));
        assertThat(store.commits().at(5)).isPresent();
        // a second start finds the store migrated and changes nothing
        PositionedEventStorageEngine again = store.engine(Duration.ofSeconds(10));
        assertThat(again.readEvents(null, false).map(TrackedEventMessage::trackingToken)).hasSize(6).last()
                .isEqualTo(new CommitToken(6, 0));
        assertThat(store.commits().collection().listIndexes().map(i -> i.getString("name")).into(new ArrayList<>()))
                .containsExactlyInAnyOrder("_id_", Commits.START_INDEX);
    }

    @Test
    void aMigrationStoppedHalfWayResumesWithoutDuplicates() {
        Instant t = Instant.parse("2025-06-01T12:00:00Z");
        MongoEventStorageEngine old = MongoEventStorageEngine.builder().mongoTemplate(store.template)
                .storageStrategy(new DocumentPerCommitStorageStrategy())
                .eventSerializer(TestStore.SERIALIZER).snapshotSerializer(TestStore.SERIALIZER).build();
        old.appendEvents(commit("a", 0, t, formed("a")));
        old.appendEvents(commit("a", 1, t.plusSeconds(1), joined("x")));
        // as if a run gave the first commit position 1, copied it there and stopped before deleting the original
        var legacy = store.template.eventCollection();
        Document first = legacy.find(new Document("firstSequenceNumber", 0L)).first();
        long position = store.positions().next();
        legacy.updateOne(new Document("_id", first.get("_id")), new Document("$set", new Document("migratedTo", position)));
        Document copy = new Document("_id", position);
        first.forEach((key, value) -> {
            if (!key.equals("_id")) {
                copy.put(key, value);
            }
        });
        store.commits().collection().insertOne(copy);

        PositionedEventStorageEngine engine = store.engine(Duration.ofSeconds(10));

        assertThat(engine.readEvents("a", 0).asStream().map(DomainEventMessage::getSequenceNumber)).containsExactly(0L, 1L);
        assertThat(engine.readEvents(null, false).map(e -> ((DomainEventMessage<?>) e).getSequenceNumber())).containsExactly(0L, 1L);
        assertThat(store.commits().collection().countDocuments()).isEqualTo(2);
        assertThat(store.commits().at(1).orElseThrow().get("migratedTo")).isNull();
        assertThat(store.commits().at(2).orElseThrow().get("firstSequenceNumber")).isEqualTo(1L);
    }
}
