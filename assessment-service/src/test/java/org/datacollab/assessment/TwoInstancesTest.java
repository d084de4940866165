package org.datacollab.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.datacollab.assessment.projection.HistoryStore;
import org.datacollab.assessment.projection.ServedGeneration;
import org.datacollab.contracts.facts.ChallengeRaised;
import org.datacollab.contracts.facts.DataDelivered;
import org.datacollab.contracts.facts.PartnerJoined;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.contracts.vocabulary.Challenge;
import org.datacollab.contracts.vocabulary.Organization;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Role;
import org.datacollab.contracts.vocabulary.Sector;
import org.datacollab.contracts.vocabulary.Timeframe;
import org.datacollab.infra.Infrastructure;
import org.datacollab.security.Caller;
import org.datacollab.testsupport.AsGateway;
import org.datacollab.testsupport.KafkaClients;
import org.datacollab.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Once per cluster, not per replica (issue 14), with two instances of the service on one MongoDB database and one
 * consumer group: the time job re-evaluates a partnership whose day has come on one instance only (the lease
 * holder), announcing its change once; a rebuild run by one instance moves the other to the new generation for
 * reads at once and for writes at its next batch, even when its listener was paused through the switch, and nothing
 * is announced twice. Both contexts are closed after the class (their group would take later classes' events).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest {

    static final String SECRET = "two-instances-test-secret-0123456789abcdef";
    static final AsGateway GATEWAY = new AsGateway(SECRET);
    static final StubRegistry REGISTRY = new StubRegistry();
    static final MutableClock CLOCK = new MutableClock(Instant.now());
    static final String DATABASE = ServiceUnderTest.database("assessment-two");
    static final String GROUP = "two-instances-" + UUID.randomUUID();
    static ConfigurableApplicationContext second;
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

    /** The same settings for both instances: one database, one group, the time job every second, a lease of 10 s. */
    static Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("spring.mongodb.uri", Infrastructure.shared().mongoUri());
        settings.put("spring.mongodb.database", DATABASE);
        settings.put("spring.kafka.bootstrap-servers", Infrastructure.shared().kafkaBootstrapServers());
        settings.put("datacollab.security.internal-token.secret", SECRET);
        settings.put("datacollab.registry.url", REGISTRY.url());
        settings.put("datacollab.assessment.group", GROUP);
        settings.put("datacollab.assessment.time-check", "PT1S");
        settings.put("datacollab.assessment.time-passes.lease", "PT10S");
        return settings;
    }

    @DynamicPropertySource
    static void first(DynamicPropertyRegistry registry) {
        settings().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.client-id", () -> "assessment-first");
    }

    @BeforeAll
    static void startSecond() {
        Map<String, Object> settings = settings();
        settings.put("server.port", "0");
        settings.put("management.server.port", "0");
        settings.put("spring.kafka.client-id", "assessment-second");
        // as arguments: default properties would lose to application.yml's
        second = new SpringApplicationBuilder(AssessmentApplication.class, Time.class)
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        producer = KafkaClients.producer();
        risks = KafkaClients.consumer(Topics.SUSTAINABILITY_RISKS);
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
        }
        producer.close();
        risks.close();
    }

    @Autowired
    MeterRegistry firstMeters;
    @Autowired
    ServedGeneration firstServed;
    @LocalServerPort
    int port;

    @Test
    @Order(1)
    void theTimeJobReEvaluatesAPartnershipOnOneInstanceAndAnnouncesOnce() throws Exception {
        String ref = "ageing-" + UUID.randomUUID().toString().substring(0, 6);
        publish(ref, 0, formed(ref, PartnershipModel.SOCIAL_ISSUE),
                new PartnerJoined(today(), new Organization("x", "X", Sector.PUBLIC), List.of(Role.LEAD, Role.DATA_USER)),
                new ChallengeRaised(today(), "c1", Challenge.PARTNER_FIT, null, null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(level(port, ref)).isEqualTo("NONE"));
        MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
        double first = timed(firstMeters);
        double other = timed(secondMeters);

        CLOCK.advance(Duration.ofDays(31)); // a SOCIAL_ISSUE-typical challenge open over 30 days: due today on both
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(ref).size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> changesOf(ref).size() == 1);
        assertThat(changesOf(ref).getFirst().change().signals()).extracting(s -> s.name()).containsExactly("MODEL_TYPICAL_CHALLENGE_OPEN");
        double byFirst = timed(firstMeters) - first;
        double bySecond = timed(secondMeters) - other;
        assertThat(byFirst + bySecond).as("re-evaluations").isPositive();
        assertThat(byFirst == 0 || bySecond == 0).as("one instance re-evaluated (first %s, second %s)", byFirst, bySecond).isTrue();
        assertThat(level(secondPort(), ref)).isEqualTo("LOW");
    }

    @Test
    @Order(2)
    void aRebuildOnOneInstanceMovesTheOtherEvenIfItsListenerWasPausedAndAnnouncesNothingTwice() throws Exception {
        String before = "before-" + UUID.randomUUID().toString().substring(0, 6);
        publish(before, 0, formed(before, PartnershipModel.SOCIAL_ISSUE), provider(), delivered());
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(before).size() == 1);
        ServedGeneration secondServed = second.getBean(ServedGeneration.class);
        int old = secondServed.generation();

        // the second instance stops taking records (as a paused process would) through the rebuild and the switch
        List<MessageListenerContainer> containers = List.copyOf(second.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers());
        containers.forEach(MessageListenerContainer::pause);
        WebTestClient admin = GATEWAY.client(port, Caller.admin("two-instances"));
        admin.post().uri("/admin/rebuild").exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(120)).until(() -> progress(admin).get("state").asText().equals("DONE"));
        int rebuilt = progress(admin).get("generation").asInt();
        assertThat(rebuilt).isGreaterThan(old);
        assertThat(firstServed.generation()).isEqualTo(rebuilt);
        // reads move within a second, while its listener still waits
        await().atMost(Duration.ofSeconds(10)).until(() -> secondServed.generation() == rebuilt);
        assertThat(level(secondPort(), before)).isEqualTo("LOW");

        List<String> after = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // on several partitions: some of them the second instance's
            String ref = "after-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            after.add(ref);
            publish(ref, 0, formed(ref, PartnershipModel.SOCIAL_ISSUE), provider(), delivered());
        }
        containers.forEach(MessageListenerContainer::resume);
        try (MongoClient client = MongoClients.create(Infrastructure.shared().mongoUri())) {
            HistoryStore newGeneration = new HistoryStore(client.getDatabase(DATABASE), rebuilt);
            HistoryStore oldGeneration = new HistoryStore(client.getDatabase(DATABASE), old);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String ref : after) {
                    assertThat(newGeneration.lastSequence(ref)).as(ref).hasValue(2);
                    assertThat(changesOf(ref)).as(ref).hasSize(1);
                }
            });
            for (String ref : after) {
                assertThat(oldGeneration.lastSequence(ref)).as("written to the old generation: " + ref).isEmpty();
                assertThat(level(secondPort(), ref)).isEqualTo("LOW");
            }
        }
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> changesOf(before).size() == 1
                && after.stream().allMatch(ref -> changesOf(ref).size() == 1));
    }

    int secondPort() {
        return Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    static String level(int port, String ref) throws Exception {
        byte[] body = GATEWAY.client(port, Caller.admin("two-instances")).get().uri("/partnerships/{ref}/assessment", ref)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return ContractJson.mapper().readTree(body).get("level").asText();
    }

    static JsonNode progress(WebTestClient admin) throws Exception {
        return ContractJson.mapper().readTree(admin.get().uri("/admin/rebuild").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
    }

    static double timed(MeterRegistry meters) {
        return meters.counter("assessment.evaluations.timed").count();
    }

    /** Facts happen on the real day, never on the moved clock's: other classes' instances read this topic too. */
    static Instant today() {
        return LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static PartnershipFormed formed(String ref, PartnershipModel model) {
        return new PartnershipFormed(today(), ref, "Test " + ref, model, Timeframe.OPEN_ENDED, "i", "g", "NL-Utrecht", List.of());
    }

    static PartnerJoined provider() {
        return new PartnerJoined(today(), new Organization("telco", "Telco", Sector.PRIVATE), List.of(Role.LEAD, Role.DATA_PROVIDER));
    }

    static DataDelivered delivered() {
        return new DataDelivered(today(), "telco", "d", null, null);
    }

    /** Records facts as one commit (in the stub registry) and publishes them. */
    static void publish(String ref, long first, PartnershipFact... facts) throws Exception {
        List<RecordedFact> recorded = new ArrayList<>();
        for (int i = 0; i < facts.length; i++) {
            RecordedFact r = new RecordedFact(UUID.randomUUID().toString(), ref, first + i, Instant.now(), facts[i], i, facts.length, "ngo");
            recorded.add(r);
            REGISTRY.record(r);
        }
        for (RecordedFact r : recorded) {
            producer.send(PartnershipEventCodec.record(r)).get();
        }
    }

    static List<RiskChangeCodec.Decoded> changesOf(String ref) {
        synchronized (announced) {
            for (ConsumerRecord<String, byte[]> record : risks.poll(Duration.ofMillis(300))) {
                announced.add(RiskChangeCodec.decode(record));
            }
            return announced.stream().filter(d -> d.change().ref().equals(ref)).toList();
        }
    }
}
