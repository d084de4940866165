package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.localstack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.nio.charset.StandardCharsets;
import jakarta.mail.internet.MimeMessage;

import jakarta.mail.MessagingException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The foundation's one real path, every hop real and each service its own process: through the gateway a
 * partnership is formed and data delivered without an agreement; the registry's aggregate stores the facts in
 * the Mongo event store and publishes them to Kafka; the assessment projects them and raises
 * SHARING_WITHOUT_AGREEMENT; the notification service delivers RiskRaised to the subscribed webhook, signed,
 * to the subscribed email address (a real SMTP server) and to the organization's in-app inbox stream, once each.
 */
class RiskReachesWebhookEndToEndTest {

    static LocalStack stack;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    @Test
    void sharingWithoutAgreementRaisesRiskThatReachesTheWebhookTheEmailAndTheInboxOnceEach() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String secret = "whsec_" + Base64.getEncoder().encodeToString(SecureRandom.getSeed(32));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            HttpResponse<String> subscribed = post("/api/notifications/subscriptions", """
                    {"organization":"open-state","contact":"alerts@example.org","partnerships":["city-mobility"],
                     "minimumLevel":"LOW","webhook":{"url":"%s","secret":"%s"},"email":"alerts@example.org","inApp":true}"""
                    .formatted(receiver.url(), secret));
            assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
            assertThat(subscribed.body()).doesNotContain(secret);
            List<String> inboxEvents = new CopyOnWriteArrayList<>();
            CompletableFuture<HttpResponse<Void>> inbox = HTTP.sendAsync(HttpRequest.newBuilder(
                            URI.create(stack.gatewayUrl() + "/api/notifications/inbox/open-state/stream"))
                    .header("accept", "text/event-stream").header("Authorization", "Bearer " + stack.adminKey()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArrayConsumer(chunk -> chunk.ifPresent(bytes ->
                            new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("event:")).forEach(inboxEvents::add))));

            HttpResponse<String> formed = post("/api/registry/partnerships", """
                    {"ref":"city-mobility","name":"City mobility data","model":"SOCIAL_ISSUE","timeframe":"FINITE",
                     "societalIssue":"Congestion","intendedGoal":"Better traffic plans","jurisdiction":"NL-Amsterdam",
                     "occurredAt":"%s"}""".formatted(today));
            assertThat(formed.statusCode()).as(formed.body()).isEqualTo(201);
            HttpResponse<String> joined = post("/api/registry/partnerships/city-mobility/facts", """
                    {"fact":"PartnerJoined","occurredAt":"%s","organization":{"ref":"telco","name":"Telco","sector":"PRIVATE"},
                     "roles":["LEAD","DATA_PROVIDER"]}""".formatted(today));
            assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
            HttpResponse<String> delivered = post("/api/registry/partnerships/city-mobility/facts", """
                    {"fact":"DataDelivered","occurredAt":"%s","provider":"telco","dataset":"Floating car data","records":120000}""".formatted(today));
            assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.received().isEmpty());
            WebhookReceiver.Received alert = receiver.received().getFirst();
            new Webhook(secret).verify(alert.body(), alert.headers()); // throws when the signature is wrong
            JsonNode body = ContractJson.mapper().readTree(alert.body());
            assertThat(body.get("type").asText()).isEqualTo("RiskRaised");
            JsonNode data = body.get("data");
            assertThat(data.get("ref").asText()).isEqualTo("city-mobility");
            assertThat(data.get("from").asText()).isEqualTo("NONE");
            assertThat(data.get("to").asText()).isEqualTo("LOW");
            assertThat(data.get("score").asInt()).isEqualTo(15);
            assertThat(data.get("signals")).hasSize(1);
            assertThat(data.get("signals").get(0).get("name").asText()).isEqualTo("SHARING_WITHOUT_AGREEMENT");
            assertThat(data.get("signals").get(0).get("weight").asInt()).isEqualTo(15);
            assertThat(data.get("signals").get(0).get("explanation").asText()).contains("no data sharing agreement");

            HttpResponse<String> assessment = get("/api/assessment/partnerships/city-mobility/assessment");
            assertThat(assessment.statusCode()).isEqualTo(200);
            assertThat(ContractJson.mapper().readTree(assessment.body()).get("level").asText()).isEqualTo("LOW");
            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("alerts@example.org") >= 1 && !inboxEvents.isEmpty());
            // one of each, and still one of each three seconds on: anything sent twice would have arrived
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).until(() ->
                    receiver.arrivals().size() == 1 && mailsTo("alerts@example.org") == 1 && inboxEvents.size() == 1);
            assertThat(receiver.received()).hasSize(1);
            assertThat(receiver.arrivals()).hasSize(1);
            assertThat(mailsTo("alerts@example.org")).isEqualTo(1);
            MimeMessage mail = Arrays.stream(SharedStack.smtp().getReceivedMessages())
                    .filter(m -> recipients(m).contains("alerts@example.org")).findFirst().orElseThrow();
            assertThat(mail.getSubject()).contains("RiskRaised").contains("City mobility data");
            assertThat(inboxEvents).containsExactly("event:RiskRaised");
            inbox.cancel(true);
        }
    }

    static long mailsTo(String address) {
        return Arrays.stream(SharedStack.smtp().getReceivedMessages()).filter(m -> recipients(m).contains(address)).count();
    }

    static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.adminKey())
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + stack.adminKey()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
