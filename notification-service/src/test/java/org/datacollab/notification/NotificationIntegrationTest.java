package org.datacollab.notification;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.risk.ActiveSignal;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.testsupport.AsGateway;
import org.datacollab.testsupport.KafkaClients;
import org.datacollab.testsupport.RecordedQueries;
import org.datacollab.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.datacollab.security.Caller;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the notification tests that share one running service (one Spring context): a real HTTP receiver for
 * webhooks (failing on demand), a producer on sustainability-risks playing the assessment, and every query the
 * service sends to MongoDB recorded (QueriesTest checks their shapes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"datacollab.webhooks.first-retry=PT0.2S", "datacollab.webhooks.poll=PT0.1S", "datacollab.webhooks.max-attempts=6"})
@Import(NotificationIntegrationTest.Queries.class)
abstract class NotificationIntegrationTest {

    static final RecordedQueries QUERIES = new RecordedQueries();
    static final String DATABASE = ServiceUnderTest.database("notification-test");

    @TestConfiguration(proxyBeanMethods = false)
    static class Queries {
        @Bean
        MongoClientSettingsBuilderCustomizer recordQueries() {
            return QUERIES.customizer();
        }
    }


    static final String SECRET = "notification-test-secret-0123456789abcdef";
    static final AsGateway GATEWAY = new AsGateway(SECRET);
    static HttpServer receiver;
    static final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
    static final List<String> bodies = new CopyOnWriteArrayList<>();
    static final AtomicInteger failuresLeft = new AtomicInteger();
    static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceUnderTest.register(registry, DATABASE, SECRET);
        registry.add("datacollab.webhooks.allowed-hosts", () -> "127.0.0.1");
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                headers.add(Map.copyOf(exchange.getRequestHeaders()));
                bodies.add(new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
        producer = KafkaClients.producer();
    }

    @AfterAll
    static void stop() {
        producer.close();
        receiver.stop(0);
    }

    @LocalServerPort
    int port;
    WebTestClient http;

    @BeforeEach
    void http() {
        http = as(port, Caller.admin("test-admin"));
    }

    /** A client whose every request carries an internal token for this caller, as the gateway would send. */
    static WebTestClient as(int port, Caller caller) {
        return GATEWAY.client(port, caller);
    }

    static String secret() {
        return "whsec_" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    }

    String subscribe(String ref, String secret) {
        byte[] body = http.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"organization":"city","contact":"ops@example.org","partnerships":["%s"],"minimumLevel":"LOW",
                 "webhook":{"url":"http://127.0.0.1:%d/hook","secret":"%s"}}""".formatted(ref, receiver.getAddress().getPort(), secret))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        String json = new String(body, StandardCharsets.UTF_8);
        assertThat(json).doesNotContain(secret);
        return json.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    static RiskChange raised(String ref) {
        return RiskChange.between(ref, "P", "NL", List.of("city"), "city", RiskLevel.NONE, RiskLevel.LOW, 15,
                List.of(new ActiveSignal("SHARING_WITHOUT_AGREEMENT", 15, "Data has been delivered but no data sharing agreement is in force.")),
                List.of(), Instant.parse("2026-11-25T00:00:00Z"));
    }

    static void announce(RiskChange change) throws Exception {
        producer.send(RiskChangeCodec.record(change)).get();
    }

    long receivedFor(String ref) {
        return bodies.stream().filter(b -> b.contains("\"ref\":\"" + ref + "\"")).count();
    }
}
