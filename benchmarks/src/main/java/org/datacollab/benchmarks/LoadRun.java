package org.datacollab.benchmarks;

import org.datacollab.localstack.LocalStack;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load run through the gateway with a realistic mix across 1,000 partnerships: each is formed, two partners
 * join, data is delivered, challenges are raised, and meanwhile assessments and portfolios are read (a
 * dashboard's traffic). 8 clients; it prints throughput, p50 and p99 per endpoint, errors, and each
 * process's resident memory afterwards. Not a test: nothing asserts a time.
 */
final class LoadRun {

    static void run(LocalStack stack, String key, Report report) throws Exception {
        System.out.println("\n== Load run (through the gateway, an ordinary key) ==");
        String gateway = stack.gatewayUrl();
        String run = UUID.randomUUID().toString().substring(0, 6);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        int partnerships = 1000;
        Map<String, Stats> latency = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        Map<String, Long> recorded = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        for (int c = 0; c < 8; c++) {
            work.add(clients.submit(() -> {
                int p;
                while ((p = next.getAndIncrement()) < partnerships) {
                    String ref = "load-" + run + "-" + p;
                    String facts = "/api/registry/partnerships/" + ref + "/facts";
                    call(latency, errors, requests, key, "POST /partnerships", gateway + "/api/registry/partnerships", """
                            {"ref":"%s","name":"Load %d","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g",
                             "jurisdiction":"BENCH","occurredAt":"%s"}""".formatted(ref, p, today));
                    call(latency, errors, requests, key, "POST facts PartnerJoined", gateway + facts, """
                            {"fact":"PartnerJoined","occurredAt":"%s","organization":{"ref":"telco","name":"Telco","sector":"PRIVATE"},"roles":["LEAD","DATA_PROVIDER"]}""".formatted(today));
                    call(latency, errors, requests, key, "POST facts PartnerJoined", gateway + facts, """
                            {"fact":"PartnerJoined","occurredAt":"%s","organization":{"ref":"city","name":"City","sector":"PUBLIC"},"roles":["DATA_USER"]}""".formatted(today));
                    call(latency, errors, requests, key, "POST facts DataDelivered", gateway + facts, """
                            {"fact":"DataDelivered","occurredAt":"%s","provider":"telco","dataset":"d"}""".formatted(today));
                    call(latency, errors, requests, key, "POST facts ChallengeRaised", gateway + facts, """
                            {"fact":"ChallengeRaised","occurredAt":"%s","challengeId":"c1","challenge":"DATA_QUALITY"}""".formatted(today));
                    recorded.put(ref, System.nanoTime());
                    // a dashboard reads an assessment a second after its last command was answered (the assessment
                    // follows partnership-events): the latest partnership whose commands ended a second ago or more
                    Optional<String> earlier = secondAgo(recorded);
                    earlier.ifPresent(e -> call(latency, errors, requests, key, "GET assessment",
                            gateway + "/api/assessment/partnerships/" + e + "/assessment", null));
                    call(latency, errors, requests, key, "GET partnership", gateway + "/api/registry/partnerships/" + ref, null);
                    if (ThreadLocalRandom.current().nextInt(10) == 0 && earlier.isPresent()) {
                        call(latency, errors, requests, key, "GET portfolio (mine)", gateway + "/api/assessment/portfolios/mine", null);
                        call(latency, errors, requests, key, "GET timeline", gateway + "/api/assessment/partnerships/" + earlier.get() + "/timeline", null);
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            clients.shutdownNow(); // its threads would keep the JVM (and ./mvnw -Pbench) from ending
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d partnerships, %d requests in %.1f s: %.0f requests/s through the gateway (8 clients)%n",
                partnerships, requests.get(), seconds, requests.get() / seconds);
        System.out.printf("%-30s %7s %9s %9s %7s%n", "endpoint", "n", "p50 ms", "p99 ms", "errors");
        for (var entry : new TreeMap<>(latency).entrySet()) {
            System.out.printf("%-30s %7d %9.1f %9.1f %7d%n", entry.getKey(), entry.getValue().count(), entry.getValue().percentile(50),
                    entry.getValue().percentile(99), errors.getOrDefault(entry.getKey(), new AtomicInteger()).get());
        }
        int reads = latency.getOrDefault("GET assessment", new Stats()).count();
        int missed = errors.getOrDefault("GET assessment", new AtomicInteger()).get();
        report.figure("load run, 8 clients through the gateway: assessment read a second after its command",
                "%d of %d found (%.0f requests/s overall)".formatted(reads - missed, reads, requests.get() / seconds), "", "",
                "every one found", missed == 0);
        StringBuilder memory = new StringBuilder();
        boolean under = true;
        for (String service : LocalStack.SERVICES) {
            long mb = Machine.residentMb(stack.service(service).pid());
            under &= mb < 400;
            memory.append(service).append(' ').append(mb).append(" MB, ");
        }
        memory.append("kafka ").append(Machine.residentMb(stack.infrastructure().kafka().pid())).append(" MB, MongoDB-protocol server ")
                .append(Machine.residentMb(stack.infrastructure().mongo().pid())).append(" MB");
        report.figure("resident memory after the load run", memory.toString(), "", "", "each service < 400 MB", under);
        for (String service : LocalStack.SERVICES) {
            report.note("%s after a full collection (jcmd GC.run): %s".formatted(service, Machine.afterFullGc(stack.service(service).pid())));
        }
    }

    static void call(Map<String, Stats> latency, Map<String, AtomicInteger> errors, AtomicInteger requests, String key,
                     String name, String url, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key);
        request = json == null ? request.GET() : request.header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        long started = System.nanoTime();
        int status;
        String body = "";
        try {
            HttpResponse<String> response = Benchmarks.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            body = response.body();
        } catch (Exception e) {
            status = -1;
            body = e.toString();
        }
        requests.incrementAndGet();
        latency.computeIfAbsent(name, n -> new Stats()).add((System.nanoTime() - started) / 1e6);
        // an assessment read right after the delivery may precede the projection (404): counted as an error
        if (status < 200 || status >= 300) {
            if (errors.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet() == 1) {
                System.out.println("  first error of " + name + ": " + status + " " + body.substring(0, Math.min(200, body.length())));
            }
        }
    }

    /** The latest partnership whose commands were answered a second ago or more, if one was. */
    private static Optional<String> secondAgo(Map<String, Long> recorded) {
        long second = System.nanoTime() - 1_000_000_000L;
        return recorded.entrySet().stream().filter(e -> e.getValue() <= second).max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    private LoadRun() {
    }
}
