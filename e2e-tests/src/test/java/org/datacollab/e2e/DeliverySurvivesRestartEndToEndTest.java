package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.localstack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.datacollab.e2e.RiskReachesWebhookEndToEndTest.get;
import static org.datacollab.e2e.RiskReachesWebhookEndToEndTest.post;

/**
 * The notification service is SIGKILLed while a webhook delivery is in flight: the receiver has the request,
 * the service has neither recorded the attempt nor committed the risk change's Kafka offset. After the
 * restart Kafka hands the risk change over again (nothing new is enqueued: the delivery's id is the event id
 * and the subscription), and the unfinished delivery is taken over once its claim lapses and sent again with
 * the same webhook-id, which is how Standard Webhooks receivers recognise a repeat. Counted: one delivery
 * in the log, DELIVERED, and every request the receiver saw carried one and the same webhook-id.
 */
class DeliverySurvivesRestartEndToEndTest {

    static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        RiskReachesWebhookEndToEndTest.stack = stack;
    }

    @Test
    void aDeliveryInterruptedByAKillIsCompletedOnceAfterTheRestart() throws Exception {
        String ref = "restart-" + UUID.randomUUID().toString().substring(0, 6);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            HttpResponse<String> subscribed = post("/api/notifications/subscriptions", """
                    {"organization":"open-state","contact":"alerts@example.org","partnerships":["%s"],
                     "minimumLevel":"LOW","webhook":{"url":"%s","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}"""
                    .formatted(ref, receiver.url()));
            assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
            String subscription = ContractJson.mapper().readTree(subscribed.body()).get("id").asText();
            CountDownLatch answer = receiver.holdNext();

            assertThat(post("/api/registry/partnerships", """
                    {"ref":"%s","name":"Restart","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s",
                     "intendedGoal":"g","occurredAt":"%s"}""".formatted(ref, today)).statusCode()).isEqualTo(201);
            assertThat(post("/api/registry/partnerships/" + ref + "/facts", """
                    {"fact":"PartnerJoined","occurredAt":"%s","organization":{"ref":"telco","name":"Telco","sector":"PRIVATE"},
                     "roles":["LEAD","DATA_PROVIDER"]}""".formatted(today)).statusCode()).isEqualTo(201);
            assertThat(post("/api/registry/partnerships/" + ref + "/facts", """
                    {"fact":"DataDelivered","occurredAt":"%s","provider":"telco","dataset":"d"}""".formatted(today)).statusCode())
                    .isEqualTo(201);

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.arrivals().size() == 1);
            stack.service("notification-service").kill(); // mid-delivery: no answer yet, nothing recorded, offset not committed
            answer.countDown();
            stack.restart("notification-service");

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() == 1);
            // and nothing more for three seconds: a duplicate would have arrived
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).until(() ->
                    receiver.received().size() == 1 && receiver.arrivals().size() == 2);
            assertThat(receiver.received()).hasSize(1);
            assertThat(receiver.arrivals()).hasSize(2);
            assertThat(new HashSet<>(receiver.arrivals())).hasSize(1);
            assertThat(receiver.received().getFirst().headers().get("Webhook-id").getFirst()).isEqualTo(receiver.arrivals().getFirst());

            JsonNode log = ContractJson.mapper().readTree(get("/api/notifications/subscriptions/" + subscription + "/deliveries").body());
            assertThat(log).hasSize(1);
            assertThat(log.get(0).get("status").asText()).isEqualTo("DELIVERED");
        }
    }
}
