package org.datacollab.assessment;

import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.testsupport.Hostile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.datacollab.security.Role;
import org.datacollab.security.Caller;
import org.datacollab.testsupport.StreamCaps;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The assessment's hostile-input table: each row a request beyond a bound or of the wrong form, its status and
 * problem rule (problem+json everywhere, also for the framework's own errors), and afterwards nothing changed:
 * the partnership's assessment has the same facts and no rebuild was started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends AssessmentIntegrationTest {

    static final String REF = uniqueRef("hostile");

    @BeforeAll
    void partnership() throws Exception {
        http();
        publish(REF, 0, AssessmentServiceTest.formed(REF, PartnershipModel.SOCIAL_ISSUE, Instant.parse("2024-03-01T00:00:00Z")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/partnerships/{ref}/assessment", REF).exchange().expectStatus().isOk());
    }

    Stream<Hostile> rows() {
        String partnership = "/partnerships/" + REF;
        return Stream.of(
                Hostile.get("asOf not-a-date", partnership + "/assessment?asOf=not-a-date").expect(400, "value-format", "asOf"),
                Hostile.get("asOf +999999999-12-31", partnership + "/assessment?asOf={d}", "+999999999-12-31")
                        .expect(400, "date-range", "asOf", Limits.MAX_YEAR),
                Hostile.get("risk history until +999999999-12-31", partnership + "/risk-history?until={d}", "+999999999-12-31")
                        .expect(400, "date-range", "until", Limits.MAX_YEAR),
                Hostile.get("timeline asOf -999999999-01-01", partnership + "/timeline?asOf={d}", "-999999999-01-01")
                        .expect(400, "date-range", "asOf", Limits.MAX_YEAR),
                Hostile.get("timeline asOf the day before the formation", partnership + "/timeline?asOf=2024-02-29")
                        .expect(422, "as-of-before-formation", "asOf"),
                Hostile.get("a stream ref of 101 characters", "/partnerships/stream?ref=" + "r".repeat(101))
                        .expect(400, "text-length", "ref", Limits.REF),
                Hostile.get("a portfolio organization of 101 characters", "/portfolios/organizations/" + "o".repeat(101))
                        .expect(400, "text-length", "organization", Limits.REF),
                // refused on its declared length; the rebuild reads no body, so one sent in chunks is never read (nor held)
                Hostile.post("a body of 300 KB to the rebuild", "/admin/rebuild", MediaType.APPLICATION_JSON, new byte[300 * 1024])
                        .expect(413, "body-size", null, 256 * 1024),
                Hostile.get("an unknown path", "/no/such/path").expect(404, "not-found", null),
                Hostile.post("POST where only GET is", partnership + "/assessment", "{}").expect(405, "method-not-allowed", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void refusedAndNothingChanged(Hostile row) {
        row.sendAndCheck(http);
        http.get().uri("/partnerships/{ref}/timeline", REF).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.phases[0].facts.length()").isEqualTo(1);
        http.get().uri("/admin/rebuild").exchange().expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("IDLE");
    }

    /** A sixth stream for one key is refused (429 stream-limit) until one of the five is closed (decision 0034). */
    @Test
    void aKeyHoldsAtMostFiveStreams() {
        StreamCaps.assertAtMost(GATEWAY.client(port, Caller.of("k-streams", "city", List.of(Role.DASHBOARD), List.of())),
                "/partnerships/stream", 5);
    }
}
