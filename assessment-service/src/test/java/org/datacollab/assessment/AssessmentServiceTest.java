package org.datacollab.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.datacollab.assessment.rules.Assessment;
import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.audit.AuditTrail;
import org.datacollab.testsupport.AsGateway;
import org.datacollab.testsupport.KafkaClients;
import org.datacollab.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.util.concurrent.TimeUnit;
import org.datacollab.security.Caller;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The assessment service against real Kafka and MongoDB: the test plays the registry's publisher on
 * partnership-events, and reads sustainability-risks. Redeliveries change nothing, a gap is repaired from the
 * registry's API, an imported history announces only its current level, and time passing raises risk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "datacollab.assessment.time-check=PT0.3S")
class AssessmentServiceTest {

    static final String SECRET = "assessment-test-secret-0123456789abcdef";
    static final AsGateway GATEWAY = new AsGateway(SECRET);
    static final StubRegistry REGISTRY = new StubRegistry();
    static final MutableClock CLOCK = new MutableClock(Instant.now());
    static KafkaProducer<String, byte[]> producer;
    static KafkaConsumer<String, byte[]> risks;
    static final List<RiskChangeCodec.Decoded> announced = new ArrayList<>();

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceUnderTest.register(registry, ServiceUnderTest.database("assessment-test"), SECRET);
        registry.add("datacollab.registry.url", REGISTRY::url);
    }

    @BeforeAll
    static void clients() {
        producer = KafkaClients.producer();
        risks = KafkaClients.consumer(Topics.SUSTAINABILITY_RISKS);
    }

    @AfterAll
    static void close() {
        producer.close();
        risks.close();
        REGISTRY.close();
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    AuditTrail audit;
    WebTestClient http;

    @BeforeEach
    void http() {
        http = as(Caller.admin("test-admin"));
    }

    /** A client whose every request carries an internal token for this caller, as the gateway would send. */
    WebTestClient as(Caller caller) {
        return GATEWAY.client(port, caller);
    }

    @Test
    void anotherOrganizationsPartnershipIsNotThereInAssessmentsPortfoliosStatisticsOrStreams() throws Exception {
        String ref = "tenancy-" + UUID.randomUUID().toString().substring(0, 6);
        String steward = "steward-" + ref;
        var type = new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { };
        WebTestClient outsider = as(Caller.of("k-ngo", "ngo-" + ref,
                List.of(org.datacollab.security.Role.MONITOR, org.datacollab.security.Role.STEWARD), List.of("NL-Rotterdam")));
        WebTestClient stewardKey = as(Caller.of("k-steward", steward, List.of(org.datacollab.security.Role.STEWARD), List.of()));
        var outsiderSaw = outsider.get().uri("/partnerships/stream").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .returnResult(type).getResponseBody().filter(e -> e.event() != null)
                .take(Duration.ofSeconds(20)).collectList().subscribeOn(Schedulers.boundedElastic()).toFuture();
        var stewardSaw = stewardKey.get().uri("/partnerships/stream?ref={ref}", ref).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().returnResult(type).getResponseBody().filter(e -> e.event() != null)
                .take(1).collectList().subscribeOn(Schedulers.boundedElastic()).toFuture();
        // both streams are open: exchange() returned with their headers, which the stream sends with its first
        // comment, after it has subscribed to the assessment changes
        RecordedFact formation = new RecordedFact(UUID.randomUUID().toString(), ref, 0, Instant.now(),
                formed(ref, PartnershipModel.SOCIAL_ISSUE, today()), 0, 2, steward);
        RecordedFact joined = new RecordedFact(UUID.randomUUID().toString(), ref, 1, Instant.now(), provider(today()), 1, 2, steward);
        REGISTRY.record(formation);
        REGISTRY.record(joined);
        send(formation);
        send(joined);
        // the steward (recorder of the formation), a partner's dashboard and a monitor of the jurisdiction see it,
        // once it is evaluated (an administrator sees its history as soon as it is stored, before its evaluation)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                stewardKey.get().uri("/partnerships/{ref}/assessment", ref).exchange().expectStatus().isOk());
        as(Caller.of("k-dash", "telco", List.of(org.datacollab.security.Role.DASHBOARD), List.of()))
                .get().uri("/partnerships/{ref}/timeline", ref).exchange().expectStatus().isOk();
        WebTestClient utrecht = as(Caller.of("k-city", "utrecht", List.of(org.datacollab.security.Role.MONITOR), List.of("NL-Utrecht")));
        utrecht.get().uri("/partnerships/{ref}/risk-history", ref).exchange().expectStatus().isOk();
        utrecht.get().uri("/portfolios/jurisdictions/NL-Utrecht").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.partnerships[?(@.ref == '" + ref + "')]").exists();
        utrecht.post().uri("/admin/rebuild").exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.rule").isEqualTo("role-required");

        // an organization with no part in it: 404 everywhere, absent from portfolios and statistics
        for (String path : List.of("/partnerships/{ref}/assessment", "/partnerships/{ref}/timeline", "/partnerships/{ref}/risk-history")) {
            outsider.get().uri(path, ref).exchange().expectStatus().isNotFound().expectBody().jsonPath("$.rule").isEqualTo("unknown-partnership");
        }
        outsider.get().uri("/portfolios/jurisdictions/NL-Utrecht").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);
        outsider.get().uri("/portfolios/organizations/telco").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);
        outsider.get().uri("/statistics").exchange().expectStatus().isOk().expectBody().jsonPath("$.partnerships").isEqualTo(0);
        assertThat(stewardSaw.get(30, TimeUnit.SECONDS)).extracting(e -> e.data().get("ref")).containsExactly(ref);
        assertThat(outsiderSaw.get(30, TimeUnit.SECONDS)).extracting(e -> e.data().get("ref")).doesNotContain(ref);

        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build()
                .get().uri("/partnerships/{ref}/assessment", ref).exchange().expectStatus().isUnauthorized();
        assertThat(REGISTRY.unauthorized.get()).isZero();
    }

    static Instant today() {
        return LocalDate.now(CLOCK).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Publishes facts as one commit, starting at sequence number {@code first}. */
    static List<RecordedFact> publish(String ref, long first, PartnershipFact... facts) throws Exception {
        return publish(ref, first, AssessmentServiceTest::send, facts);
    }

    interface Sender {
        void send(RecordedFact recorded) throws Exception;
    }

    static List<RecordedFact> publish(String ref, long first, Sender sender, PartnershipFact... facts) throws Exception {
        List<RecordedFact> recorded = new ArrayList<>();
        for (int i = 0; i < facts.length; i++) {
            RecordedFact r = new RecordedFact(UUID.randomUUID().toString(), ref, first + i, Instant.now(), facts[i], i, facts.length);
            recorded.add(r);
            REGISTRY.record(r);
        }
        for (RecordedFact r : recorded) {
            sender.send(r);
        }
        return recorded;
    }

    static void send(RecordedFact r) throws Exception {
        producer.send(PartnershipEventCodec.record(r)).get();
    }

    /** As the registry wrote records before it followed the CloudEvents Kafka binding: the same JSON, no content-type header. */
    static void sendInOldForm(RecordedFact r) throws Exception {
        ProducerRecord<String, byte[]> current = PartnershipEventCodec.record(r);
        assertThat(current.headers().lastHeader("content-type")).isNotNull();
        producer.send(new ProducerRecord<>(current.topic(), current.key(), current.value())).get();
    }

    static List<RiskChangeCodec.Decoded> changesOf(String ref) {
        synchronized (announced) {
            for (ConsumerRecord<String, byte[]> record : risks.poll(Duration.ofMillis(300))) {
                announced.add(RiskChangeCodec.decode(record));
            }
            return announced.stream().filter(d -> d.change().ref().equals(ref)).toList();
        }
    }

    static PartnershipFormed formed(String ref, PartnershipModel model, Instant on) {
        return new PartnershipFormed(on, ref, "Test " + ref, model, Timeframe.OPEN_ENDED, "i", "g", "NL-Utrecht", List.of());
    }

    static PartnerJoined provider(Instant on) {
        return new PartnerJoined(on, new Organization("telco", "Telco", Sector.PRIVATE), List.of(Role.LEAD, Role.DATA_PROVIDER));
    }

    /** The dashboard draws its bands from this answer: each level from the score where the rules start giving it. */
    @Test
    void theLevelsAreServedWithTheScoreEachStartsAt() {
        http.get().uri("/levels").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.levels[*].level").isEqualTo(List.of("NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"))
                .jsonPath("$.levels[*].from").isEqualTo(List.of(0, 10, 30, 50, 75));
        for (var threshold : Assessment.THRESHOLDS) {
            assertThat(Assessment.level(threshold.from())).isEqualTo(threshold.level());
        }
    }

    @Test
    void sharingWithoutAgreementIsRaisedOnceEvenWhenEventsAreRedelivered() throws Exception {
        String ref = "redelivered-" + UUID.randomUUID().toString().substring(0, 6);
        List<RecordedFact> all = new ArrayList<>();
        all.addAll(publish(ref, 0, formed(ref, PartnershipModel.SOCIAL_ISSUE, today())));
        all.addAll(publish(ref, 1, provider(today())));
        all.addAll(publish(ref, 2, new DataDelivered(today(), "telco", "d", null, null),
                new PhaseChanged(today(), Phase.FORMING, Phase.OPERATING, "first data delivered")));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(ref).size() == 1);
        RiskChangeCodec.Decoded raised = changesOf(ref).getFirst();
        assertThat(raised.change().changeName()).isEqualTo("RiskRaised");
        assertThat(raised.change().to()).isEqualTo(RiskLevel.LOW);
        assertThat(raised.change().signals()).extracting(s -> s.name()).containsExactly("SHARING_WITHOUT_AGREEMENT");

        for (RecordedFact again : all) {
            send(again);
        }
        publish(ref, 4, new DriverObserved(today(), Driver.URGENCY, null, "marker"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/partnerships/{ref}/timeline", ref).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.drivers.length()").isEqualTo(1));
        assertThat(changesOf(ref)).hasSize(1);
        http.get().uri("/partnerships/{ref}/assessment", ref).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.level").isEqualTo("LOW").jsonPath("$.phase").isEqualTo("OPERATING");
    }

    @Test
    void factsWrittenBeforeTheCloudEventsBindingAreStillAssessed() throws Exception {
        // topics keep their history: records from before the content-type header are read as what they are
        String ref = "old-form-" + UUID.randomUUID().toString().substring(0, 6);
        publish(ref, 0, AssessmentServiceTest::sendInOldForm, formed(ref, PartnershipModel.SOCIAL_ISSUE, today()));
        publish(ref, 1, provider(today()));
        publish(ref, 2, AssessmentServiceTest::sendInOldForm, new DataDelivered(today(), "telco", "d", null, null),
                new PhaseChanged(today(), Phase.FORMING, Phase.OPERATING, "first data delivered"));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(ref).size() == 1);
        assertThat(changesOf(ref).getFirst().change().signals()).extracting(s -> s.name()).containsExactly("SHARING_WITHOUT_AGREEMENT");
    }

    @Test
    void aGapIsRepairedFromTheRegistryNeverSkipped() throws Exception {
        String ref = "gap-" + UUID.randomUUID().toString().substring(0, 6);
        publish(ref, 0, formed(ref, PartnershipModel.SOCIAL_ISSUE, today()));
        // the registry recorded #1 and #2, but only #2 reaches Kafka (say #1 was delayed)
        RecordedFact missing = new RecordedFact(UUID.randomUUID().toString(), ref, 1, Instant.now(), provider(today()), 0, 1);
        REGISTRY.record(missing);
        publish(ref, 2, new ChallengeRaised(today(), "c1", Challenge.PARTNER_FIT, null, null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/partnerships/{ref}/timeline", ref).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.challenges[0].challengeId").isEqualTo("c1"));
        http.get().uri("/partnerships/{ref}/assessment", ref).exchange().expectBody()
                .jsonPath("$.partners[0]").isEqualTo("telco").jsonPath("$.lead").isEqualTo("telco");
        send(missing); // the delayed original arrives at last: a duplicate now, and changes nothing
        http.get().uri("/partnerships/{ref}/assessment", ref).exchange().expectBody().jsonPath("$.partners.length()").isEqualTo(1);
    }

    @Test
    void anImportedOldHistoryAnnouncesOnlyItsCurrentLevel() throws Exception {
        String ref = "imported-" + UUID.randomUUID().toString().substring(0, 6);
        List<PartnershipFact> facts = new ArrayList<>();
        Instant start = today().minus(Duration.ofDays(3000));
        facts.add(formed(ref, PartnershipModel.SOCIETAL_SECTOR, start));
        facts.add(new PartnerJoined(start, new Organization("a", "A", Sector.PUBLIC), List.of(Role.LEAD, Role.DATA_PROVIDER)));
        facts.add(new ChallengeRaised(start.plus(Duration.ofDays(10)), "c1", Challenge.INTEROPERABILITY, null, null));
        facts.add(new MechanismApplied(start.plus(Duration.ofDays(400)), Mechanism.DATA_STANDARDIZATION, List.of("c1"), null));
        facts.add(new ChallengeResolved(start.plus(Duration.ofDays(800)), "c1", null));
        facts.add(new DriverObserved(today().minus(Duration.ofDays(10)), Driver.GOVERNMENT_VISION, null, null));
        publish(ref, 0, facts.toArray(PartnershipFact[]::new));
        // over the years it went NONE -> LOW -> MEDIUM -> ... ; now only SINGLE_PROVIDER_DEPENDENCY (15): LOW
        await().atMost(Duration.ofSeconds(30)).until(() -> !changesOf(ref).isEmpty());
        assertThat(changesOf(ref)).hasSize(1);
        assertThat(changesOf(ref).getFirst().change().to()).isEqualTo(RiskLevel.LOW);
        byte[] history = http.get().uri("/partnerships/{ref}/risk-history", ref).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        JsonNode entries = ContractJson.mapper().readTree(history);
        assertThat(entries.size()).isGreaterThan(2);
    }

    @Test
    void timePassingRaisesRiskOnItsDayWithNoNewFact() throws Exception {
        String ref = "ageing-" + UUID.randomUUID().toString().substring(0, 6);
        publish(ref, 0, formed(ref, PartnershipModel.SOCIAL_ISSUE, today()),
                new PartnerJoined(today(), new Organization("x", "X", Sector.PUBLIC), List.of(Role.LEAD, Role.DATA_USER)),
                new ChallengeRaised(today(), "c1", Challenge.PARTNER_FIT, null, null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/partnerships/{ref}/assessment", ref).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.level").isEqualTo("NONE"));
        assertThat(changesOf(ref)).isEmpty();
        CLOCK.advance(Duration.ofDays(31)); // day 31: a SOCIAL_ISSUE-typical challenge open over 30 days
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(ref).size() == 1);
        assertThat(changesOf(ref).getFirst().change().signals()).extracting(s -> s.name()).containsExactly("MODEL_TYPICAL_CHALLENGE_OPEN");
        assertThat(changesOf(ref).getFirst().change().recommendations().getFirst().mechanisms())
                .containsExactly(Mechanism.STAKEHOLDER_PRESSURE_NETWORK, Mechanism.LEADERSHIP);
        CLOCK.advance(Duration.ofDays(60)); // day 91: unaddressed too -> MEDIUM (25 is still LOW)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/portfolios/jurisdictions/NL-Utrecht").exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.partnerships[?(@.ref == '" + ref + "')].score").isEqualTo(25));
        assertThat(changesOf(ref)).hasSize(1);
    }

    @Test
    void aRebuildFillsANewGenerationWhileTheOldServesThenSwitchesWithoutAnnouncingAgain() throws Exception {
        String ref = "rebuilt-" + UUID.randomUUID().toString().substring(0, 6);
        publish(ref, 0, formed(ref, PartnershipModel.SOCIAL_ISSUE, today()), provider(today()));
        publish(ref, 2, new DataDelivered(today(), "telco", "d", null, null),
                new PhaseChanged(today(), Phase.FORMING, Phase.OPERATING, "first data delivered"));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(ref).size() == 1);

        Instant asked = Instant.now();
        http.post().uri("/admin/rebuild").exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.state").isEqualTo("RUNNING");
        // the audit trail says who started it
        assertThat(audit.latest(10, "projection.rebuild-started", asked)).singleElement()
                .satisfies(entry -> assertThat(entry.subject()).isEqualTo("test-admin"));
        // the old generation keeps serving during the rebuild
        http.get().uri("/partnerships/{ref}/assessment", ref).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.level").isEqualTo("LOW");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/admin/rebuild").exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.state").isEqualTo("DONE"));
        byte[] progress = http.get().uri("/admin/rebuild").exchange().expectBody().returnResult().getResponseBody();
        JsonNode p = ContractJson.mapper().readTree(progress);
        assertThat(p.get("done").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(p.get("generation").asInt()).isGreaterThanOrEqualTo(1);
        http.get().uri("/partnerships/{ref}/assessment", ref).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.level").isEqualTo("LOW");
        http.get().uri("/portfolios/organizations/telco").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.partnerships[?(@.ref == '" + ref + "')].level").isEqualTo("LOW");
        // facts arriving after the switch land in the new generation
        publish(ref, 4, new AgreementSigned(today(), "a1", List.of("telco"), "p", List.of(), Confidentiality.PUBLIC, DeliveryCadence.ONE_OFF, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(ref).size() == 2);
        assertThat(changesOf(ref).get(1).change().changeName()).isEqualTo("RiskCleared");
        metricsMention("assessment_rebuild_done");
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).value(doc -> assertThat(doc).contains("/partnerships/{ref}/assessment", "/admin/rebuild", "/statistics"));
    }

    void metricsMention(String name) {
        String metrics = AsGateway.anonymous(managementPort).get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains(name);
    }
}
