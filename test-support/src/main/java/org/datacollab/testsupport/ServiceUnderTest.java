package org.datacollab.testsupport;

import org.datacollab.infra.Infrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.UUID;

/**
 * Points a service under test at the shared infrastructure ({@link Infrastructure#shared()}: Testcontainers
 * with Docker, the local stack's processes without), in a database of its own, with the internal-token secret
 * the test plays the gateway with.
 */
public final class ServiceUnderTest {

    /** A database name no other test run uses. */
    public static String database(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers the MongoDB (this database), Kafka and secret properties. */
    public static void register(DynamicPropertyRegistry registry, String database, String secret) {
        Infrastructure infrastructure = Infrastructure.shared();
        registry.add("spring.mongodb.uri", infrastructure::mongoUri);
        registry.add("spring.mongodb.database", () -> database);
        registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
        registry.add("datacollab.security.internal-token.secret", () -> secret);
    }

    private ServiceUnderTest() {
    }
}
