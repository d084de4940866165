package org.datacollab.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import java.nio.ByteBuffer;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), from the
 * kafka_2.13 jars alone. Formats its log folder on first start, keeps it across restarts.
 * Usage: {@code KafkaNode <port> <controller-port> <data-folder>}.
 */
public final class KafkaNode {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        Path folder = Path.of(args[2]).toAbsolutePath();
        Path logs = folder.resolve("logs");
        Files.createDirectories(logs);
        Path properties = folder.resolve("server.properties");
        Files.writeString(properties, serverProperties(port, controllerPort, logs));
        if (!Files.exists(logs.resolve("meta.properties"))) {
            String clusterId = clusterId();
            int status = kafka.tools.StorageTool$.MODULE$.execute(
                    new String[]{"format", "--cluster-id=" + clusterId, "--config=" + properties, "--ignore-formatted"},
                    new PrintStream(System.out));
            if (status != 0) {
                throw new IllegalStateException("kafka-storage format failed with status " + status);
            }
        }
        kafka.Kafka.main(new String[]{properties.toString()});
    }

    static String serverProperties(int port, int controllerPort, Path logs) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=4
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=4
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=4
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, logs.toString().replace('\\', '/'));
    }

    /** A random cluster id; URL-safe base64 may start with '-', which a command line would read as an option. */
    static String clusterId() {
        String id;
        do {
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(uuidBytes());
        } while (id.startsWith("-"));
        return id;
    }

    private static byte[] uuidBytes() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer buffer = ByteBuffer.allocate(16);
        buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return buffer.array();
    }

    private KafkaNode() {
    }
}
