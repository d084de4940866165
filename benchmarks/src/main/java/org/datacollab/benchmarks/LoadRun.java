package org.datacollab.benchmarks;

import org.datacollab.localstack.LocalStack;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    static void run(LocalStack stack) throws Exception {
        System.out.println("\n== Load run (through the gateway) ==");
        String key = stack.adminKey();
        String gateway = stack.gatewayUrl();
        String run = UUID.randomUUID().toString().substring(0, 6);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        int partnerships = 1000;
        Map<String, Stats> latency = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
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
                             "jurisdiction":"LOAD-%s","occurredAt":"%s"}""".formatted(ref, p, run, today));
                    call(latency, errors, requests, key, "POST facts PartnerJoined", gateway + facts, """
                            {"fact":"PartnerJoined","occurredAt":"%s","organization":{"ref":"telco","name":"Telco","sector":"PRIVATE"},"roles":["LEAD","DATA_PROVIDER"]}""".formatted(today));
                    call(latency, errors, requests, key, "POST facts PartnerJoined", gateway + facts, """
                            {"fact":"PartnerJoined","occurredAt":"%s","organization":{"ref":"city","name":"City","sector":"PUBLIC"},"roles":["DATA_USER"]}""".formatted(today));
                    call(latency, errors, requests, key, "POST facts DataDelivered", gateway + facts, """
                            {"fact":"DataDelivered","occurredAt":"%s","provider":"telco","dataset":"d"}""".formatted(today));
                    call(latency, errors, requests, key, "POST facts ChallengeRaised", gateway + facts, """
                            {"fact":"ChallengeRaised","occurredAt":"%s","challengeId":"c1","challenge":"DATA_QUALITY"}""".formatted(today));
                    // a dashboard reads partnerships that exist for a while: the assessment is eventually consistent
                    // (it follows partnership-events), so reads go to one formed 40 partnerships earlier
                    String earlier = "load-" + run + "-" + Math.max(0, p - 40);
                    call(latency, errors, requests, key, "GET assessment", gateway + "/api/assessment/partnerships/" + earlier + "/assessment", null);
                    call(latency, errors, requests, key, "GET partnership", gateway + "/api/registry/partnerships/" + ref, null);
                    if (ThreadLocalRandom.current().nextInt(10) == 0) {
                        call(latency, errors, requests, key, "GET portfolio (jurisdiction)", gateway + "/api/assessment/portfolios/jurisdictions/LOAD-" + run, null);
                        call(latency, errors, requests, key, "GET timeline", gateway + "/api/assessment/partnerships/" + earlier + "/timeline", null);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        clients.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d partnerships, %d requests in %.1f s: %.0f requests/s through the gateway (8 clients)%n",
                partnerships, requests.get(), seconds, requests.get() / seconds);
        System.out.printf("%-30s %7s %9s %9s %7s%n", "endpoint", "n", "p50 ms", "p99 ms", "errors");
        for (var entry : new java.util.TreeMap<>(latency).entrySet()) {
            System.out.printf("%-30s %7d %9.1f %9.1f %7d%n", entry.getKey(), entry.getValue().count(), entry.getValue().percentile(50),
                    entry.getValue().percentile(99), errors.getOrDefault(entry.getKey(), new AtomicInteger()).get());
        }
        // where the assessment's lag is: events not yet published by the registry, records not yet consumed
        System.out.println("at the end of the run: registry_publication_pending " + Benchmarks.metric(stack.managementUrl("registry-service"), "registry_publication_pending")
                + ", assessment consumer lag (max records) " + Benchmarks.metric(stack.managementUrl("assessment-service"), "kafka_consumer_fetch_manager_records_lag_max"));
        long catchUp = System.nanoTime();
        String last = gateway + "/api/assessment/partnerships/load-" + run + "-" + (partnerships - 1) + "/assessment";
        while (System.nanoTime() - catchUp < 600e9) {
            HttpResponse<String> answer = Benchmarks.HTTP.send(HttpRequest.newBuilder(URI.create(last)).header("Authorization", "Bearer " + key).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf("the assessment served the last partnership %.1f s after the run ended%n", (System.nanoTime() - catchUp) / 1e9);
        Map<String, Long> memory = new LinkedHashMap<>();
        for (String service : LocalStack.SERVICES) {
            memory.put(service, rss(stack.service(service).pid()));
        }
        memory.put("kafka", rss(stack.infrastructure().kafka().pid()));
        memory.put("mongodb (mongo-java-server)", rss(stack.infrastructure().mongo().pid()));
        System.out.printf("%-30s %10s%n", "process", "RSS MB");
        memory.forEach((name, kb) -> System.out.printf("%-30s %10d%n", name, kb / 1024));
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

    /** Resident set size in kB, from /proc. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    private LoadRun() {
    }
}
