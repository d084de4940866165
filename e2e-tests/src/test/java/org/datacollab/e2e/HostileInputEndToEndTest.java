package org.datacollab.e2e;

import org.datacollab.contracts.limits.Limits;
import org.datacollab.localstack.LocalStack;
import org.datacollab.testsupport.Hostile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input table through the gateway (issue 13), every service its own process: each row a request
 * beyond a bound, answered problem+json with its rule (from the gateway's own body limit, declared or chunked, or
 * from the service behind it), and afterwards nothing recorded: the partnership holds its formation only, no
 * partnership exists under the new ref, the organization has no subscription.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputEndToEndTest {

    static final String ID = UUID.randomUUID().toString().substring(0, 6);
    static final String REF = "hostile-" + ID;
    static final String FRESH = "hostile-new-" + ID;
    static final String ORGANIZATION = "hostile-org-" + ID;

    LocalStack stack;
    AsAdmin admin;

    @BeforeAll
    void partnership() throws Exception {
        stack = SharedStack.get();
        admin = new AsAdmin(stack);
        var formed = admin.post("/api/registry/partnerships", formation(REF, "Hostile", "s"));
        assertThat(formed.statusCode()).as(formed.body()).isEqualTo(201);
    }

    Stream<Hostile> rows() {
        String facts = "/api/registry/partnerships/" + REF + "/facts";
        byte[] large = padded(300 * 1024);
        return Stream.of(
                Hostile.post("a body of 300 KB with its length, refused by the gateway", facts, MediaType.APPLICATION_JSON, large)
                        .expect(413, "body-size", null, 256 * 1024),
                Hostile.post("a chunked body of 300 KB, refused by the gateway", facts, MediaType.APPLICATION_JSON, large)
                        .sentInChunks().expect(413, "body-size", null, 256 * 1024),
                Hostile.post("a name of 201 characters", "/api/registry/partnerships", formation(FRESH, "n".repeat(201), "s"))
                        .expect(400, "text-length", "name", Limits.NAME),
                Hostile.post("funding until +999999999-12-31", facts, """
                        {"fact":"FundingSecured","occurredAt":"2024-03-02","fundingId":"f1","funder":"EU","until":"+999999999-12-31"}""")
                        .expect(400, "date-range", "until", Limits.MAX_YEAR),
                Hostile.post("a fact nested 2,000 levels deep", facts, """
                        {"fact":"ChallengeRaised","occurredAt":"2024-03-02","challengeId":"c1","challenge":"DATA_QUALITY","note":%s1%s}"""
                        .formatted("[".repeat(2000), "]".repeat(2000)))
                        .expect(400, "malformed-json", null),
                Hostile.post("'fact' given twice, the second naming another fact", facts, """
                        {"fact":"ChallengeRaised","fact":"PartnershipEnded","occurredAt":"2024-03-02","challengeId":"c1","challenge":"DATA_QUALITY"}""")
                        .expect(400, "malformed-json", null),
                Hostile.post("a formation dated with the number 1e300", "/api/registry/partnerships", formation(FRESH, "n", "s")
                                .replace("\"2024-03-01\"", "1e300"))
                        .expect(400, "value-type", "occurredAt"),
                Hostile.get("asOf the day before the formation", "/api/registry/partnerships/" + REF + "?asOf=2024-02-29")
                        .expect(422, "as-of-before-formation", "asOf"),
                Hostile.post("a catalogue dated -999999999-01-01", "/api/catalogue/import?cataloguedOn=-999999999-01-01&steward=" + ORGANIZATION,
                                MediaType.parseMediaType("text/csv"), ("Title\n" + FRESH + "\n").getBytes(StandardCharsets.UTF_8))
                        .expect(400, "date-range", "cataloguedOn", Limits.MAX_YEAR),
                Hostile.post("a subscription with a misspelt channel", "/api/notifications/subscriptions", """
                        {"organization":"%s","contact":"ops@example.org","partnerships":["%s"],"minimumLevel":"LOW","inapp":true,"email":"ops@example.org"}"""
                        .formatted(ORGANIZATION, REF))
                        .expect(400, "known-field", "inapp"),
                Hostile.get("page 1073741824 of size 2", "/api/registry/partnerships?page=1073741824&size=2")
                        .expect(400, "page-range", "page", 10_000),
                Hostile.get("asOf +999999999-12-31 in the registry", "/api/registry/partnerships/" + REF + "?asOf={d}", "+999999999-12-31")
                        .expect(400, "date-range", "asOf", Limits.MAX_YEAR),
                Hostile.get("asOf not-a-date in the assessment", "/api/assessment/partnerships/" + REF + "/assessment?asOf=not-a-date")
                        .expect(400, "value-format", "asOf"),
                Hostile.get("inbox limit 0 in the notification service", "/api/notifications/inbox/" + ORGANIZATION + "?limit=0")
                        .expect(400, "number-range", "limit", 500),
                Hostile.post("a webhook into the shared address space", "/api/notifications/subscriptions", """
                        {"organization":"%s","contact":"ops@example.org","partnerships":["%s"],"minimumLevel":"LOW",
                         "webhook":{"url":"http://100.100.100.200/latest/meta-data","secret":"%s"}}"""
                        .formatted(ORGANIZATION, REF, "whsec_" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32))))
                        .expect(400, "webhook-url-allowed", "webhook.url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void refusedAndNothingRecorded(Hostile row) throws Exception {
        row.sendAndCheck(admin.client());
        var facts = admin.get("/api/registry/partnerships/" + REF + "/facts");
        assertThat(facts.body()).as("the partnership holds its formation only").contains("\"total\":1");
        assertThat(admin.get("/api/registry/partnerships/" + FRESH).statusCode()).isEqualTo(404);
        assertThat(admin.get("/api/notifications/subscriptions?organization=" + ORGANIZATION).body()).isEqualTo("[]");
    }

    static String formation(String ref, String name, String issue) {
        return """
                {"ref":"%s","name":"%s","model":"SOCIETAL_SECTOR","timeframe":"OPEN_ENDED","societalIssue":"%s",
                 "intendedGoal":"g","occurredAt":"2024-03-01"}""".formatted(ref, name, issue);
    }

    static byte[] padded(int size) {
        String head = "{\"fact\":\"ChallengeRaised\",\"occurredAt\":\"2024-03-02\",\"challengeId\":\"c9\",\"challenge\":\"DATA_QUALITY\",\"note\":\"";
        return (head + "x".repeat(Math.max(0, size - head.length() - 2)) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
