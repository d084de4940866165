package org.datacollab.registry;

import org.datacollab.security.Caller;
import org.datacollab.security.InternalTokens;
import org.datacollab.testsupport.AsGateway;
import org.datacollab.testsupport.RecordedQueries;
import org.datacollab.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Base of the registry's integration tests: the real service on a random port, against the MongoDB and
 * Kafka that {@code Infrastructure.shared()} picks (Testcontainers with Docker, the local stack without).
 */
// the live stream holds the latest 20 events here, so that a test can pass beyond its window (LiveStreamTest)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "datacollab.registry.live.window=20")
@Import(RegistryIntegrationTest.Queries.class)
public abstract class RegistryIntegrationTest {

    /** Every query the service sends to MongoDB (QueriesTest checks their shapes). */
    protected static final RecordedQueries QUERIES = new RecordedQueries();

    @TestConfiguration(proxyBeanMethods = false)
    static class Queries {
        @Bean
        MongoClientSettingsBuilderCustomizer recordQueries() {
            return QUERIES.customizer();
        }
    }

    /** The secret the test plays the gateway with: each request carries a fresh internal token. */
    protected static final String SECRET = "registry-test-secret-0123456789abcdef";
    protected static final AsGateway GATEWAY = new AsGateway(SECRET);
    protected static final InternalTokens TOKENS = GATEWAY.tokens();
    /** One database per test JVM, so that runs never see each other's partnerships. */
    protected static final String DATABASE = ServiceUnderTest.database("registry-test");

    @LocalServerPort
    protected int port;
    /** The actuator's own port (management.server.port): nothing of it is on the service's port. */
    @LocalManagementPort
    int managementPort;
    protected WebTestClient http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceUnderTest.register(registry, DATABASE, SECRET);
        // a missing position (an append in flight) is passed after 2 s, so that tests of gaps do not wait long
        registry.add("datacollab.eventstore.gap-timeout", () -> "PT2S");
    }

    @BeforeEach
    void client() {
        http = as(Caller.admin("test-admin"));
    }

    /** A client whose every request carries an internal token for this caller. */
    protected WebTestClient as(Caller caller) {
        return GATEWAY.client(port, caller);
    }

    /** A client of the management port, without any token (as the kubelet and Prometheus call it). */
    protected WebTestClient management() {
        return AsGateway.anonymous(managementPort);
    }

    /** A client without any token. */
    protected WebTestClient anonymous() {
        return AsGateway.anonymous(port);
    }

    protected static byte[] resource(String path) {
        try (InputStream in = RegistryIntegrationTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String uniqueRef(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
