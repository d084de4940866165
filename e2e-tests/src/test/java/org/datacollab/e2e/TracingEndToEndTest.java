package org.datacollab.e2e;

import org.datacollab.localstack.LocalStack;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from the gateway to the notification: a request with a W3C traceparent records a delivery that
 * raises a risk; the trace id travels through the registry (event metadata), Kafka (the CloudEvents
 * traceparent extension), the assessment's evaluation and Kafka again, and appears in the notification's
 * log, on the line that enqueues the risk change's deliveries (and in the assessment's, on its evaluation).
 */
class TracingEndToEndTest {

    @Test
    void theTraceIdOfARequestArrivesInTheNotificationsLog() throws Exception {
        LocalStack stack = SharedStack.get();
        RiskReachesWebhookEndToEndTest.stack = stack;
        SecureRandom random = new SecureRandom();
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        random.nextBytes(trace);
        random.nextBytes(span);
        String traceId = HexFormat.of().formatHex(trace);
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(span) + "-01";
        String ref = "traced-" + UUID.randomUUID().toString().substring(0, 6);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(RiskReachesWebhookEndToEndTest.post("/api/registry/partnerships", """
                {"ref":"%s","name":"Traced","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g",
                 "occurredAt":"%s"}""".formatted(ref, today)).statusCode()).isEqualTo(201);
        assertThat(RiskReachesWebhookEndToEndTest.post("/api/registry/partnerships/" + ref + "/facts", """
                {"fact":"PartnerJoined","occurredAt":"%s","organization":{"ref":"telco","name":"Telco","sector":"PRIVATE"},
                 "roles":["LEAD","DATA_PROVIDER"]}""".formatted(today)).statusCode()).isEqualTo(201);
        HttpResponse<String> delivered = RiskReachesWebhookEndToEndTest.HTTP.send(HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/api/registry/partnerships/" + ref + "/facts"))
                .header("Authorization", "Bearer " + stack.adminKey()).header("content-type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"fact":"DataDelivered","occurredAt":"%s","provider":"telco","dataset":"d"}""".formatted(today))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(stack.service("notification-service").log())
                .lines().anyMatch(line -> line.contains(traceId) && line.contains(ref)));
        String line = Files.readString(stack.service("notification-service").log()).lines()
                .filter(l -> l.contains(traceId)).findFirst().orElseThrow();
        assertThat(line).contains("RiskRaised").contains(ref);
        assertThat(Files.readString(stack.service("assessment-service").log())).contains(traceId);
    }
}
