package org.datacollab.notification;

import com.standardwebhooks.Webhook;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.junit.jupiter.api.Test;
import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.util.ArrayList;
import java.util.Date;
import java.util.regex.Pattern;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Against real Kafka and MongoDB, with a real HTTP receiver: a risk change redelivered by Kafka is delivered
 * once per subscription; a receiver failing for a while is retried until it answers, each attempt logged;
 * webhook URLs on private addresses are refused unless allowed; secrets are never returned.
 */
class NotificationServiceTest extends NotificationIntegrationTest {

    @Test
    void subscribersHearOnlyOfTheirOwnPartnershipsAndSeeOnlyTheirOwnSubscriptions() throws Exception {
        String ref = "tenant-" + UUID.randomUUID().toString().substring(0, 6);
        var city = as(port, Caller.of("k-city", "city", List.of(Role.MONITOR), List.of("NL")));
        var outsider = as(port, Caller.of("k-out", "outsider", List.of(Role.STEWARD), List.of()));
        var dashboard = as(port, Caller.of("k-dash", "city", List.of(Role.DASHBOARD), List.of()));
        String body = """
                {"organization":"%s","contact":"ops@example.org","partnerships":["%s"],"minimumLevel":"LOW",
                 "webhook":{"url":"http://127.0.0.1:%d/hook","secret":"%s"}}""";
        int hook = receiver.getAddress().getPort();
        byte[] created = city.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue(body.formatted("city", ref, hook, secret()))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        String cityId = new String(created, StandardCharsets.UTF_8).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        // the outsider names the partnership, but is neither a partner nor a monitor of its jurisdiction
        outsider.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue(body.formatted("outsider", ref, hook, secret()))
                .exchange().expectStatus().isCreated();
        outsider.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue(body.formatted("city", ref, hook, secret()))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.rule").isEqualTo("own-organization").jsonPath("$.field").isEqualTo("organization");
        dashboard.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue(body.formatted("city", ref, hook, secret()))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.rule").isEqualTo("role-required");
        city.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"organization":"city","contact":"ops@example.org","jurisdiction":"DE","minimumLevel":"LOW","inApp":true}""")
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.rule").isEqualTo("own-jurisdiction");
        outsider.get().uri("/subscriptions/{id}", cityId).exchange().expectStatus().isNotFound();
        // another organization's subscriptions are not there (TenancyLeaksTest holds the same with deliveries and alerts)
        outsider.get().uri("/subscriptions?organization=city").exchange().expectStatus().isNotFound();
        outsider.get().uri("/subscriptions/{id}/deliveries", cityId).exchange().expectStatus().isNotFound();
        outsider.delete().uri("/subscriptions/{id}", cityId).exchange().expectStatus().isNotFound();

        // a risk change of a partnership in the city's jurisdiction (NL) reaches the city, and not the outsider
        announce(RiskChange.between(ref, "P", "NL", List.of("telco"), "telco", RiskLevel.NONE, RiskLevel.LOW, 15,
                List.of(), List.of(), Instant.parse("2026-11-25T00:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor(ref) >= 1);
        // the outsider's subscription never hears it: still exactly one delivery a second later
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> receivedFor(ref) == 1);
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get().uri("/subscriptions/{id}", cityId)
                .exchange().expectStatus().isUnauthorized();
    }

    @Autowired
    MongoClient mongo;

    /**
     * A try that stored a delivery and stopped before listing it under its due time (MongoDB killed between the two
     * writes: the fault suite lost a webhook so on 2026-12-02, its retry logging "0 deliveries enqueued"): the retry
     * of the same change finds it stored, lists it, and it is delivered, once. Without that, no poll ever finds it.
     */
    @Test
    void aDeliveryStoredByATryThatStoppedBeforeListingItIsDeliveredOnTheRetry() throws Exception {
        String ref = "half-" + UUID.randomUUID().toString().substring(0, 6);
        String subscription = subscribe(ref, secret());
        RiskChange change = raised(ref);
        String eventId = RiskChangeCodec.eventId(change);
        Date now = new Date();
        // the interrupted try's first write, as DeliveryStore.enqueue stores it; its listing never happened
        mongo.getDatabase(DATABASE).getCollection("deliveries").insertOne(new Document("_id", eventId + "|" + subscription + "|webhook")
                .append("eventId", eventId).append("subscriptionId", subscription).append("channel", "webhook").append("ref", ref)
                .append("type", "RiskRaised").append("payload", "{\"type\":\"RiskRaised\",\"data\":{\"ref\":\"" + ref + "\"}}")
                .append("eventTime", Date.from(change.changedAt())).append("status", "PENDING").append("attempts", 0)
                .append("nextAttemptAt", now).append("claimedUntil", now).append("createdAt", now).append("log", List.of()));
        // the service's own poll does not know of it
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> receivedFor(ref) == 0);

        announce(change); // Kafka redelivers the change whose handling failed
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor(ref) == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> receivedFor(ref) == 1);
        http.get().uri("/subscriptions/{id}/deliveries", subscription).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].status").isEqualTo("DELIVERED");
    }

    @Test
    void aRedeliveredRiskChangeReachesEachSubscriberOnce() throws Exception {
        String ref = "once-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = secret();
        subscribe(ref, secret);
        RiskChange change = raised(ref);
        for (int i = 0; i < 3; i++) {
            announce(change); // Kafka redelivery, or the assessment announcing again after a crash: same id
        }
        // a later change of the same partnership is on the same partition: once it is delivered, the repeats were
        // consumed; deliveries run on several workers, so the two may arrive in either order: wait for both, then
        // make sure for a few seconds that nothing more arrives
        announce(RiskChange.between(ref, "P", "NL", List.of("city"), "city", RiskLevel.LOW, RiskLevel.MEDIUM, 30,
                List.of(), List.of(), Instant.parse("2026-11-26T00:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> bodies.stream().anyMatch(b -> b.contains(ref) && b.contains("RiskEscalated"))
                && bodies.stream().anyMatch(b -> b.contains(ref) && b.contains("RiskRaised")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> receivedFor(ref) == 2);
        assertThat(bodies.stream().filter(b -> b.contains("\"ref\":\"" + ref + "\"") && b.contains("RiskRaised")).count()).isEqualTo(1);
        assertThat(receivedFor(ref)).isEqualTo(2);
        int index = 0;
        for (int i = 0; i < bodies.size(); i++) {
            if (bodies.get(i).contains("\"ref\":\"" + ref + "\"") && bodies.get(i).contains("RiskRaised")) {
                index = i;
            }
        }
        new Webhook(secret).verify(bodies.get(index), headers.get(index));
    }

    /**
     * LOW to HIGH, back and to HIGH again on one day: the two rises have the same levels and day but follow
     * different facts, so the assessment names them apart (RiskChangeCodec.eventId with the last fact's sequence
     * number) and each is delivered, once, under its own webhook-id.
     */
    @Test
    void twoRisesToTheSameLevelOnOneDayAreDeliveredTwice() throws Exception {
        String ref = "collision-" + UUID.randomUUID().toString().substring(0, 6);
        subscribe(ref, secret());
        Instant day = Instant.parse("2026-11-25T00:00:00Z");
        RiskChange rise = RiskChange.between(ref, "P", "NL", List.of("city"), "city", RiskLevel.LOW, RiskLevel.HIGH, 55, List.of(), List.of(), day);
        RiskChange fall = RiskChange.between(ref, "P", "NL", List.of("city"), "city", RiskLevel.HIGH, RiskLevel.LOW, 15, List.of(), List.of(), day);
        for (var announcement : List.of(Map.entry(5L, rise), Map.entry(7L, fall), Map.entry(9L, rise), Map.entry(9L, rise))) {
            String id = RiskChangeCodec.eventId(announcement.getValue(), announcement.getKey());
            producer.send(RiskChangeCodec.record(announcement.getValue(), id, null)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor(ref) == 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> receivedFor(ref) == 3);
        List<String> riseIds = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            if (bodies.get(i).contains("\"ref\":\"" + ref + "\"") && bodies.get(i).contains("RiskEscalated")) {
                riseIds.add(headers.get(i).get("Webhook-id").getFirst());
            }
        }
        assertThat(riseIds).hasSize(2).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).contains("LOW-HIGH"));
    }

    /**
     * A record on sustainability-risks that is no risk change is tried three times and set aside on
     * notification.dead-letters (listed for an ADMIN; a replay fails again, 409); the change behind it on its
     * partition is delivered meanwhile (decision 0032).
     */
    @Test
    void aRecordThatIsNoRiskChangeIsSetAsideAndTheChangeBehindItIsDelivered() throws Exception {
        String ref = "poison-" + UUID.randomUUID().toString().substring(0, 6);
        subscribe(ref, secret());
        producer.send(new ProducerRecord<>(Topics.SUSTAINABILITY_RISKS, 0, ref, "not a cloud event".getBytes(StandardCharsets.UTF_8))).get();
        ProducerRecord<String, byte[]> change = RiskChangeCodec.record(raised(ref));
        producer.send(new ProducerRecord<>(change.topic(), 0, change.key(), change.value(), change.headers())).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor(ref) == 1);
        String listing = await().atMost(Duration.ofSeconds(30)).until(() -> new String(http.get().uri("/admin/dead-letters").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8), json -> json.contains(ref));
        var entry = Pattern.compile("\"id\":\"(\\d+-\\d+)\"[^}]*\"originTopic\":\"sustainability-risks\"[^}]*\"key\":\""
                + ref + "\"").matcher(listing);
        assertThat(entry.find()).as(listing).isTrue();
        http.post().uri("/admin/dead-letters/{id}/replay", entry.group(1)).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("replay-failed");
        as(port, Caller.of("k-city", "city", List.of(Role.MONITOR), List.of("NL")))
                .get().uri("/admin/dead-letters").exchange().expectStatus().isForbidden();
    }

    @Test
    void aRiskChangeWrittenBeforeTheCloudEventsBindingIsStillDelivered() throws Exception {
        // topics keep their history: a record from before the content-type header is read as what it is
        String ref = "old-form-" + UUID.randomUUID().toString().substring(0, 6);
        subscribe(ref, secret());
        ProducerRecord<String, byte[]> current = RiskChangeCodec.record(raised(ref));
        assertThat(current.headers().lastHeader("content-type")).isNotNull();
        producer.send(new ProducerRecord<>(current.topic(), current.key(), current.value())).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor(ref) == 1);
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffAndEveryAttemptIsLogged() throws Exception {
        String ref = "retry-" + UUID.randomUUID().toString().substring(0, 6);
        String subscription = subscribe(ref, secret());
        failuresLeft.set(3);
        announce(raised(ref));
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor(ref) == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                http.get().uri("/subscriptions/{id}/deliveries", subscription).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$[0].status").isEqualTo("DELIVERED")
                        .jsonPath("$[0].attempts").isEqualTo(4)
                        .jsonPath("$[0].log[0].statusCode").isEqualTo(503)
                        .jsonPath("$[0].log[3].statusCode").isEqualTo(204));
        assertThat(receivedFor(ref)).isEqualTo(1);
    }

    @Test
    void webhookUrlsOnPrivateAddressesAreRefused() {
        http.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"organization":"city","contact":"ops@example.org","partnerships":["x"],"minimumLevel":"LOW",
                 "webhook":{"url":"http://169.254.169.254/latest/meta-data","secret":"%s"}}""".formatted(secret()))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rule").isEqualTo("webhook-url-allowed").jsonPath("$.field").isEqualTo("webhook.url");
        http.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"organization":"city","contact":"ops@example.org","partnerships":["x"],"minimumLevel":"NONE",
                 "webhook":{"url":"http://127.0.0.1:1/hook","secret":"%s"}}""".formatted(secret()))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("minimumLevel");
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).value(doc -> assertThat(doc).contains("/subscriptions", "/deliveries/redeliver"));
    }
}
