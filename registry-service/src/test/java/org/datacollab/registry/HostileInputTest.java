package org.datacollab.registry;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.testsupport.Hostile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry's hostile-input table (docs/problems.md): each row a request beyond a bound, its status and problem
 * rule (naming the field and the limit), and afterwards nothing recorded: the partnership still holds its formation
 * only, no partnership exists under the row's ref, and no Idempotency-Key was kept. The event-size backstop is
 * tested with a lowered limit (8 KB), which no row that breaks a field bound reaches first.
 */
@TestPropertySource(properties = "datacollab.registry.limits.event-size=8KB")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends RegistryIntegrationTest {

    static final String REF = uniqueRef("hostile");
    static final String FRESH = uniqueRef("hostile-new");
    static final String KEY = "hostile-key";

    @Autowired
    MongoClient mongo;

    @BeforeAll
    void partnership() {
        client();
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue(formation(REF, "Hostile", "s"))
                .exchange().expectStatus().isCreated();
    }

    static Stream<Hostile> rows() {
        String facts = "/partnerships/" + REF + "/facts";
        return Stream.of(
                Hostile.post("a name of 201 characters", "/partnerships", formation(FRESH, "n".repeat(201), "s"))
                        .expect(400, "text-length", "name", Limits.NAME),
                Hostile.post("a name of 1.2 MB", "/partnerships", formation(FRESH, "n".repeat(1_200_000), "s"))
                        .expect(413, "body-size", null, 256 * 1024),
                Hostile.post("a societal issue of 2001 characters", "/partnerships", formation(FRESH, "n", "s".repeat(2001)))
                        .expect(400, "text-length", "societalIssue", Limits.TEXT),
                Hostile.post("a ref of 101 characters", "/partnerships", formation("r".repeat(101), "n", "s"))
                        .expect(400, "text-length", "ref", Limits.REF),
                Hostile.post("funding until +999999999-12-31", facts, """
                        {"fact":"FundingSecured","occurredAt":"2024-03-02","fundingId":"f1","funder":"EU","until":"+999999999-12-31"}""")
                        .expect(400, "date-range", "until", Limits.MAX_YEAR),
                Hostile.post("occurred in the year 999", facts, """
                        {"fact":"ChallengeRaised","occurredAt":"0999-03-02","challengeId":"c1","challenge":"DATA_QUALITY"}""")
                        .expect(400, "date-range", "occurredAt", Limits.MAX_YEAR),
                Hostile.post("an amount of 1E+20", facts, """
                        {"fact":"FundingSecured","occurredAt":"2024-03-02","fundingId":"f1","funder":"EU","amount":{"value":1E+20,"currency":"EUR"}}""")
                        .expect(400, "number-range", "amount.value", Limits.AMOUNT_DIGITS),
                Hostile.post("51 permitted uses", facts, agreement(Collections.nCopies(51, "u"), "p"))
                        .expect(400, "list-size", "permittedUses", 50),
                Hostile.post("101 challenges addressed", facts, """
                        {"fact":"MechanismApplied","occurredAt":"2024-03-02","mechanism":"TRANSPARENCY_MEASURES","addresses":%s}"""
                        .formatted(json(Collections.nCopies(101, "c1"))))
                        .expect(400, "list-size", "addresses", Limits.ITEMS),
                Hostile.post("a fact whose event would not fit the topic (limit lowered to 8 KB)", facts,
                                agreement(Collections.nCopies(50, "u".repeat(200)), "p".repeat(2000)))
                        .expect(413, "event-size", null, 8 * 1024),
                Hostile.post("a body of 300 KB with its length", facts, MediaType.APPLICATION_JSON, padded(300 * 1024))
                        .expect(413, "body-size", null, 256 * 1024),
                Hostile.post("a chunked body of 300 KB, with an Idempotency-Key", facts, MediaType.APPLICATION_JSON, padded(300 * 1024))
                        .sentInChunks().header("Idempotency-Key", KEY)
                        .expect(413, "body-size", null, 256 * 1024),
                Hostile.post("an Idempotency-Key of 201 characters", facts, MediaType.APPLICATION_JSON, padded(100))
                        .header("Idempotency-Key", "k".repeat(201))
                        .expect(400, "idempotency-key-format", "Idempotency-Key"),
                Hostile.post("an import of 2001 entries", "/partnerships/import", history(FRESH, 2001))
                        .expect(413, "history-size", "history", 2000),
                Hostile.post("an import document of 4 MB and more", "/partnerships/import", MediaType.APPLICATION_JSON, padded(4 * 1024 * 1024 + 1))
                        .expect(413, "body-size", null, 4 * 1024 * 1024),
                Hostile.post("an NDJSON import of 1001 histories", "/partnerships/import", MediaType.parseMediaType("application/x-ndjson"),
                                ndjson(1001))
                        .expect(413, "import-size", null, 1000),
                Hostile.get("page 1073741824 of size 2", "/partnerships?page=1073741824&size=2")
                        .expect(400, "page-range", "page", 10_000),
                Hostile.get("page x size beyond 10000 in a history", facts + "?page=21&size=500")
                        .expect(400, "page-range", "page", 10_000),
                Hostile.get("size 0", facts + "?size=0").expect(400, "page-range", "size", 500),
                Hostile.get("asOf +999999999-12-31", "/partnerships/" + REF + "?asOf={asOf}", "+999999999-12-31")
                        .expect(400, "date-range", "asOf", Limits.MAX_YEAR),
                Hostile.get("asOf not-a-date", "/partnerships/" + REF + "?asOf=not-a-date").expect(400, "value-format", "asOf"),
                Hostile.get("asOf the day before the formation", "/partnerships/" + REF + "?asOf=2024-02-29")
                        .expect(422, "as-of-before-formation", "asOf"),
                Hostile.post("a body nested 2,000 levels deep", facts, """
                        {"fact":"ChallengeRaised","occurredAt":"2024-03-02","challengeId":"c1","challenge":"DATA_QUALITY","note":%s1%s}"""
                        .formatted("[".repeat(2000), "]".repeat(2000)))
                        .expect(400, "malformed-json", null),
                Hostile.post("a formation nested 2,000 levels deep", "/partnerships", """
                        {"ref":"%s","name":%s1%s}""".formatted(FRESH, "{\"a\":".repeat(2000), "}".repeat(2000)))
                        .expect(400, "malformed-json", null),
                Hostile.post("an import nested 2,000 levels deep", "/partnerships/import", """
                        {"format":"partnership-history/v1","partnership":%s1%s}""".formatted("[".repeat(2000), "]".repeat(2000)))
                        .expect(400, "malformed-json", null),
                Hostile.post("occurredAt as the number 1e300 (Jackson reads it as 1970-01-01)", "/partnerships", """
                        {"ref":"%s","name":"n","model":"SOCIETAL_SECTOR","timeframe":"OPEN_ENDED","societalIssue":"s","intendedGoal":"g",
                         "occurredAt":1e300}""".formatted(FRESH))
                        .expect(400, "value-type", "occurredAt"),
                Hostile.post("until as the number 20000101", facts, """
                        {"fact":"FundingSecured","occurredAt":"2024-03-02","fundingId":"f1","funder":"EU","until":20000101}""")
                        .expect(400, "value-type", "until"),
                Hostile.post("an import whose entry's on is the number -1e300", "/partnerships/import", """
                        {"format":"partnership-history/v1","partnership":{"ref":"%s","name":"n","formedOn":"2024-03-01"},"organizations":[],
                         "history":[{"on":-1e300,"fact":"ChallengeRaised","challengeId":"c1","challenge":"DATA_QUALITY"}]}""".formatted(FRESH))
                        .expect(400, "value-type", "history[0].occurredAt"),
                Hostile.post("'fact' given twice, the second naming another fact", facts, """
                        {"fact":"ChallengeRaised","fact":"PartnershipEnded","occurredAt":"2024-03-02","challengeId":"c1",
                         "challenge":"DATA_QUALITY","outcome":"COMPLETED"}""")
                        .expect(400, "malformed-json", null),
                Hostile.post("a ref given twice in a formation", "/partnerships", """
                        {"ref":"%s","ref":"%s-0","name":"n","occurredAt":"2024-03-01"}""".formatted(FRESH, FRESH))
                        .expect(400, "malformed-json", null),
                Hostile.post("occurred in the year +1000000000", facts, """
                        {"fact":"ChallengeRaised","occurredAt":"+1000000000-01-01T00:00:00Z","challengeId":"c1","challenge":"DATA_QUALITY"}""")
                        .expect(400, "date-range", "occurredAt", Limits.MAX_YEAR),
                Hostile.get("a search text of 201 characters", "/partnerships?q=" + "q".repeat(201))
                        .expect(400, "text-length", "q", Limits.NAME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void refusedAndNothingRecorded(Hostile row) {
        row.sendAndCheck(http);
        http.get().uri("/partnerships/{ref}/facts", REF).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].fact.fact").isEqualTo("PartnershipFormed");
        http.get().uri("/partnerships/{ref}", FRESH).exchange().expectStatus().isNotFound();
        http.get().uri("/partnerships/{ref}", FRESH + "-0").exchange().expectStatus().isNotFound();
        assertThat(mongo.getDatabase(DATABASE).getCollection("idempotency_keys").countDocuments(Filters.regex("_id", KEY + "$")))
                .as("Idempotency-Keys kept").isZero();
    }

    static String formation(String ref, String name, String issue) {
        return """
                {"ref":"%s","name":"%s","model":"SOCIETAL_SECTOR","timeframe":"OPEN_ENDED","societalIssue":"%s",
                 "intendedGoal":"g","occurredAt":"2024-03-01"}""".formatted(ref, name, issue);
    }

    static String agreement(List<String> uses, String purpose) {
        return """
                {"fact":"AgreementSigned","occurredAt":"2024-03-02","agreementId":"a1","parties":["a","b"],"purpose":"%s",
                 "permittedUses":%s,"confidentiality":"CONFIDENTIAL","deliveryCadence":"ONE_OFF"}""".formatted(purpose, json(uses));
    }

    static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    /** A well-formed fact padded with a long note to the given size. */
    static byte[] padded(int size) {
        String head = "{\"fact\":\"ChallengeRaised\",\"occurredAt\":\"2024-03-02\",\"challengeId\":\"c9\",\"challenge\":\"DATA_QUALITY\",\"note\":\"";
        return (head + "x".repeat(Math.max(0, size - head.length() - 2)) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static String history(String ref, int entries) {
        String history = IntStream.range(0, entries).mapToObj(i -> """
                {"on":"2024-03-02","fact":"ChallengeRaised","challengeId":"c%d","challenge":"DATA_QUALITY"}""".formatted(i))
                .collect(Collectors.joining(","));
        return """
                {"format":"partnership-history/v1","partnership":{"ref":"%s","name":"n","model":"SOCIAL_ISSUE","timeframe":"FINITE",
                 "societalIssue":"s","intendedGoal":"g","formedOn":"2024-03-01"},"organizations":[],"history":[%s]}""".formatted(ref, history);
    }

    static byte[] ndjson(int lines) {
        return IntStream.range(0, lines).mapToObj(i -> history(FRESH + "-" + i, 0)).collect(Collectors.joining("\n"))
                .getBytes(StandardCharsets.UTF_8);
    }
}
