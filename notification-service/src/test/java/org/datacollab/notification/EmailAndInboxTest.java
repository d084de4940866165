package org.datacollab.notification;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.risk.ActiveSignal;
import org.datacollab.contracts.risk.Recommendation;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.Challenge;
import org.datacollab.contracts.vocabulary.Mechanism;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.testsupport.KafkaClients;
import org.datacollab.testsupport.ServiceUnderTest;
import org.datacollab.infra.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import java.util.Date;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.bson.Document;
import org.datacollab.infra.Infrastructure;
import org.datacollab.security.Caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A risk change reaches an email inbox (GreenMail, a real SMTP server in the test) and the in-app inbox stream,
 * once each; an unacknowledged CRITICAL change is escalated to the LEAD organization, an acknowledged one is not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"datacollab.escalation.after=PT2S", "datacollab.escalation.check=PT0.2S"})
class EmailAndInboxTest {

    static final int SMTP_PORT = Ports.free();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static KafkaProducer<String, byte[]> producer;
    static final String DATABASE = ServiceUnderTest.database("notification-mail");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceUnderTest.register(registry, DATABASE, NotificationServiceTest.SECRET);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeAll
    static void producer() {
        producer = KafkaClients.producer();
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aRiskChangeReachesTheEmailAndTheInboxStreamOnceEach() throws Exception {
        WebTestClient http = NotificationServiceTest.as(port, Caller.admin("test-admin"));
        String ref = "mail-" + UUID.randomUUID().toString().substring(0, 6);
        String organization = "office-" + ref;
        http.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"organization":"%s","contact":"data-office@example.org","jurisdiction":"NL-Amsterdam","minimumLevel":"MEDIUM",
                 "email":"data-office@example.org","inApp":true}""".formatted(organization))
                .exchange().expectStatus().isCreated();
        var type = new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { };
        var streamed = http.get().uri("/inbox/{o}/stream", organization).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .returnResult(type).getResponseBody().filter(e -> e.event() != null).take(1).collectList()
                .subscribeOn(Schedulers.boundedElastic()).toFuture();

        RiskChange change = RiskChange.between(ref, "City mobility data", "NL-Amsterdam", List.of("telco"), "telco",
                RiskLevel.LOW, RiskLevel.HIGH, 60,
                List.of(new ActiveSignal("DELIVERY_GAP", 35, "No data delivered for 70 days (last on 2026-09-16); the MONTHLY cadence allows 62.")),
                List.of(new Recommendation("formats", Challenge.INTEROPERABILITY, List.of(Mechanism.DATA_STANDARDIZATION))),
                Instant.parse("2026-11-25T00:00:00Z"));
        for (int i = 0; i < 2; i++) { // announced twice: delivered once per channel
            producer.send(RiskChangeCodec.record(change)).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length >= 1);
        List<ServerSentEvent<Map<String, Object>>> live = streamed.get();
        assertThat(live.getFirst().event()).isEqualTo("RiskEscalated");
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[DataCollab] RiskEscalated: City mobility data is now HIGH");
        assertThat(GreenMailUtil.getBody(mail)).contains("DELIVERY_GAP").contains("DATA_STANDARDIZATION");

        String alertId = String.valueOf(live.getFirst().data().get("id"));
        http.post().uri("/inbox/{o}/acknowledge?alertId={id}", organization, alertId).exchange().expectStatus().isNoContent();
        http.get().uri("/inbox/{o}", organization).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].acknowledged").isEqualTo(true);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void anUnacknowledgedCriticalRiskIsEscalatedToTheLeadOnce() throws Exception {
        WebTestClient http = NotificationServiceTest.as(port, Caller.admin("test-admin"));
        String ref = "esc-" + UUID.randomUUID().toString().substring(0, 6);
        String lead = "lead-" + ref;
        String quiet = "quiet-" + ref;
        for (String organization : List.of(lead, "watcher-" + ref)) {
            http.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                    {"organization":"%s","contact":"c@example.org","partnerships":["%s","%s"],"minimumLevel":"HIGH","inApp":true}"""
                    .formatted(organization, ref, quiet)).exchange().expectStatus().isCreated();
        }
        RiskChange critical = RiskChange.between(ref, "Flood sensors", "NL", List.of(lead), lead, RiskLevel.MEDIUM, RiskLevel.CRITICAL, 80,
                List.of(), List.of(), Instant.parse("2026-11-25T00:00:00Z"));
        RiskChange acknowledged = RiskChange.between(quiet, "Quiet", "NL", List.of(lead), lead, RiskLevel.MEDIUM, RiskLevel.CRITICAL, 80,
                List.of(), List.of(), Instant.parse("2026-11-25T00:00:00Z"));
        producer.send(RiskChangeCodec.record(critical)).get();
        producer.send(RiskChangeCodec.record(acknowledged)).get();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                http.get().uri("/inbox/{o}", "watcher-" + ref).exchange().expectBody().jsonPath("$.length()").isEqualTo(2));
        http.post().uri("/alerts/acknowledge?eventId={id}&by={o}", RiskChangeCodec.eventId(acknowledged), "watcher-" + ref)
                .exchange().expectStatus().isOk();

        // the lead received both originals, then (after 2 s) one escalation: of the change nobody acknowledged
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                http.get().uri("/inbox/{o}", lead).exchange().expectBody().jsonPath("$.length()").isEqualTo(3));
        byte[] body = http.get().uri("/inbox/{o}", lead).exchange().expectBody().returnResult().getResponseBody();
        String inbox = new String(body, StandardCharsets.UTF_8);
        assertThat(inbox.split("#escalation\\|", -1).length - 1).as("escalations in the lead's inbox").isEqualTo(1);
        assertThat(inbox).contains("\\\"escalation\\\":true");
        assertThat(inbox).contains(ref + "/2026-11-25T00:00:00Z/MEDIUM-CRITICAL#escalation");
        http.post().uri("/alerts/acknowledge?eventId={id}&by=x", "no-such-event").exchange().expectStatus().isNotFound();
    }

    /** Subscribes an organization to the partnership in its in-app inbox; answers the subscription's id. */
    private static String subscribeInbox(WebTestClient http, String organization, String ref) {
        byte[] created = http.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"organization":"%s","contact":"c@example.org","partnerships":["%s"],"minimumLevel":"LOW","inApp":true}"""
                .formatted(organization, ref)).exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return new String(created, StandardCharsets.UTF_8).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    private static int inboxSize(WebTestClient http, String organization) {
        byte[] body = http.get().uri("/inbox/{o}", organization).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return new String(body, StandardCharsets.UTF_8).split("\"id\":", -1).length - 1;
    }

    /**
     * An attempt that stored the alert and stopped before listing it under its organization (MongoDB killed between
     * the two writes) left its delivery pending; the next attempt found the alert stored and answered as delivered,
     * and the alert was in no inbox. Now that attempt lists it.
     */
    @Test
    void anAlertStoredByAnAttemptThatStoppedBeforeListingItIsListedByTheNextAttempt() throws Exception {
        WebTestClient http = NotificationServiceTest.as(port, Caller.admin("test-admin"));
        String ref = "halfin-" + UUID.randomUUID().toString().substring(0, 6);
        String organization = "office-" + ref;
        String subscription = subscribeInbox(http, organization, ref);
        RiskChange change = RiskChange.between(ref, "Half inbox", "NL", List.of(organization), organization, RiskLevel.LOW, RiskLevel.MEDIUM, 30,
                List.of(), List.of(), Instant.parse("2026-11-25T00:00:00Z"));
        String eventId = RiskChangeCodec.eventId(change);
        try (var mongo = MongoClients.create(Infrastructure.shared().mongoUri())) {
            // the interrupted attempt's first write, as Inbox.add stores it; its listing never happened
            mongo.getDatabase(DATABASE).getCollection("inbox").insertOne(new Document("_id", eventId + "|" + subscription + "|inbox")
                    .append("organization", organization).append("ref", ref).append("type", "RiskElevated")
                    .append("payload", "{\"type\":\"RiskElevated\",\"data\":{\"ref\":\"" + ref + "\"}}")
                    .append("receivedAt", new Date()).append("acknowledged", false));
        }
        assertThat(inboxSize(http, organization)).isZero();

        producer.send(RiskChangeCodec.record(change)).get(); // the change, whose delivery is attempted (again)
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxSize(http, organization) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> inboxSize(http, organization) == 1);
    }

    /**
     * A try that stored a CRITICAL change's escalation and stopped before listing it under its due time: the retry of
     * the change (Kafka redelivers it) found it stored and listed nothing, and it was never escalated. Now the retry
     * lists it, and the LEAD receives the escalation.
     */
    @Test
    void anEscalationStoredByATryThatStoppedBeforeListingItIsEscalatedAfterTheRetry() throws Exception {
        WebTestClient http = NotificationServiceTest.as(port, Caller.admin("test-admin"));
        String ref = "halfesc-" + UUID.randomUUID().toString().substring(0, 6);
        String lead = "lead-" + ref;
        subscribeInbox(http, lead, ref);
        RiskChange critical = RiskChange.between(ref, "Half watched", "NL", List.of(lead), lead, RiskLevel.MEDIUM, RiskLevel.CRITICAL, 80,
                List.of(), List.of(), Instant.parse("2026-11-25T00:00:00Z"));
        String eventId = RiskChangeCodec.eventId(critical);
        try (var mongo = MongoClients.create(Infrastructure.shared().mongoUri())) {
            // the interrupted try's first write, as Escalations.watch stores it; its listing never happened
            mongo.getDatabase(DATABASE).getCollection("escalations").insertOne(new Document("_id", eventId).append("ref", ref)
                    .append("lead", lead).append("organizations", List.of(lead)).append("steward", lead).append("jurisdiction", "NL")
                    .append("type", "RiskEscalated").append("payload", "{\"type\":\"RiskEscalated\",\"data\":{\"ref\":\"" + ref + "\"}}")
                    .append("dueAt", Date.from(Instant.now().plusSeconds(2))).append("state", "WAITING"));
        }
        producer.send(RiskChangeCodec.record(critical)).get(); // Kafka redelivers the change whose handling failed
        // the original, then its escalation
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxSize(http, lead) == 2);
        byte[] body = http.get().uri("/inbox/{o}", lead).exchange().expectBody().returnResult().getResponseBody();
        assertThat(new String(body, StandardCharsets.UTF_8)).contains(eventId + "#escalation|");
    }

    /**
     * A check that claimed a due escalation (WAITING became ESCALATED) and stopped before enqueuing it: the next check
     * found it ESCALATED, took it for one escalated elsewhere, and dropped it; the LEAD was never told. Now a claimed
     * escalation stays listed until it is enqueued, and the next check enqueues it.
     */
    @Test
    void anEscalationClaimedByACheckThatStoppedBeforeEnqueuingItIsEscalatedByTheNextCheck() throws Exception {
        WebTestClient http = NotificationServiceTest.as(port, Caller.admin("test-admin"));
        String ref = "halfclaim-" + UUID.randomUUID().toString().substring(0, 6);
        String lead = "lead-" + ref;
        subscribeInbox(http, lead, ref);
        String eventId = ref + "/2026-11-25T00:00:00Z/MEDIUM-CRITICAL";
        Instant dueAt = Instant.now().minusSeconds(5);
        try (var mongo = MongoClients.create(Infrastructure.shared().mongoUri())) {
            var db = mongo.getDatabase(DATABASE);
            // the escalation as watched, listed under its due minute, then claimed by the interrupted check
            db.getCollection("escalations").insertOne(new Document("_id", eventId).append("ref", ref)
                    .append("lead", lead).append("organizations", List.of(lead)).append("steward", lead).append("jurisdiction", "NL")
                    .append("type", "RiskEscalated").append("payload", "{\"type\":\"RiskEscalated\",\"data\":{\"ref\":\"" + ref + "\"}}")
                    .append("dueAt", Date.from(dueAt)).append("state", "ESCALATED").append("closedAt", new Date()));
            db.getCollection("escalation_keys").updateOne(Filters.eq("_id", "due:" + Math.floorDiv(dueAt.getEpochSecond(), 60) * 60),
                    new Document("$addToSet", new Document("ids", eventId)), new UpdateOptions().upsert(true));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxSize(http, lead) == 1);
        byte[] body = http.get().uri("/inbox/{o}", lead).exchange().expectBody().returnResult().getResponseBody();
        assertThat(new String(body, StandardCharsets.UTF_8)).contains(eventId + "#escalation|");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> inboxSize(http, lead) == 1);
    }

    /**
     * Finished records are removed by TTL indexes (a delivered delivery, an acknowledged alert, an acknowledged
     * escalation: datacollab.retention), unfinished ones never: they lack the field the index reads until they are
     * finished. The local MongoDB-protocol server keeps the indexes but expires nothing; MongoDB does the removing.
     */
    @Test
    void finishedRecordsExpireByTtlIndexesAndUnfinishedOnesLackTheirField() throws Exception {
        WebTestClient http = NotificationServiceTest.as(port, Caller.admin("test-admin"));
        String ref = "ttl-" + UUID.randomUUID().toString().substring(0, 6);
        String organization = "office-" + ref;
        http.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"organization":"%s","contact":"c@example.org","partnerships":["%s"],"minimumLevel":"HIGH","inApp":true}"""
                .formatted(organization, ref)).exchange().expectStatus().isCreated();
        RiskChange high = RiskChange.between(ref, "Retained", "NL", List.of("telco"), "telco", RiskLevel.LOW, RiskLevel.HIGH, 60,
                List.of(), List.of(), Instant.parse("2026-11-25T00:00:00Z"));
        producer.send(RiskChangeCodec.record(high)).get();
        String eventId = RiskChangeCodec.eventId(high);
        try (var mongo = MongoClients.create(Infrastructure.shared().mongoUri())) {
            var db = mongo.getDatabase(DATABASE);
            assertThat(ttlSeconds(db.getCollection("deliveries"), "finishedAt")).isEqualTo(Duration.ofDays(30).toSeconds());
            assertThat(ttlSeconds(db.getCollection("inbox"), "acknowledgedAt")).isEqualTo(Duration.ofDays(90).toSeconds());
            assertThat(ttlSeconds(db.getCollection("escalations"), "closedAt")).isEqualTo(Duration.ofDays(90).toSeconds());

            var byEvent = Filters.eq("eventId", eventId);
            await().atMost(Duration.ofSeconds(30)).until(() -> db.getCollection("deliveries").find(byEvent).first() != null
                    && "DELIVERED".equals(db.getCollection("deliveries").find(byEvent).first().getString("status")));
            assertThat(db.getCollection("deliveries").find(byEvent).first()).containsKey("finishedAt");
            var alert = Filters.eq("ref", ref);
            assertThat(db.getCollection("inbox").find(alert).first()).doesNotContainKey("acknowledgedAt");
            var escalation = Filters.eq("_id", eventId);
            assertThat(db.getCollection("escalations").find(escalation).first()).isNotNull().doesNotContainKey("closedAt");

            String alertId = db.getCollection("inbox").find(alert).first().getString("_id");
            http.post().uri("/inbox/{o}/acknowledge?alertId={id}", organization, alertId).exchange().expectStatus().isNoContent();
            assertThat(db.getCollection("inbox").find(alert).first()).containsKey("acknowledgedAt");
            assertThat(db.getCollection("escalations").find(escalation).first()).containsKey("closedAt");
        }
    }

    private static long ttlSeconds(MongoCollection<Document> collection, String field) {
        for (Document index : collection.listIndexes()) {
            if (index.get("key", Document.class).keySet().equals(Set.of(field)) && index.get("expireAfterSeconds") != null) {
                return ((Number) index.get("expireAfterSeconds")).longValue();
            }
        }
        return -1;
    }
}
