package org.datacollab.infra;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/** MongoDB (a single-member replica set) and Apache Kafka in containers, where a Docker engine exists. */
final class ContainerInfrastructure implements Infrastructure {

    private final MongoDBContainer mongo;
    private final KafkaContainer kafka;

    private ContainerInfrastructure(MongoDBContainer mongo, KafkaContainer kafka) {
        this.mongo = mongo;
        this.kafka = kafka;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    static ContainerInfrastructure start() {
        MongoDBContainer mongo = new MongoDBContainer("mongo:7.0");
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
        mongo.start();
        kafka.start();
        return new ContainerInfrastructure(mongo, kafka);
    }

    @Override
    public String mongoUri() {
        return mongo.getReplicaSetUrl("datacollab");
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String describe() {
        return "Testcontainers: MongoDB " + mongoUri() + ", Kafka " + kafkaBootstrapServers();
    }

    @Override
    public void close() {
        kafka.stop();
        mongo.stop();
    }
}
