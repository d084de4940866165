package org.datacollab.notification;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.risk.ActiveSignal;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.notification.escalation.Escalations;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.datacollab.testsupport.AsGateway;
import org.datacollab.testsupport.KafkaClients;
import org.datacollab.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The leaks of issue 19, held shut with real data: a city's inbox that holds an alert, a HIGH risk change whose
 * event id exists and waits for acknowledgement, a subscription with a delivery. Another organization's key
 * (STEWARD and MONITOR, no matching jurisdiction) finds none of it (404, as if it did not exist) and changes
 * nothing; the city's DASHBOARD key reads and may not acknowledge (403); the city's MONITOR key does (the control).
 * The steward organization that is not a partner hears and acknowledges its partnership's change (decision 0016); a
 * change stored before its partners were waits for the registry's view (here unreachable: 503, nothing acknowledged).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenancyLeaksTest {

    static final String SECRET = "notification-leaks-secret-0123456789abcdef";
    static final AsGateway GATEWAY = new AsGateway(SECRET);
    static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceUnderTest.register(registry, ServiceUnderTest.database("notification-leaks"), SECRET);
        // no registry answers here: a change stored without its partners cannot be resolved
        registry.add("datacollab.registry.url", () -> "http://127.0.0.1:1");
    }

    @BeforeAll
    static void start() {
        producer = KafkaClients.producer();
    }

    @AfterAll
    static void stop() {
        producer.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    Escalations escalations;
    @Autowired
    MongoClient mongo;
    @Value("${spring.mongodb.database}")
    String database;

    @Test
    void anotherOrganizationFindsNoneOfTheInboxAlertsDeliveriesOrSubscriptions() throws Exception {
        String ref = "leak-" + UUID.randomUUID().toString().substring(0, 6);
        String city = "city-" + UUID.randomUUID().toString().substring(0, 6);
        WebTestClient monitor = GATEWAY.client(port, Caller.of("k-city", city, List.of(Role.MONITOR), List.of("NL-Utrecht")));
        WebTestClient dashboard = GATEWAY.client(port, Caller.of("k-city-dash", city, List.of(Role.DASHBOARD), List.of("NL-Utrecht")));
        WebTestClient outsider = GATEWAY.client(port, Caller.of("k-out", "outsider-" + ref, List.of(Role.STEWARD, Role.MONITOR), List.of("DE-Berlin")));
        byte[] created = monitor.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"organization":"%s","contact":"ops@example.org","partnerships":["%s"],"minimumLevel":"LOW","inApp":true}"""
                        .formatted(city, ref))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        String subscription = new String(created, StandardCharsets.UTF_8).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        RiskChange change = RiskChange.between(ref, "P", "NL-Utrecht", List.of(city), city, RiskLevel.NONE, RiskLevel.HIGH, 60,
                List.of(new ActiveSignal("SHARING_WITHOUT_AGREEMENT", 60, "Data has been delivered but no agreement is in force.")),
                List.of(), Instant.parse("2026-11-25T00:00:00Z"));
        producer.send(RiskChangeCodec.record(change)).get();
        String eventId = RiskChangeCodec.eventId(change);
        // the data exists: the city's inbox holds the alert, the delivery is logged, the change waits for acknowledgement
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> monitor.get().uri("/inbox/{o}", city).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1));
        String alertId = new String(monitor.get().uri("/inbox/{o}", city).exchange().expectBody().returnResult().getResponseBody(),
                StandardCharsets.UTF_8).replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        monitor.get().uri("/subscriptions/{id}/deliveries", subscription).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1);
        String deliveryId = new String(monitor.get().uri("/subscriptions/{id}/deliveries", subscription).exchange().expectBody()
                .returnResult().getResponseBody(), StandardCharsets.UTF_8).replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
        assertThat(escalations.state(eventId)).isEqualTo("WAITING");

        // the outsider: every one of them is absent, exactly as an id that does not exist
        outsider.get().uri("/inbox/{o}", city).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-inbox").jsonPath("$.detail").value(d -> assertThat((String) d).doesNotContain(ref));
        outsider.get().uri("/inbox/{o}/stream", city).accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isNotFound();
        outsider.post().uri("/inbox/{o}/acknowledge?alertId={a}", city, alertId).exchange().expectStatus().isNotFound();
        outsider.post().uri("/alerts/acknowledge?eventId={e}&by={o}", eventId, "outsider-" + ref).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-alert");
        outsider.post().uri("/alerts/acknowledge?eventId={e}&by={o}", eventId + "-nope", "outsider-" + ref).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-alert");
        outsider.post().uri("/alerts/acknowledge?eventId={e}&by={o}", eventId, city).exchange().expectStatus().isNotFound();
        outsider.get().uri("/subscriptions?organization={o}", city).exchange().expectStatus().isNotFound();
        outsider.get().uri("/subscriptions/{id}", subscription).exchange().expectStatus().isNotFound();
        outsider.get().uri("/subscriptions/{id}/deliveries", subscription).exchange().expectStatus().isNotFound();
        outsider.post().uri("/deliveries/redeliver?deliveryId={id}", deliveryId).exchange().expectStatus().isNotFound();
        outsider.delete().uri("/subscriptions/{id}", subscription).exchange().expectStatus().isNotFound();
        // the city's dashboard reads, and changes nothing
        dashboard.get().uri("/inbox/{o}", city).exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1);
        dashboard.post().uri("/alerts/acknowledge?eventId={e}&by={o}", eventId, city).exchange().expectStatus().isForbidden();
        dashboard.post().uri("/inbox/{o}/acknowledge?alertId={a}", city, alertId).exchange().expectStatus().isForbidden();
        dashboard.post().uri("/deliveries/redeliver?deliveryId={id}", deliveryId).exchange().expectStatus().isForbidden();
        dashboard.delete().uri("/subscriptions/{id}", subscription).exchange().expectStatus().isForbidden();
        assertThat(escalations.state(eventId)).isEqualTo("WAITING");
        monitor.get().uri("/inbox/{o}", city).exchange().expectBody().jsonPath("$[0].acknowledged").isEqualTo(false);
        monitor.get().uri("/subscriptions/{id}", subscription).exchange().expectStatus().isOk();

        // the control: the city's monitor acknowledges
        monitor.post().uri("/alerts/acknowledge?eventId={e}&by={o}", eventId, city).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("ACKNOWLEDGED");
        assertThat(escalations.state(eventId)).isEqualTo("ACKNOWLEDGED");
        monitor.post().uri("/inbox/{o}/acknowledge?alertId={a}", city, alertId).exchange().expectStatus().isNoContent();
        monitor.get().uri("/inbox/{o}", city).exchange().expectBody().jsonPath("$[0].acknowledged").isEqualTo(true);
    }

    @Test
    void theStewardThatIsNotAPartnerHearsAndAcknowledgesAndAnOldChangeWaitsForTheRegistry() throws Exception {
        String ref = "brokered-" + UUID.randomUUID().toString().substring(0, 6);
        String ngo = "ngo-" + ref;
        String telco = "telco-" + ref;
        WebTestClient steward = GATEWAY.client(port, Caller.of("k-ngo", ngo, List.of(Role.STEWARD), List.of()));
        WebTestClient stewardDashboard = GATEWAY.client(port, Caller.of("k-ngo-dash", ngo, List.of(Role.DASHBOARD), List.of()));
        WebTestClient partner = GATEWAY.client(port, Caller.of("k-telco", telco, List.of(Role.MONITOR), List.of()));
        WebTestClient outsider = GATEWAY.client(port, Caller.of("k-out", "outsider-" + ref, List.of(Role.STEWARD, Role.MONITOR), List.of("DE-Berlin")));
        steward.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"organization":"%s","contact":"ops@example.org","partnerships":["%s"],"minimumLevel":"LOW","inApp":true}"""
                        .formatted(ngo, ref)).exchange().expectStatus().isCreated();

        // a partnership the NGO brokers between others: the change names it as steward, not as a partner
        RiskChange change = RiskChange.between(ref, "P", "NL-Utrecht", List.of(telco), telco, ngo, RiskLevel.NONE, RiskLevel.HIGH, 60,
                List.of(new ActiveSignal("SHARING_WITHOUT_AGREEMENT", 60, "Data has been delivered but no agreement is in force.")),
                List.of(), Instant.parse("2026-11-25T00:00:00Z"));
        producer.send(RiskChangeCodec.record(change)).get();
        String eventId = RiskChangeCodec.eventId(change);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> steward.get().uri("/inbox/{o}", ngo).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1));
        assertThat(escalations.state(eventId)).isEqualTo("WAITING");
        outsider.post().uri("/alerts/acknowledge?eventId={e}&by={o}", eventId, "outsider-" + ref).exchange().expectStatus().isNotFound();
        stewardDashboard.post().uri("/alerts/acknowledge?eventId={e}&by={o}", eventId, ngo).exchange().expectStatus().isForbidden();
        assertThat(escalations.state(eventId)).isEqualTo("WAITING");
        steward.post().uri("/alerts/acknowledge?eventId={e}&by={o}", eventId, ngo).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("ACKNOWLEDGED");
        assertThat(escalations.state(eventId)).isEqualTo("ACKNOWLEDGED");

        // a change stored before its partners, steward and jurisdiction were: the partner's key needs the registry's view
        RiskChange older = RiskChange.between(ref, "P", "NL-Utrecht", List.of(telco), telco, ngo, RiskLevel.HIGH, RiskLevel.CRITICAL, 80,
                List.of(new ActiveSignal("SHARING_WITHOUT_AGREEMENT", 80, "Data has been delivered but no agreement is in force.")),
                List.of(), Instant.parse("2026-11-26T00:00:00Z"));
        producer.send(RiskChangeCodec.record(older)).get();
        String olderId = RiskChangeCodec.eventId(older);
        await().atMost(Duration.ofSeconds(30)).until(() -> "WAITING".equals(escalations.state(olderId)));
        mongo.getDatabase(database).getCollection("escalations").updateOne(Filters.eq("_id", olderId),
                Updates.combine(Updates.unset("organizations"), Updates.unset("steward"), Updates.unset("jurisdiction")));
        partner.post().uri("/alerts/acknowledge?eventId={e}&by={o}", olderId, telco).exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.rule").isEqualTo("registry-unavailable");
        assertThat(escalations.state(olderId)).isEqualTo("WAITING");
        // an administrator sees every partnership without asking
        GATEWAY.client(port, Caller.admin("k-admin")).post().uri("/alerts/acknowledge?eventId={e}&by={o}", olderId, telco)
                .exchange().expectStatus().isOk();
        assertThat(escalations.state(olderId)).isEqualTo("ACKNOWLEDGED");
    }
}
