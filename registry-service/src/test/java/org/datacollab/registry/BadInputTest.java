package org.datacollab.registry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.assertj.core.api.Assertions;

/**
 * Bad input gets RFC 9457 problem+json naming the field (or the partnership) and the rule, and records
 * nothing: each test reads the partnership's facts afterwards and finds them unchanged.
 */
class BadInputTest extends RegistryIntegrationTest {

    String ref;

    @BeforeEach
    void partnership() {
        ref = uniqueRef("bad-input");
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"ref":"%s","name":"Bad input","model":"SOCIETAL_SECTOR","timeframe":"OPEN_ENDED","societalIssue":"s",
                 "intendedGoal":"g","occurredAt":"2024-03-01"}""".formatted(ref))
                .exchange().expectStatus().isCreated();
    }

    @Test
    void malformedJsonIsA400() {
        recordFact("{\"fact\":\"DataDelivered\", \"provider\": ")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo("malformed-json")
                .jsonPath("$.type").isEqualTo("urn:datacollab:problem:malformed-json");
        assertOnlyFormationRecorded();
    }

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheAllowedValues() {
        recordFact("""
                {"fact":"ChallengeRaised","occurredAt":"2024-03-02","challengeId":"c1","challenge":"BUREAUCRACY"}""")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("challenge")
                .jsonPath("$.rule").isEqualTo("enum-value")
                .jsonPath("$.detail").value(detail -> Assertions.assertThat((String) detail)
                        .contains("BUREAUCRACY").contains("LEGAL_UNCERTAINTY"));
        assertOnlyFormationRecorded();
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        recordFact("""
                {"fact":"ChallengeRaised","occurredAt":"2024-03-02","challenge":"DATA_QUALITY"}""")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("challengeId").jsonPath("$.rule").isEqualTo("required");
        assertOnlyFormationRecorded();
    }

    @Test
    void aMissingNestedFieldIsNamedWithItsPath() {
        recordFact("""
                {"fact":"PartnerJoined","occurredAt":"2024-03-02","organization":{"ref":"cbs","sector":"PUBLIC"},"roles":["DATA_PROVIDER"]}""")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("organization.name").jsonPath("$.rule").isEqualTo("required");
        assertOnlyFormationRecorded();
    }

    @Test
    void anUnknownFieldIsNamed() {
        recordFact("""
                {"fact":"ChallengeRaised","occurredAt":"2024-03-02","challengeId":"c1","challenge":"DATA_QUALITY","severity":3}""")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("severity").jsonPath("$.rule").isEqualTo("known-field");
        assertOnlyFormationRecorded();
    }

    @Test
    void anUnknownFactIsNamed() {
        recordFact("""
                {"fact":"DataLeaked","occurredAt":"2024-03-02"}""")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("fact").jsonPath("$.rule").isEqualTo("known-fact");
        assertOnlyFormationRecorded();
    }

    @Test
    void anUnknownPartnershipIsA404NamingIt() {
        http.post().uri("/partnerships/{ref}/facts", "no-such-partnership").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"fact":"ChallengeRaised","occurredAt":"2024-03-02","challengeId":"c1","challenge":"DATA_QUALITY"}""")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-partnership")
                .jsonPath("$.detail").value(d -> Assertions.assertThat((String) d).contains("no-such-partnership"));
        http.get().uri("/partnerships/{ref}", "no-such-partnership").exchange().expectStatus().isNotFound();
    }

    @Test
    void aLifecycleRuleBrokenIsA409NamingTheRule() {
        recordFact("""
                {"fact":"DataDelivered","occurredAt":"2024-03-02","provider":"nobody","dataset":"d"}""")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.rule").isEqualTo("delivery-needs-provider").jsonPath("$.field").isEqualTo("provider");
        assertOnlyFormationRecorded();
    }

    @Test
    void aDateInTheFutureIsA422() {
        recordFact("""
                {"fact":"ChallengeRaised","occurredAt":"2999-01-01","challengeId":"c1","challenge":"DATA_QUALITY"}""")
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.rule").isEqualTo("occurred-in-future").jsonPath("$.field").isEqualTo("occurredAt");
        assertOnlyFormationRecorded();
    }

    @Test
    void aStaleIfMatchIsA412() {
        http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"0\"")
                .bodyValue("""
                        {"fact":"ChallengeRaised","occurredAt":"2024-03-02","challengeId":"c1","challenge":"DATA_QUALITY"}""")
                .exchange().expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"1\"");
        http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"0\"")
                .bodyValue("""
                        {"fact":"ChallengeRaised","occurredAt":"2024-03-02","challengeId":"c2","challenge":"DATA_RISKS"}""")
                .exchange().expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED)
                .expectBody().jsonPath("$.rule").isEqualTo("stale-version").jsonPath("$.field").isEqualTo("If-Match");
        http.get().uri("/partnerships/{ref}/facts", ref).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(2);
    }

    private WebTestClient.ResponseSpec recordFact(String json) {
        return http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private void assertOnlyFormationRecorded() {
        http.get().uri("/partnerships/{ref}/facts", ref).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].fact.fact").isEqualTo("PartnershipFormed");
    }
}
