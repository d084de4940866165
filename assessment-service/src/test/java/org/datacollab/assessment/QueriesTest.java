package org.datacollab.assessment;

import org.datacollab.contracts.facts.DataDelivered;
import org.datacollab.contracts.facts.PhaseChanged;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.security.Role;
import org.datacollab.security.Caller;
import org.datacollab.testsupport.QueryShapes;
import org.datacollab.testsupport.RecordedQueries;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every query the assessment sends for an event (history, evaluation, announcement, the day it falls due), for
 * the reads of an assessment and of non-administrators' portfolios, and for the daily re-evaluation job is a key
 * lookup (docs/queries.md), recorded by a driver CommandListener. Collections are matched by their base name: a
 * rebuild (another test) moves the service to the next generation ({@code facts_g1}, ...).
 */
class QueriesTest extends AssessmentIntegrationTest {

    /**
     * Evaluations are written by compare-and-set on their stored version, the time job's lease renewed and taken over
     * by compare-and-set on its holder and its expiry: each a unique index (decision 0060).
     */
    private static final QueryShapes SHAPES = new QueryShapes(Map.of(
            "assessments", List.of(Set.of("_id", "evaluatedSequence", "evaluatedOn")),
            "leases", List.of(Set.of("_id", "holder"), Set.of("_id", "expiresAt"))), Set.of());

    @Test
    void anEventTheReadsOfItsAssessmentAndTheDueJobAreKeyLookups() throws Exception {
        String ref = uniqueRef("keyed");
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        int mark = QUERIES.mark();
        publish(ref, 0, AssessmentServiceTest.formed(ref, PartnershipModel.SOCIAL_ISSUE, today), AssessmentServiceTest.provider(today),
                new DataDelivered(today, "telco", "d", null, null), new PhaseChanged(today, Phase.FORMING, Phase.OPERATING, "data"));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(ref).size() == 1);
        http.get().uri("/partnerships/{ref}/assessment", ref).exchange().expectStatus().isOk();
        WebTestClient telco = GATEWAY.client(port, Caller.of("k-telco", "telco", List.of(Role.MONITOR), List.of("NL-Utrecht")));
        telco.get().uri("/portfolios/mine").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains(ref));
        telco.get().uri("/portfolios/organizations/telco").exchange().expectStatus().isOk();
        telco.get().uri("/portfolios/jurisdictions/NL-Utrecht").exchange().expectStatus().isOk();
        // the job that re-evaluates the partnerships whose day has come (every 2 s here) asks for its lease first, and
        // its holder reads the days' keys (another context of this JVM may hold the lease: then only the lease is asked)
        await().atMost(Duration.ofSeconds(30)).until(() -> QUERIES.since(mark, DATABASE).stream()
                .anyMatch(q -> q.collection().equals("leases")));

        List<RecordedQueries.Query> sent = QUERIES.since(mark, DATABASE);
        assertThat(sent).as("the event's history and assessment were read and written")
                .anyMatch(q -> q.collection().startsWith("facts") && q.filter().toJson().contains("$in"))
                .anyMatch(q -> q.collection().startsWith("assessments"));
        assertThat(SHAPES.violations(sent)).isEmpty();
    }
}
