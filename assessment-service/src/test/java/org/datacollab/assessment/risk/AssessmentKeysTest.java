package org.datacollab.assessment.risk;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.datacollab.assessment.rules.Assessment;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.infra.Infrastructure;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assessments stored before their keys existed get them the first time the store opens their generation: the
 * partnerships whose day has passed are due, portfolios find theirs, and the cursor moves past empty days.
 */
class AssessmentKeysTest {

    private final MongoClient client = MongoClients.create(Infrastructure.shared().mongoUri());
    private final MongoDatabase db = client.getDatabase("keys-test-" + UUID.randomUUID().toString().substring(0, 8));
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @AfterEach
    void drop() {
        db.drop();
        client.close();
    }

    private void stored(String ref, LocalDate next, String partner, String jurisdiction, int score) {
        db.getCollection("assessments").insertOne(new Document("_id", ref).append("partners", List.of(partner))
                .append("jurisdiction", jurisdiction).append("steward", "ngo").append("score", score)
                .append("nextEvaluationOn", next == null ? null : next.toString()));
    }

    @Test
    void keysAreBuiltFromStoredAssessmentsAndFindThem() {
        stored("overdue", today.minusDays(40), "telco", "NL-Utrecht", 10);
        stored("today", today, "telco", "NL-Amsterdam", 50);
        stored("later", today.plusDays(3), "bank", "NL-Utrecht", 30);
        stored("never", null, "bank", "NL-Utrecht", 0);

        AssessmentStore store = new AssessmentStore(db, 0);

        assertThat(store.due(today.minusDays(1))).containsExactly("overdue");
        assertThat(store.due(today)).containsExactlyInAnyOrder("overdue", "today");
        assertThat(store.due(today.plusDays(3))).containsExactlyInAnyOrder("overdue", "today", "later");
        assertThat(store.portfolio("telco", null)).extracting(d -> d.getString("_id")).containsExactly("today", "overdue");
        assertThat(store.portfolio(null, "NL-Utrecht")).extracting(d -> d.getString("_id")).containsExactly("later", "overdue", "never");
        Caller city = Caller.of("k", "city", List.of(Role.MONITOR), List.of("NL-Amsterdam"));
        assertThat(store.visibleTo(city)).extracting(d -> d.getString("_id")).containsExactly("today");
        assertThat(store.visibleTo(Caller.of("k", "ngo", List.of(Role.STEWARD), List.of()))).hasSize(4);
        // opened again, the keys are there: nothing is read whole, and the cursor stays where the first run left it
        assertThat(new AssessmentStore(db, 0).due(today)).containsExactlyInAnyOrder("overdue", "today");
    }

    /**
     * A save that stored the assessment and stopped before listing it under its keys (MongoDB killed between the
     * writes): its retry (Kafka redelivers the facts, the same evaluation is made again) found it stored, listed it
     * under no key, and no portfolio showed it, nor did the time job find its day. The retry lists it now; and a key
     * left listing a partnership its assessment no longer names (a save that stopped before unlisting) shows nothing.
     */
    @Test
    void theRetryOfASaveThatStoppedBetweenStoringAndListingListsTheAssessment() {
        AssessmentStore store = new AssessmentStore(db, 0);
        String ref = "half-saved";
        // the interrupted save's first write, as AssessmentStore.save stores it; its keys never written
        db.getCollection("assessments").insertOne(new Document("_id", ref).append("name", "Half").append("jurisdiction", "NL-Utrecht")
                .append("partners", List.of("telco")).append("steward", "ngo").append("phase", "FORMING").append("level", "LOW")
                .append("score", 10).append("signals", List.of()).append("asOf", today.toString()).append("announcedLevel", "LOW")
                .append("nextEvaluationOn", today.toString()).append("evaluatedSequence", 3L).append("evaluatedOn", today.toString()));
        // and a key of its former partner, which an earlier save stopped before taking it off
        db.getCollection("assessment_keys").insertOne(new Document("_id", "partner:bank").append("refs", List.of(ref)));

        assertThat(store.save(new Assessment(ref, today, Phase.FORMING, null, 10, RiskLevel.LOW, List.of(),
                        new Assessment.ModelFit(Map.of(), null, false), List.of(), List.of(), List.of("telco"), "telco", true, false, List.of()),
                RiskLevel.LOW, today, "Half", "NL-Utrecht", "ngo", new AssessmentStore.Version(3, today))).isTrue();

        assertThat(store.due(today)).contains(ref);
        assertThat(store.portfolio("telco", null)).extracting(d -> d.getString("_id")).containsExactly(ref);
        assertThat(store.portfolio(null, "NL-Utrecht")).extracting(d -> d.getString("_id")).containsExactly(ref);
        assertThat(store.visibleTo(Caller.of("k", "telco", List.of(Role.MONITOR), List.of()))).extracting(d -> d.getString("_id")).containsExactly(ref);
        assertThat(store.portfolio("bank", null)).isEmpty();
    }
}
