package org.datacollab.benchmarks;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.datacollab.localstack.LocalStack;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/** Kafka clients of the benchmarks, and the raw baseline of latency: a plain producer to a plain consumer. */
final class Kafka {

    static KafkaConsumer<String, byte[]> consumer(LocalStack stack, String group, String reset) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    /** A consumer of the topic from its end, already given its partitions (so that nothing sent after is missed). */
    static KafkaConsumer<String, byte[]> fromNow(LocalStack stack, String topic) {
        KafkaConsumer<String, byte[]> consumer = consumer(stack, "bench-" + UUID.randomUUID(), "latest");
        consumer.subscribe(Set.of(topic));
        long deadline = System.currentTimeMillis() + 60_000;
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    static KafkaProducer<String, byte[]> producer(LocalStack stack) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** Waits until {@code stats} holds {@code count} figures, or the time is up. */
    static void awaitCount(Stats stats, int count, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (stats.count() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Send -> read latency of plain records at the rate, on a topic of the run's own (the transport's own cost). */
    static Stats rawLatency(LocalStack stack, int perSecond, int total) throws Exception {
        String topic = "bench-raw-" + UUID.randomUUID().toString().substring(0, 6);
        Stats latency = new Stats();
        try (KafkaProducer<String, byte[]> producer = producer(stack)) {
            producer.send(new ProducerRecord<>(topic, "warm-up", new byte[8])).get();
            KafkaConsumer<String, byte[]> consumer = fromNow(stack, topic);
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (consumer) {
                    while (reading.get()) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                            latency.add((System.nanoTime() - ByteBuffer.wrap(record.value()).getLong()) / 1e6);
                        }
                    }
                }
            });
            Steady.run(perSecond, total, i -> producer.send(new ProducerRecord<>(topic, "k" + (i % 16),
                    ByteBuffer.allocate(8).putLong(System.nanoTime()).array())));
            awaitCount(latency, total, Duration.ofSeconds(60));
            reading.set(false);
            reader.join();
        }
        return latency;
    }

    private Kafka() {
    }
}
