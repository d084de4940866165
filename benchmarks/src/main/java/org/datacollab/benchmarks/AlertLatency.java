package org.datacollab.benchmarks;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command accepted -> webhook received at a steady 100 commands/s through the gateway with an ordinary key:
 * partnerships are formed, a provider joins, data is delivered without an agreement (which raises a risk), and a
 * webhook subscription on the run's jurisdiction hears the RiskRaised. Timed from the answer to the delivery
 * command to the webhook's arrival; the rate achieved is printed. Raw baseline, same run, same rate: what the
 * path's transport alone costs: the answer of an HTTP call, two Kafka hops (as partnership-events and
 * sustainability-risks), and an HTTP POST to the same receiver.
 */
final class AlertLatency {

    private static final Pattern REF = Pattern.compile("\"ref\":\"([^\"]+)\"");

    static void measure(Calls calls, String key, String jurisdiction, Size size, Report report) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        Stats alerts = new Stats();
        HttpServer receiver = receiver(acceptedAt, alerts);
        String subscription = """
                {"organization":"bench","contact":"bench@example.org","jurisdiction":"%s","minimumLevel":"LOW",
                 "webhook":{"url":"http://127.0.0.1:%d/hook","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}"""
                .formatted(jurisdiction, receiver.getAddress().getPort());
        if (Calls.post(calls.stack().url("notification-service") + "/subscriptions", calls.internal(), subscription) != 201) {
            throw new IllegalStateException("the benchmark's webhook subscription was refused");
        }
        String gateway = calls.stack().gatewayUrl() + "/api/registry/partnerships";
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        int partnerships = 100 * size.steadySeconds() / 3;
        Census census = new Census(calls).start();
        // a partnership's three commands in order: each waits for the one before it to be answered (steady 100/s
        // otherwise), so that a join is never sent before its partnership was formed
        CompletableFuture<?>[] answered = new CompletableFuture<?>[partnerships * 3];
        Arrays.setAll(answered, i -> new CompletableFuture<Void>());
        AtomicInteger refused = new AtomicInteger();
        Steady.Achieved achieved = Steady.run(100, partnerships * 3, i -> {
            String ref = "alert-" + run + "-" + (i / 3);
            try {
                if (i % 3 != 0) {
                    answered[i - 1].join();
                }
                int status = switch (i % 3) {
                    case 0 -> Calls.post(gateway, "Bearer " + key, """
                            {"ref":"%s","name":"Alert","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g",
                             "jurisdiction":"%s","occurredAt":"%s"}""".formatted(ref, jurisdiction, today));
                    case 1 -> Calls.post(gateway + "/" + ref + "/facts", "Bearer " + key, """
                            {"fact":"PartnerJoined","occurredAt":"%s","organization":{"ref":"telco","name":"Telco","sector":"PRIVATE"},
                             "roles":["LEAD","DATA_PROVIDER"]}""".formatted(today));
                    default -> Calls.post(gateway + "/" + ref + "/facts", "Bearer " + key, """
                            {"fact":"DataDelivered","occurredAt":"%s","provider":"telco","dataset":"d"}""".formatted(today));
                };
                if (status != 201) {
                    refused.incrementAndGet();
                } else if (i % 3 == 2) {
                    acceptedAt.put(ref, System.nanoTime());
                }
            } finally {
                answered[i].complete(null);
            }
        });
        if (refused.get() > 0) {
            System.out.println("  alert run: " + refused.get() + " commands not accepted (their partnerships' alerts are not awaited)");
        }
        int expected = acceptedAt.size();
        String lags = calls.lags();
        String store = census.end(partnerships * 3L, "command");
        Kafka.awaitCount(alerts, expected, Duration.ofSeconds(120));
        receiver.stop(0);
        Stats raw = rawPipeline(calls, partnerships);
        report.latency("command accepted -> webhook received, %.0f commands/s achieved (aim 100), through the gateway"
                .formatted(achieved.rate()), alerts, raw, "HTTP answer + 2 Kafka hops + webhook POST, 33/s", 250);
        report.note("when the last command of the alert run was answered, the processors' lag was: " + lags
                + "; " + alerts.count() + " of the " + expected + " alerts expected (deliveries accepted; " + refused.get()
                + " commands refused) arrived within two minutes of the last command");
        report.note("while the alert run's commands were sent at 100/s: " + store);
    }

    /** A receiver that notes when each partnership's alert arrived, from the ref in its body. */
    private static HttpServer receiver(Map<String, Long> startedAt, Stats latency) throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        receiver.setExecutor(Executors.newFixedThreadPool(8, Thread.ofPlatform().daemon().factory()));
        receiver.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            Matcher ref = REF.matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (ref.find()) {
                Long started = startedAt.remove(ref.group(1));
                if (started != null) {
                    latency.add((now - started) / 1e6);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        return receiver;
    }

    /** The same path's transport without the services: HTTP answer, two Kafka hops, the webhook POST; 33 per second. */
    private static Stats rawPipeline(Calls calls, int count) throws Exception {
        String first = "bench-hop1-" + UUID.randomUUID().toString().substring(0, 6);
        String second = "bench-hop2-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        Stats latency = new Stats();
        HttpServer receiver = receiver(startedAt, latency);
        URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        AtomicBoolean running = new AtomicBoolean(true);
        try (KafkaProducer<String, byte[]> producer = Kafka.producer(calls.stack())) {
            producer.send(new ProducerRecord<>(first, "warm-up", new byte[1])).get();
            producer.send(new ProducerRecord<>(second, "warm-up", new byte[1])).get();
            KafkaConsumer<String, byte[]> hop1 = Kafka.fromNow(calls.stack(), first);
            KafkaConsumer<String, byte[]> hop2 = Kafka.fromNow(calls.stack(), second);
            Thread relay = Thread.ofPlatform().daemon().start(() -> {
                try (hop1) {
                    while (running.get()) {
                        for (ConsumerRecord<String, byte[]> record : hop1.poll(Duration.ofMillis(20))) {
                            producer.send(new ProducerRecord<>(second, record.key(), record.value()));
                        }
                    }
                }
            });
            Thread webhook = Thread.ofPlatform().daemon().start(() -> {
                try (hop2) {
                    while (running.get()) {
                        for (ConsumerRecord<String, byte[]> record : hop2.poll(Duration.ofMillis(20))) {
                            Calls.send(HttpRequest.newBuilder(hook).POST(HttpRequest.BodyPublishers.ofByteArray(record.value())).build());
                        }
                    }
                }
            });
            String echo = calls.stack().managementUrl("registry-service") + "/actuator/health/liveness";
            Steady.run(33, count, i -> {
                String ref = "raw-" + i;
                Calls.send(HttpRequest.newBuilder(URI.create(echo)).GET().build());
                startedAt.put(ref, System.nanoTime());
                producer.send(new ProducerRecord<>(first, ref, ("{\"ref\":\"" + ref + "\"}").getBytes(StandardCharsets.UTF_8)));
            });
            Kafka.awaitCount(latency, count, Duration.ofSeconds(60));
            running.set(false);
            relay.join();
            webhook.join();
        } finally {
            receiver.stop(0);
        }
        return latency;
    }

    private AlertLatency() {
    }
}
