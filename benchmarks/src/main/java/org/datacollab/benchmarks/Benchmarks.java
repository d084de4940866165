package org.datacollab.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.localstack.LocalStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmarks against the local stack. Every figure is printed with the raw baseline measured in the same
 * run on the same servers (mongodb-driver-sync insertOne, a plain Kafka consumer), and their ratio.
 * Not a test: nothing here asserts a time.
 */
public final class Benchmarks {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The benchmarks call the services directly, with an internal token as the gateway would send (refreshed: it lives a minute). */
    static volatile LocalStack STACK;

    static String token() {
        return "Bearer " + STACK.internalToken(org.datacollab.security.Caller.admin("benchmarks"));
    }

    public static void main(String[] args) throws Exception {
        String only = args.length > 0 ? args[0] : "all";
        LocalStack stack = LocalStack.start(Path.of("benchmarks/target/bench-stack-" + ProcessHandle.current().pid()),
                // the load run drives one key hard: the benchmark stack lifts the per-key rate limit
                LocalStack.Ports.free(), Map.of("GATEWAY_RATE_LIMIT_CAPACITY", "100000", "GATEWAY_RATE_LIMIT_PER_SECOND", "100000"));
        STACK = stack;
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stack-shutdown"));
        try {
            if (only.equals("all") || only.equals("registry")) {
                registry(stack);
            }
            if (only.equals("all") || only.equals("assessment")) {
                assessment(stack);
            }
            if (only.equals("all") || only.equals("gateway")) {
                gateway(stack);
            }
            if (only.equals("all") || only.equals("load")) {
                LoadRun.run(stack);
            }
            if (only.equals("all") || only.equals("notification")) {
                Notifications.deliveryLatency(stack);
            }
            if (only.equals("all") || only.equals("catalogue")) {
                CatalogueBenchmark.run(stack);
            }
        } finally {
            stack.close();
        }
    }

    static void registry(LocalStack stack) throws Exception {
        String registry = stack.url("registry-service");
        System.out.println("\n== Registry ==");
        long started = System.nanoTime();
        int status = post(registry + "/partnerships/import", HistoryGenerator.history("bench-history-0", 10_000));
        double importSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("import of a 10,000-fact history: %.2f s (status %d)%n", importSeconds, status);
        for (int i = 1; i <= 40; i++) {
            post(registry + "/partnerships/import", HistoryGenerator.history("bench-history-" + i, 1_000));
        }
        System.out.println("event store grown to about 50,000 events (one 10,000-fact and forty 1,000-fact histories) before measuring");
        awaitQuiet(stack);

        double raw1 = rawInserts(stack, 1, 3000);
        double reg1 = commands(registry, 1, 1500);
        awaitQuiet(stack);
        double raw16 = rawInserts(stack, 16, 300);
        double reg16 = commands(registry, 16, 200);
        System.out.printf("%-44s %10s %10s %8s%n", "", "registry", "raw insert", "ratio");
        System.out.printf("%-44s %10.0f %10.0f %8.2f%n", "operations/s, 1 client", reg1, raw1, reg1 / raw1);
        System.out.printf("%-44s %10.0f %10.0f %8.2f%n", "operations/s, 16 clients (distinct partnerships)", reg16, raw16, reg16 / raw16);
    }

