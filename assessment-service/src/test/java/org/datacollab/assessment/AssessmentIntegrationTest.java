package org.datacollab.assessment;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.security.Caller;
import org.datacollab.testsupport.AsGateway;
import org.datacollab.testsupport.KafkaClients;
import org.datacollab.testsupport.RecordedQueries;
import org.datacollab.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Base of the assessment's tests that share one running service (one Spring context): the test plays the
 * registry's publisher on partnership-events (and its facts endpoint, {@link StubRegistry}) and reads
 * sustainability-risks. Poison records are retried twice, quickly, before they are set aside.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"datacollab.dead-letters.attempts=3", "datacollab.dead-letters.backoff=PT0.1S",
                // the job that re-evaluates partnerships whose day has come, every 2 s instead of every minute
                "datacollab.assessment.time-check=PT2S"})
@Import(AssessmentIntegrationTest.Queries.class)
abstract class AssessmentIntegrationTest {

    /** Every query the service sends to MongoDB (QueriesTest checks their shapes). */
    static final RecordedQueries QUERIES = new RecordedQueries();

    @TestConfiguration(proxyBeanMethods = false)
    static class Queries {
        @Bean
        MongoClientSettingsBuilderCustomizer recordQueries() {
            return QUERIES.customizer();
        }
    }

    static final AsGateway GATEWAY = new AsGateway(AssessmentServiceTest.SECRET);
    static final StubRegistry REGISTRY = new StubRegistry();
    static final String DATABASE = ServiceUnderTest.database("assessment-shared");
    static KafkaProducer<String, byte[]> producer;
    static KafkaConsumer<String, byte[]> risks;
    static final List<RiskChangeCodec.Decoded> announced = new ArrayList<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceUnderTest.register(registry, DATABASE, AssessmentServiceTest.SECRET);
        registry.add("datacollab.registry.url", REGISTRY::url);
    }

    @BeforeAll
    static void clients() {
        if (producer == null) {
            producer = KafkaClients.producer();
            risks = KafkaClients.consumer(Topics.SUSTAINABILITY_RISKS);
        }
    }

    @LocalServerPort
    int port;
    WebTestClient http;

    @BeforeEach
    void http() {
        http = GATEWAY.client(port, Caller.admin("test-admin"));
    }

    static String uniqueRef(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Records facts as one commit (in the stub registry) starting at {@code first}, and publishes them. */
    static List<RecordedFact> publish(String ref, long first, PartnershipFact... facts) throws Exception {
        List<RecordedFact> recorded = new ArrayList<>();
        for (int i = 0; i < facts.length; i++) {
            RecordedFact r = new RecordedFact(UUID.randomUUID().toString(), ref, first + i, Instant.now(), facts[i], i, facts.length, "ngo");
            recorded.add(r);
            REGISTRY.record(r);
        }
        for (RecordedFact r : recorded) {
            send(r);
        }
        return recorded;
    }

    static void send(RecordedFact r) throws Exception {
        producer.send(PartnershipEventCodec.record(r)).get();
    }

    /** The risk changes announced for the partnership so far, in the order they were announced. */
    static List<RiskChangeCodec.Decoded> changesOf(String ref) {
        synchronized (announced) {
            for (ConsumerRecord<String, byte[]> record : risks.poll(Duration.ofMillis(300))) {
                announced.add(RiskChangeCodec.decode(record));
            }
            return announced.stream().filter(d -> d.change().ref().equals(ref)).toList();
        }
    }
}
