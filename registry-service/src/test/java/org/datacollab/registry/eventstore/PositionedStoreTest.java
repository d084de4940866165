package org.datacollab.registry.eventstore;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.datacollab.registry.eventstore.TestStore.commit;
import static org.datacollab.registry.eventstore.TestStore.formed;
import static org.datacollab.registry.eventstore.TestStore.joined;

/** The positioned store on its own: appends, loads by key, tracking by position, gaps, conflicts, snapshots, tokens. */
class PositionedStoreTest {

    private final TestStore store = new TestStore();
    private final Instant now = Instant.now();

    @AfterEach
    void drop() {
        store.close();
    }

    @Test
    void commitsGetPositionsInAppendOrderAndAggregatesLoadByKey() {
        PositionedEventStorageEngine engine = store.engine(Duration.ofSeconds(10));
        engine.appendEvents(commit("a", 0, now, formed("a")));
        engine.appendEvents(commit("b", 0, now, formed("b")));
        engine.appendEvents(commit("a", 1, now, joined("x"), joined("y")));

        assertThat(engine.readEvents("a", 0).asStream().map(DomainEventMessage::getSequenceNumber)).containsExactly(0L, 1L, 2L);
        assertThat(engine.readEvents("a", 2).asStream().map(DomainEventMessage::getSequenceNumber)).containsExactly(2L);
        assertThat(engine.lastSequenceNumberFor("a")).contains(2L);
        assertThat(engine.lastSequenceNumberFor("none")).isEmpty();
        List<? extends TrackedEventMessage<?>> tracked = engine.readEvents(null, false).toList();
        assertThat(tracked).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()).containsExactly("a", "b", "a", "a");
        assertThat(tracked).extracting(TrackedEventMessage::trackingToken).containsExactly(
                new CommitToken(2, 0), new CommitToken(3, 0), new CommitToken(3, 1), new CommitToken(4, 0));
        // a token inside a commit resumes with the rest of it
        assertThat(engine.readEvents(new CommitToken(3, 1), false).toList()).hasSize(1);
        assertThat(engine.createHeadToken()).isEqualTo(new CommitToken(4, 0));
        assertThat(engine.createTailToken()).isEqualTo(new CommitToken(1, 0));
    }

    @Test
    void aCommitTheHeadDoesNotListIsFoundByItsKeyAndListed() {
        PositionedEventStorageEngine engine = store.engine(Duration.ofSeconds(10));
        engine.appendEvents(commit("a", 0, now, formed("a")));
        engine.appendEvents(commit("a", 1, now, joined("x")));
        engine.appendEvents(commit("a", 2, now, joined("y")));
        // as if the writers of the first and last commit stopped between the commit and its head update
        var heads = store.database.getCollection(AggregateHeads.COLLECTION);
        heads.updateOne(Filters.eq("_id", "a"), Updates.set("commits", List.of(new Document("first", 1L).append("position", 2L))));

        assertThat(engine.readEvents("a", 0).asStream().map(DomainEventMessage::getSequenceNumber)).containsExactly(0L, 1L, 2L);
        assertThat(engine.lastSequenceNumberFor("a")).contains(2L);
        assertThat(heads.find(Filters.eq("_id", "a")).first().getList("commits", Document.class)).hasSize(3);
    }

    @Test
    void aConflictingAppendIsRefusedAndItsPositionFilledAtOnce() {
        PositionedEventStorageEngine engine = store.engine(Duration.ofMinutes(10));
        engine.appendEvents(commit("a", 0, now, formed("a")));
        assertThatThrownBy(() -> engine.appendEvents(commit("a", 0, now, formed("a")))).isInstanceOf(AggregateStreamCreationException.class);
        engine.appendEvents(commit("a", 1, now, joined("x")));
        assertThatThrownBy(() -> engine.appendEvents(commit("a", 1, now, joined("y")))).isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(commit("b", 0, now, formed("b")));

        assertThat(Commits.isTombstone(store.commits().at(2).orElseThrow())).isTrue();
        assertThat(Commits.isTombstone(store.commits().at(4).orElseThrow())).isTrue();
        // with a gap timeout of ten minutes, only filled positions let tracking reach the last commit now
        assertThat(engine.readEvents(null, false).map(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()))
                .containsExactly("a", "a", "b");
        assertThat(engine.readEvents("a", 0).asStream().map(e -> (Object) e.getPayload()))
                .containsExactly(formed("a"), joined("x"));
    }

    @Test
    void aMissingPositionIsWaitedForThenPassedWithATombstone() {
        PositionedEventStorageEngine engine = store.engine(Duration.ofMillis(500));
        engine.appendEvents(commit("a", 0, now, formed("a")));
        long inFlight = store.positions().next(); // a writer took this position and has not inserted yet
        engine.appendEvents(commit("b", 0, now, formed("b")));

        assertThat(engine.readEvents(null, false).toList()).as("stops before the position in flight").hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(engine.readEvents(null, false)
                .map(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())).containsExactly("a", "b"));
        assertThat(Commits.isTombstone(store.commits().at(inFlight).orElseThrow())).isTrue();
        assertThat(engine.gapsPassed()).isEqualTo(1);
    }

    @Test
    void aWriterWhosePositionWasPassedAppendsAtANewOneAndIsReadOnce() {
        PositionedEventStorageEngine tracking = store.engine(Duration.ofMillis(300));
        tracking.appendEvents(commit("a", 0, now, formed("a")));
        AtomicBoolean paused = new AtomicBoolean(true);
        AtomicLong passed = new AtomicLong();
        Positions pausing = new Positions(store.database.getCollection(Positions.COLLECTION)) {
            @Override
            long next() {
                long position = super.next();
                if (paused.getAndSet(false)) {
                    // the writer pauses after taking its position, until a tracker has passed it
                    passed.set(position);
                    await().atMost(Duration.ofSeconds(10)).until(() -> tracking.readEvents(null, false).count() >= 1
                            && store.commits().at(position).isPresent());
                }
                return position;
            }
        };
        PositionedEventStorageEngine slowWriter = store.engine(Duration.ofMillis(300), pausing);

        slowWriter.appendEvents(commit("late", 0, now, formed("late")));

        assertThat(Commits.isTombstone(store.commits().at(passed.get()).orElseThrow())).isTrue();
        assertThat(tracking.readEvents(null, false).map(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()))
                .containsExactly("a", "late");
        assertThat(store.meters.get("registry.eventstore.append.retried").counter().count()).isEqualTo(1.0);
    }

    @Test
    void snapshotsAreKeptByAggregateAndTokensFoundByTime() {
        PositionedEventStorageEngine engine = store.engine(Duration.ofSeconds(10));
        Instant early = Instant.parse("2020-01-01T00:00:00Z");
        engine.appendEvents(commit("a", 0, early, formed("a")));
        engine.appendEvents(commit("a", 1, early.plusSeconds(60), joined("x")));
        engine.appendEvents(commit("a", 2, early.plusSeconds(120), joined("y")));
        engine.storeSnapshot(engine.readEvents("a", 1).asStream().findFirst().orElseThrow());

        assertThat(engine.readSnapshot("a")).hasValueSatisfying(s -> assertThat(s.getSequenceNumber()).isEqualTo(1L));
        assertThat(engine.readSnapshot("b")).isEmpty();
        assertThat(engine.createTokenAt(early.minusSeconds(1))).isEqualTo(new CommitToken(1, 0));
        assertThat(engine.createTokenAt(early.plusSeconds(30))).isEqualTo(new CommitToken(2, 0));
        assertThat(engine.createTokenAt(early.plusSeconds(120))).isEqualTo(new CommitToken(3, 0));
        assertThat(engine.createTokenAt(early.plusSeconds(600))).isEqualTo(new CommitToken(4, 0));
    }
}