    /** Waits until publication, projections and assessments have caught up, so that baselines are measured on an idle machine. */
    static void awaitQuiet(LocalStack stack) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        String previous = "";
        int stable = 0;
        while (System.currentTimeMillis() < deadline && stable < 3) {
            String pending = metric(stack.managementUrl("registry-service"), "registry_publication_pending");
            String applied = metric(stack.managementUrl("assessment-service"), "assessment_events_total{application=\"assessment-service\",outcome=\"applied\"}");
            String now = pending + "/" + applied;
            stable = now.equals(previous) && pending.startsWith("0") ? stable + 1 : 0;
            previous = now;
            Thread.sleep(2000);
        }
    }

    static String metric(String service, String name) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(service + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith(name)).map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElse("?");
    }

    /** mongodb-driver-sync insertOne of a document the size of a stored commit, into the same server. */
    static double rawInserts(LocalStack stack, int clients, int perClient) throws Exception {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + stack.ports().mongo())) {
            MongoCollection<Document> collection = client.getDatabase("bench").getCollection("raw-" + clients);
            String payload = "x".repeat(600);
            return parallel(clients, perClient, (c, i) -> collection.insertOne(
                    new Document("aggregateIdentifier", "p" + c).append("sequenceNumber", i).append("payload", payload)));
        }
    }

    /** Facts recorded per second through the registry's HTTP API, each client on its own partnership. */
    static double commands(String registry, int clients, int perClient) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int c = 0; c < clients; c++) {
            post(registry + "/partnerships", """
                    {"ref":"bench-%s-%d","name":"b","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g","occurredAt":"2024-01-01"}"""
                    .formatted(run, c));
        }
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        double rate = parallel(clients, perClient, (c, i) -> {
            int s = post(registry + "/partnerships/bench-" + run + "-" + c + "/facts", """
                    {"fact":"DriverObserved","occurredAt":"2024-01-02","driver":"URGENCY","note":"n%d"}""".formatted(i));
            statuses.computeIfAbsent(s, k -> new AtomicInteger()).incrementAndGet();
        });
        if (statuses.keySet().stream().anyMatch(s -> s != 201)) {
            System.out.println("  (answers by status: " + statuses + ")");
        }
        return rate;
    }

    interface Operation {
        void run(int client, int index) throws Exception;
    }

    static double parallel(int clients, int perClient, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    operation.run(client, i);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return clients * perClient / seconds;
    }

    static void assessment(LocalStack stack) throws Exception {
        System.out.println("\n== Assessment ==");
        String registry = stack.url("registry-service");
        int partnerships = 300;
        String run = UUID.randomUUID().toString().substring(0, 6);
        String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        Stats latency = new Stats();
        AtomicBoolean listening = new AtomicBoolean(true);
        Thread listener = Thread.ofPlatform().start(() -> {
            try (KafkaConsumer<String, byte[]> consumer = consumer(stack, "bench-latency-" + run, "latest")) {
                consumer.subscribe(Set.of(Topics.SUSTAINABILITY_RISKS));
                while (listening.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        Long accepted = acceptedAt.remove(record.key());
                        if (accepted != null && RiskChangeCodec.decode(record).change().changeName().equals("RiskRaised")) {
                            latency.add((now - accepted) / 1e6);
                        }
                    }
                }
            }
        });
        Thread.sleep(3000);
        // 100 commands/s: each partnership takes 3 commands; its third (a delivery with no agreement) raises the risk
        long interval = 10_000_000L;
        long next = System.nanoTime();
        for (int p = 0; p < partnerships; p++) {
            String ref = "lat-" + run + "-" + p;
            String[] bodies = {
                    "{\"ref\":\"%s\",\"name\":\"l\",\"model\":\"SOCIAL_ISSUE\",\"timeframe\":\"FINITE\",\"societalIssue\":\"s\",\"intendedGoal\":\"g\",\"occurredAt\":\"%s\"}".formatted(ref, today),
                    "{\"fact\":\"PartnerJoined\",\"occurredAt\":\"%s\",\"organization\":{\"ref\":\"t\",\"name\":\"T\",\"sector\":\"PRIVATE\"},\"roles\":[\"LEAD\",\"DATA_PROVIDER\"]}".formatted(today),
                    "{\"fact\":\"DataDelivered\",\"occurredAt\":\"%s\",\"provider\":\"t\",\"dataset\":\"d\"}".formatted(today)};
            for (int step = 0; step < 3; step++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += interval;
                String url = step == 0 ? registry + "/partnerships" : registry + "/partnerships/" + ref + "/facts";
                if (step == 2) {
                    acceptedAt.put(ref, System.nanoTime());
                }
                post(url, bodies[step]);
            }
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (latency.count() < partnerships && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        listening.set(false);
        listener.join();
        System.out.printf("command accepted -> RiskRaised on sustainability-risks, at 100 commands/s: n=%d p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                latency.count(), latency.percentile(50), latency.percentile(99), latency.percentile(100));

        long rawStarted = System.nanoTime();
        int consumed = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer(stack, "bench-raw-" + run, "earliest")) {
            consumer.subscribe(Set.of(Topics.PARTNERSHIP_EVENTS));
            int empty = 0;
            while (empty < 6) {
                int n = consumer.poll(Duration.ofMillis(500)).count();
                consumed += n;
                empty = n == 0 ? empty + 1 : 0;
            }
        }
        double rawSeconds = (System.nanoTime() - rawStarted) / 1e9 - 3.0;
        double rawRate = consumed / rawSeconds;

        String assessment = stack.url("assessment-service");
        HTTP.send(HttpRequest.newBuilder(URI.create(assessment + "/admin/rebuild")).header("Authorization", token()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        String progress = "";
        while (!progress.contains("\"DONE\"") && !progress.contains("\"FAILED\"")) {
            Thread.sleep(1000);
            progress = HTTP.send(HttpRequest.newBuilder(URI.create(assessment + "/admin/rebuild")).header("Authorization", token()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        double rebuildRate = Double.parseDouble(progress.replaceAll(".*\"eventsPerSecond\":([0-9.E]+).*", "$1"));
        System.out.printf("%-44s %10s %10s %8s%n", "", "rebuild", "raw", "ratio");
        System.out.printf("%-44s %10.0f %10.0f %8.2f%n", "events/s over partnership-events (" + consumed + ")", rebuildRate, rawRate, rebuildRate / rawRate);
    }

    /**
     * The gateway's added latency: the same read (a partnership's state) straight from the registry with an
     * internal token, and through the gateway with an API key, alternating, one client.
     */
    static void gateway(LocalStack stack) throws Exception {
        System.out.println("\n== Gateway ==");
        String ref = "gw-" + UUID.randomUUID().toString().substring(0, 6);
        post(stack.url("registry-service") + "/partnerships", "{\"ref\":\"%s\",\"name\":\"g\",\"model\":\"SOCIAL_ISSUE\",\"timeframe\":\"FINITE\",\"societalIssue\":\"s\",\"intendedGoal\":\"g\",\"occurredAt\":\"2024-01-01\"}".formatted(ref));
        Stats direct = new Stats();
        Stats through = new Stats();
        URI directUri = URI.create(stack.url("registry-service") + "/partnerships/" + ref);
        URI gatewayUri = URI.create(stack.gatewayUrl() + "/api/registry/partnerships/" + ref);
        String internal = token();
        for (int i = 0; i < 2200; i++) {
            if (i % 500 == 0) {
                internal = token();
            }
            long a = System.nanoTime();
            int s1 = HTTP.send(HttpRequest.newBuilder(directUri).header("Authorization", internal).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            long b = System.nanoTime();
            int s2 = HTTP.send(HttpRequest.newBuilder(gatewayUri).header("Authorization", "Bearer " + stack.adminKey()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            long c = System.nanoTime();
            if (s1 != 200 || s2 != 200) {
                throw new IllegalStateException("answers " + s1 + " / " + s2);
            }
            if (i >= 200) { // the first 200 warm both paths up
                direct.add((b - a) / 1e6);
                through.add((c - b) / 1e6);
            }
        }
        System.out.printf("%-34s %8s %8s%n", "GET /partnerships/{ref}, 2,000 each", "p50 ms", "p99 ms");
        System.out.printf("%-34s %8.2f %8.2f%n", "registry directly (raw)", direct.percentile(50), direct.percentile(99));
        System.out.printf("%-34s %8.2f %8.2f%n", "through the gateway", through.percentile(50), through.percentile(99));
        System.out.printf("%-34s %8.2f %8.2f%n", "added by the gateway", through.percentile(50) - direct.percentile(50),
                through.percentile(99) - direct.percentile(99));
    }

    static KafkaConsumer<String, byte[]> consumer(LocalStack stack, String group, String reset) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    static final AtomicBoolean REPORTED = new AtomicBoolean();

    static int post(String url, String json) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", token())
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && REPORTED.compareAndSet(false, true)) {
                System.out.println("  first unexpected answer: " + response.statusCode() + " " + response.body());
            }
            return response.statusCode();
        } catch (Exception e) {
            if (REPORTED.compareAndSet(false, true)) {
                System.out.println("  first failure: " + e);
            }
            return -1;
        }
    }

    private Benchmarks() {
    }
}
