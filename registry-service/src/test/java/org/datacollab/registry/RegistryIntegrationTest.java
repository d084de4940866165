package org.datacollab.registry;

import org.datacollab.infra.Infrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;

/**
 * Base of the registry's integration tests: the real service on a random port, against the MongoDB and
 * Kafka that {@link Infrastructure#shared()} picks (Testcontainers with Docker, the local stack without).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RegistryIntegrationTest {

    /** One database per test JVM, so that runs never see each other's partnerships. */
    static final String DATABASE = "registry-test-" + UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;
    protected WebTestClient http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure infrastructure = Infrastructure.shared();
        registry.add("spring.mongodb.uri", infrastructure::mongoUri);
        registry.add("spring.mongodb.database", () -> DATABASE);
        registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
        registry.add("datacollab.security.internal-token.secret", () -> SECRET);
    }

    /** The secret the test plays the gateway with: each request carries a fresh internal token. */
    protected static final String SECRET = "registry-test-secret-0123456789abcdef";
    protected static final org.datacollab.security.InternalTokens TOKENS = new org.datacollab.security.InternalTokens(SECRET);

    @BeforeEach
    void client() {
        http = as(org.datacollab.security.Caller.admin("test-admin"));
    }

    /** A client whose every request carries an internal token for this caller. */
    protected WebTestClient as(org.datacollab.security.Caller caller) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .filter((request, next) -> next.exchange(org.springframework.web.reactive.function.client.ClientRequest.from(request)
                        .header("Authorization", "Bearer " + TOKENS.mint(caller, "test")).build()))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** A client without any token. */
    protected WebTestClient anonymous() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
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
