package org.datacollab.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.datacollab.infra.Infrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Kafka clients on the shared infrastructure, as the services' own are configured (string keys, byte values). */
public final class KafkaClients {

    public static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** A consumer of its own group, subscribed to the topic from its beginning. */
    public static KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = consumer();
        consumer.subscribe(Set.of(topic));
        return consumer;
    }

    /** A consumer of its own group, subscribed to nothing (from the beginning of whatever it is given). */
    public static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    /**
     * Reads the topic whole, once: every record from the beginning to the current end of each partition, in each
     * partition's order, for up to a minute. The consumer is assigned every partition (its group, if any, is not used);
     * their list is awaited for up to {@code lookup}, and each poll waits up to {@code poll}.
     */
    public static void readWhole(KafkaConsumer<String, byte[]> consumer, String topic, Duration lookup, Duration poll,
                                 Consumer<ConsumerRecord<String, byte[]>> each) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, lookup).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.currentTimeMillis() + 60_000;
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
            consumer.poll(poll).forEach(each);
        }
    }

    /** Polls until a record satisfies {@code until} or the time is up; answers every record read meanwhile. */
    public static List<ConsumerRecord<String, byte[]>> pollUntil(KafkaConsumer<String, byte[]> consumer,
                                                                 Predicate<ConsumerRecord<String, byte[]>> until, Duration atMost) {
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                read.add(record);
                if (until.test(record)) {
                    return read;
                }
            }
        }
        return read;
    }

    private KafkaClients() {
    }
}
