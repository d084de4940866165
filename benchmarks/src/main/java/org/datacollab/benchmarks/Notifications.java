package org.datacollab.benchmarks;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.contracts.risk.ActiveSignal;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.localstack.LocalStack;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivery latency at 100 risk changes/s: risk changes are put on sustainability-risks at a steady rate and
 * one webhook subscription (by jurisdiction) hears every one. Latency is from the moment the change was sent
 * to Kafka to the moment the receiver got the signed POST. The raw baseline is a plain Kafka consumer of the
 * same records in the same run (send -> poll), so the ratio shows what the notification service adds.
 */
final class Notifications {

    private static final Pattern REF = Pattern.compile("\"ref\":\"([^\"]+)\"");

    static void deliveryLatency(LocalStack stack) throws Exception {
        System.out.println("\n== Notification ==");
        String run = UUID.randomUUID().toString().substring(0, 6);
        String jurisdiction = "BENCH-" + run;
        int rate = 100;
        int seconds = 30;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Stats delivered = new Stats();
        Stats raw = new Stats();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        receiver.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher ref = REF.matcher(body);
            if (ref.find() && seen.add(exchange.getRequestHeaders().getFirst("webhook-id"))) {
                Long sent = sentAt.get(ref.group(1));
                if (sent != null) {
                    delivered.add((now - sent) / 1e6);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        int status = Benchmarks.post(stack.url("notification-service") + "/subscriptions", """
                {"organization":"bench","contact":"bench@example.org","jurisdiction":"%s","minimumLevel":"LOW",
                 "webhook":{"url":"http://127.0.0.1:%d/hook","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}"""
                .formatted(jurisdiction, receiver.getAddress().getPort()));
        if (status != 201) {
            throw new IllegalStateException("subscription refused: " + status);
        }
        AtomicBoolean listening = new AtomicBoolean(true);
        Thread baseline = Thread.ofPlatform().start(() -> {
            try (KafkaConsumer<String, byte[]> consumer = Benchmarks.consumer(stack, "bench-notify-raw-" + run, "latest")) {
                consumer.subscribe(Set.of(Topics.SUSTAINABILITY_RISKS));
                while (listening.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        Long sent = sentAt.get(record.key());
                        if (sent != null) {
                            raw.add((System.nanoTime() - sent) / 1e6);
                        }
                    }
                }
            }
        });
        Thread.sleep(3000);
        int total = rate * seconds;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += interval;
                String ref = "notify-" + run + "-" + i;
                RiskChange change = RiskChange.between(ref, "Bench " + i, jurisdiction, List.of("bench"), "bench",
                        RiskLevel.NONE, RiskLevel.MEDIUM, 35,
                        List.of(new ActiveSignal("DELIVERY_GAP", 35, "No data delivered for 70 days.")), List.of(), Instant.now());
                sentAt.put(ref, System.nanoTime());
                producer.send(RiskChangeCodec.record(change));
            }
            producer.flush();
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (delivered.count() < total && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        listening.set(false);
        baseline.join();
        receiver.stop(0);
        System.out.printf("risk change sent -> webhook received, %d changes at %d/s (one subscription hears all):%n", total, rate);
        System.out.printf("%-28s %8s %10s %10s %10s%n", "", "n", "p50 ms", "p99 ms", "max ms");
        System.out.printf("%-28s %8d %10.0f %10.0f %10.0f%n", "webhook delivery", delivered.count(),
                delivered.percentile(50), delivered.percentile(99), delivered.percentile(100));
        System.out.printf("%-28s %8d %10.0f %10.0f %10.0f%n", "raw Kafka consume", raw.count(),
                raw.percentile(50), raw.percentile(99), raw.percentile(100));
        System.out.printf("ratio webhook/raw: p50 %.1f, p99 %.1f; delivered distinct %d of %d%n",
                delivered.percentile(50) / raw.percentile(50), delivered.percentile(99) / raw.percentile(99), seen.size(), total);
    }

    private Notifications() {
    }
}
