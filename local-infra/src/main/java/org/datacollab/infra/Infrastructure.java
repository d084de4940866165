package org.datacollab.infra;

/**
 * Where a MongoDB and a Kafka broker can be reached. Tests ask {@link #shared()} and never decide for
 * themselves: with a Docker engine they get Testcontainers (MongoDB replica set, Apache Kafka), without
 * one the local stack's processes. {@code -Ddatacollab.infrastructure=local|containers} forces either.
 */
public interface Infrastructure extends AutoCloseable {

    String mongoUri();

    String kafkaBootstrapServers();

    /** A short description for logs and reports. */
    String describe();

    @Override
    void close();

    /** Ends it without ceremony, at the end of a test run whose data nobody needs (defaults to close). */
    default void abandon() {
        close();
    }

    static Infrastructure shared() {
        return SharedInfrastructure.get();
    }
}
