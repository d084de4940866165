package org.datacollab.registry;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.infra.Infrastructure;
import org.datacollab.testsupport.KafkaClients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** What partnership-events carries, read by a consumer of the test's own. */
public final class PublishedFacts {

    /** The first {@code expected} facts of the partnerships the filter accepts, waiting up to a minute for them. */
    public static List<RecordedFact> await(Predicate<String> refs, int expected) {
        List<RecordedFact> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(Topics.PARTNERSHIP_EVENTS)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (received.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && refs.test(record.key())) {
                        received.add(PartnershipEventCodec.decode(record));
                    }
                }
            }
        }
        return received;
    }

    public static List<RecordedFact> await(String ref, int expected) {
        return await(ref::equals, expected);
    }

    /** Every fact of the partnership on the topic now: read from the beginning to the current end of each partition. */
    public static List<RecordedFact> all(String ref) {
        List<RecordedFact> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PARTNERSHIP_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (ref.equals(record.key())) {
                        received.add(PartnershipEventCodec.decode(record));
                    }
                }
            }
        }
        return received;
    }

    /** A consumer of its own group, subscribed to nothing. */
    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private PublishedFacts() {
    }
}
