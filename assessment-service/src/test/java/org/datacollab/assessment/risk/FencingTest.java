package org.datacollab.assessment.risk;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.datacollab.assessment.rules.Assessment;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.infra.Infrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an instance that paused and woke up can still do (issue 14): the time job's lease passes to another instance
 * once it lapses, with a new epoch, and the woken holder finds it no longer holds it; an evaluation that read older
 * facts or an earlier day than the one stored writes nothing (the assessment, the change being announced), whoever
 * runs it; the same evaluation twice writes the same thing (idempotent).
 */
class FencingTest {

    private final MongoClient client = MongoClients.create(Infrastructure.shared().mongoUri());
    private final MongoDatabase db = client.getDatabase("fencing-test-" + UUID.randomUUID().toString().substring(0, 8));
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @AfterEach
    void drop() {
        db.drop();
        client.close();
    }

    @Test
    void theLeasePassesOnlyOnceItLapsedAndTheWokenHolderKnowsItLostIt() {
        Lease first = new Lease(db.getCollection("leases"), "time-passes", "assessment-1");
        Lease second = new Lease(db.getCollection("leases"), "time-passes", "assessment-2");
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        Duration lease = Duration.ofSeconds(30);

        assertThat(first.acquire(now, lease)).hasValue(1);
        assertThat(second.acquire(now.plusSeconds(10), lease)).isEmpty();
        assertThat(first.acquire(now.plusSeconds(20), lease)).as("renewed, same epoch").hasValue(1);
        assertThat(second.acquire(now.plusSeconds(45), lease)).as("not yet lapsed: renewed until 50 s").isEmpty();
        // the first holder pauses; its lease lapses and the second takes it
        assertThat(second.acquire(now.plusSeconds(51), lease)).hasValue(2);
        // the first wakes up, still in its run: it asks before each partnership, and it cannot take the lease back
        assertThat(first.holds(1, now.plusSeconds(52))).isFalse();
        assertThat(first.acquire(now.plusSeconds(52), lease)).isEmpty();
        assertThat(second.holds(2, now.plusSeconds(52))).isTrue();
        assertThat(second.holds(2, now.plusSeconds(90))).as("lapsed by the holder's own clock").isFalse();
    }

    @Test
    void anEvaluationOfOlderFactsOrAnEarlierDayWritesNothing() {
        AssessmentStore store = new AssessmentStore(db, 0);
        String ref = "fenced";
        assertThat(store.save(assessment(ref, RiskLevel.HIGH, 40), RiskLevel.HIGH, today.plusDays(3), "Fenced", "NL", "ngo",
                new AssessmentStore.Version(3, today))).isTrue();

        // an instance that read the history up to #2 before it paused
        assertThat(store.save(assessment(ref, RiskLevel.LOW, 10), RiskLevel.LOW, today.plusDays(1), "Fenced", "NL", "ngo",
                new AssessmentStore.Version(2, today))).isFalse();
        assertThat(store.announcing(ref, ref + "/" + today + "/2/HIGH-LOW", RiskLevel.LOW, new AssessmentStore.Version(2, today))).isFalse();
        // a time job that evaluated yesterday's day
        assertThat(store.save(assessment(ref, RiskLevel.LOW, 10), RiskLevel.LOW, today, "Fenced", "NL", "ngo",
                new AssessmentStore.Version(3, today.minusDays(1)))).isFalse();
        AssessmentStore.Current current = store.find(ref).orElseThrow();
        assertThat(current.announcedLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(current.pendingChangeId()).isNull();
        assertThat(current.nextEvaluationOn()).isEqualTo(today.plusDays(3));
        assertThat(store.due(today.plusDays(2))).as("the day keys were not moved by the refused writes").isEmpty();

        // the same evaluation again (a redelivery, a second instance): written, the same
        assertThat(store.save(assessment(ref, RiskLevel.HIGH, 40), RiskLevel.HIGH, today.plusDays(3), "Fenced", "NL", "ngo",
                new AssessmentStore.Version(3, today))).isTrue();
        // later knowledge: a newer fact, or the next day
        assertThat(store.announcing(ref, ref + "/" + today + "/4/HIGH-LOW", RiskLevel.LOW, new AssessmentStore.Version(4, today))).isTrue();
        assertThat(store.save(assessment(ref, RiskLevel.LOW, 10), RiskLevel.LOW, today.plusDays(5), "Fenced", "NL", "ngo",
                new AssessmentStore.Version(4, today.plusDays(1)))).isTrue();
        assertThat(store.find(ref).orElseThrow().announcedLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(store.due(today.plusDays(5))).containsExactly(ref);
    }

    private Assessment assessment(String ref, RiskLevel level, int score) {
        return new Assessment(ref, today, Phase.FORMING, null, score, level, List.of(),
                new Assessment.ModelFit(Map.of(), null, false), List.of(), List.of(), List.of("telco"), "telco", true, false, List.of());
    }
}
