package org.datacollab.benchmarks;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.contracts.risk.ActiveSignal;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.RiskLevel;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notification service at 100 risk changes/s: changes put on sustainability-risks at a steady rate, one
 * webhook subscription (by jurisdiction) hearing every one. Latency from the send to Kafka to the signed POST's
 * arrival; whether it keeps up (every change delivered, at the rate they came). Raw baseline, same run: a plain
 * Kafka consumer of the same records (send -> read).
 */
final class Notifications {

    private static final Pattern REF = Pattern.compile("\"ref\":\"([^\"]+)\"");

    static void measure(Calls calls, Size size, Report report) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String jurisdiction = "BENCH-" + run;
        int total = 100 * size.steadySeconds();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Stats delivered = new Stats();
        Stats raw = new Stats();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        receiver.setExecutor(Executors.newFixedThreadPool(8, Thread.ofPlatform().daemon().factory()));
        receiver.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            Matcher ref = REF.matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
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
        if (Calls.post(calls.stack().url("notification-service") + "/subscriptions", calls.internal(), """
                {"organization":"bench","contact":"bench@example.org","jurisdiction":"%s","minimumLevel":"LOW",
                 "webhook":{"url":"http://127.0.0.1:%d/hook","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}"""
                .formatted(jurisdiction, receiver.getAddress().getPort())) != 201) {
            throw new IllegalStateException("the benchmark's webhook subscription was refused");
        }
        AtomicBoolean listening = new AtomicBoolean(true);
        KafkaConsumer<String, byte[]> consumer = Kafka.fromNow(calls.stack(), Topics.SUSTAINABILITY_RISKS);
        Thread baseline = Thread.ofPlatform().daemon().start(() -> {
            try (consumer) {
                while (listening.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        Long sent = sentAt.get(record.key());
                        if (sent != null) {
                            raw.add((System.nanoTime() - sent) / 1e6);
                        }
                    }
                }
            }
        });
        Census census = new Census(calls).start();
        long started = System.nanoTime();
        Steady.Achieved sent;
        try (KafkaProducer<String, byte[]> producer = Kafka.producer(calls.stack())) {
            sent = Steady.run(100, total, i -> {
                String ref = "notify-" + run + "-" + i;
                RiskChange change = RiskChange.between(ref, "Bench " + i, jurisdiction, List.of("bench"), "bench",
                        RiskLevel.NONE, RiskLevel.MEDIUM, 35,
                        List.of(new ActiveSignal("DELIVERY_GAP", 35, "No data delivered for 70 days.")), List.of(), Instant.now());
                sentAt.put(ref, System.nanoTime());
                producer.send(RiskChangeCodec.record(change));
            });
            producer.flush();
        }
        Kafka.awaitCount(delivered, total, Duration.ofSeconds(180));
        double deliverySeconds = (System.nanoTime() - started) / 1e9;
        report.note("while the notification service delivered " + total + " risk changes: " + census.end(total, "change"));
        listening.set(false);
        baseline.join();
        receiver.stop(0);
        report.latency("risk change sent -> webhook received, %.0f changes/s sent".formatted(sent.rate()), delivered, raw,
                "plain consumer of the same records", 1000);
        double deliveredRate = delivered.count() / deliverySeconds;
        report.figure("notification keeps up with 100 risk changes/s", "%d of %d delivered (%d distinct), %.0f/s from first send to last delivery"
                        .formatted(delivered.count(), total, seen.size(), deliveredRate), "%.0f/s sent".formatted(sent.rate()),
                "%.2f".formatted(deliveredRate / sent.rate()), "all delivered at the rate sent (p99 < 1 s)",
                delivered.count() == total && delivered.percentile(99) < 1000);
    }

    private Notifications() {
    }
}
