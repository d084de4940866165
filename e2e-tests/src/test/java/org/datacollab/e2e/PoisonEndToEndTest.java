package org.datacollab.e2e;

import org.datacollab.contracts.facts.FundingSecured;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Timeframe;
import org.datacollab.localstack.LocalStack;
import org.datacollab.registry.eventstore.StoreWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison isolated, never blocking (issue 13, decision 0032), every service its own process: two facts recorded
 * before today's limits could be are written straight into the registry's store, one Kafka refuses (a 1.2 MB name)
 * and one the assessment cannot evaluate (funding until +999999999-12-31). A partnership formed afterwards through
 * the gateway is still assessed and its risk change delivered to its webhook within {@link #LIVENESS} (a generous
 * liveness bound: on a quiet machine it takes a few seconds), and each poison is in its service's dead letters.
 */
class PoisonEndToEndTest {

    /** How long the partnership formed after the poison may take to reach its webhook. */
    static final Duration LIVENESS = Duration.ofMinutes(2);

    static LocalStack stack;
    static AsAdmin admin;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        admin = new AsAdmin(stack);
    }

    @Test
    void poisonIsSetAsideAndAPartnershipFormedAfterItIsAssessedAndAnnounced() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 6);
        String tooLarge = "poison-large-" + id;
        String unevaluable = "poison-date-" + id;
        String after = "after-poison-" + id;
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (StoreWriter store = new StoreWriter(stack.infrastructure().mongoUri(), "registry")) {
            store.append(tooLarge, 0, formed(tooLarge, "n".repeat(1_200_000), today));
            store.append(unevaluable, 0, formed(unevaluable, "Old record", today), new FundingSecured(today, "f1", "EU", null, LocalDate.MAX));
        }

        String secret = "whsec_" + Base64.getEncoder().encodeToString(SecureRandom.getSeed(32));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            HttpResponse<String> subscribed = admin.post("/api/notifications/subscriptions", """
                    {"organization":"open-state","contact":"alerts@example.org","partnerships":["%s"],"minimumLevel":"LOW",
                     "webhook":{"url":"%s","secret":"%s"}}""".formatted(after, receiver.url(), secret));
            assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
            String on = today.toString().substring(0, 10);
            for (var request : List.of(
                    List.of("/api/registry/partnerships", """
                            {"ref":"%s","name":"After the poison","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s",
                             "intendedGoal":"g","jurisdiction":"NL-Amsterdam","occurredAt":"%s"}""".formatted(after, on)),
                    List.of("/api/registry/partnerships/" + after + "/facts", """
                            {"fact":"PartnerJoined","occurredAt":"%s","organization":{"ref":"telco","name":"Telco","sector":"PRIVATE"},
                             "roles":["LEAD","DATA_PROVIDER"]}""".formatted(on)),
                    List.of("/api/registry/partnerships/" + after + "/facts", """
                            {"fact":"DataDelivered","occurredAt":"%s","provider":"telco","dataset":"d"}""".formatted(on)))) {
                HttpResponse<String> recorded = admin.post(request.get(0), request.get(1));
                assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
            }
            await().atMost(LIVENESS).until(() -> receiver.received().stream().anyMatch(r -> r.body().contains("\"ref\":\"" + after + "\"")
                    && r.body().contains("RiskRaised")));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String registry = admin.get("/api/registry/admin/dead-letters?limit=500").body();
            assertThat(registry).contains("\"key\":\"" + tooLarge + "\"").contains("RecordTooLargeException");
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String assessment = admin.get("/api/assessment/admin/dead-letters?limit=500").body();
            assertThat(assessment).contains("\"key\":\"" + unevaluable + "\"").contains("java.time.DateTimeException");
        });
    }

    static PartnershipFormed formed(String ref, String name, Instant on) {
        return new PartnershipFormed(on, ref, name, PartnershipModel.SOCIAL_ISSUE, Timeframe.FINITE, "issue", "goal", "NL-Amsterdam", List.of());
    }
}
