package org.datacollab.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local stack's infrastructure: a KRaft Kafka broker and a MongoDB-wire-protocol server, each its own
 * process on loopback, so that a test can kill and restart either like a real server.
 */
public final class LocalInfrastructure implements Infrastructure {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final ManagedProcess mongo;
    private final ManagedProcess kafka;
    private final int mongoPort;
    private final int kafkaPort;

    private LocalInfrastructure(ManagedProcess mongo, ManagedProcess kafka, int mongoPort, int kafkaPort) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.mongoPort = mongoPort;
        this.kafkaPort = kafkaPort;
    }

    public static LocalInfrastructure start(Path folder, int mongoPort, int kafkaPort, int controllerPort) {
        Path data = folder.toAbsolutePath();
        // a server out of memory exits (its log says why) instead of answering half its requests with errors, as the
        // services do: the benchmark of a grown store met a MongoNode that kept its port open after an OutOfMemoryError
        ManagedProcess mongo = ManagedProcess.java("mongo", MongoNode.class.getName(),
                List.of(String.valueOf(mongoPort), data.resolve("mongo").toString()),
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"), Map.of(), data.resolve("logs/mongo.log"), mongoPort);
        ManagedProcess kafka = ManagedProcess.java("kafka", KafkaNode.class.getName(),
                List.of(String.valueOf(kafkaPort), String.valueOf(controllerPort), data.resolve("kafka").toString()),
                List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"), Map.of(), data.resolve("logs/kafka.log"), kafkaPort);
        try {
            mongo.start();
            kafka.start();
            mongo.awaitListening(START_TIMEOUT);
            kafka.awaitListening(START_TIMEOUT);
        } catch (RuntimeException failed) {
            // neither is left running: a second try (or the next test class) would find the data files locked
            kafka.kill();
            mongo.kill();
            throw failed;
        }
        return new LocalInfrastructure(mongo, kafka, mongoPort, kafkaPort);
    }

    @Override
    public String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort + "/datacollab";
    }

    @Override
    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public ManagedProcess mongo() {
        return mongo;
    }

    public ManagedProcess kafka() {
        return kafka;
    }

    @Override
    public String describe() {
        return "local stack: MongoDB-protocol server " + mongoUri() + " (pid " + mongo.pid() + "), Kafka KRaft "
                + kafkaBootstrapServers() + " (pid " + kafka.pid() + ")";
    }

    @Override
    public void abandon() {
        kafka.kill();
        mongo.kill();
    }

    @Override
    public void close() {
        kafka.stop();
        mongo.stop();
    }
}
