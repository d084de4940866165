package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.infra.ManagedProcess;
import org.datacollab.localstack.LocalStack;
import org.datacollab.security.Caller;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import java.util.Arrays;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults survived, counted (profile {@code faults}, part of the README's test command). While a steady
 * stream of commands flows through the gateway (each partnership: formed, a provider joins, data is
 * delivered with no agreement, which raises a risk), each part is SIGKILLed and restarted in turn: the Kafka
 * broker, the MongoDB server, the registry, the assessment, the notification and the gateway. A client
 * retries a failed command with the same Idempotency-Key, as any client should. Afterwards: every accepted
 * command is in the event store once; every event reached the assessment once (by sequence number); every
 * risk change reached the webhook once (by webhook-id). It prints the table and fails on any loss or duplicate.
 */
@Tag("faults")
@Order(Integer.MAX_VALUE)
class FaultSuiteTest {

    record Sent(int phase, String ref, String fact, boolean accepted) {
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    static final List<String> FAULTS = List.of("kafka", "mongodb", "registry-service", "assessment-service", "notification-service", "gateway");

    LocalStack stack;
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger phase = new AtomicInteger();
    final AtomicBoolean running = new AtomicBoolean(true);

    @Test
    void noCommandEventOrAlertIsLostOrDuplicatedWhenEachPartIsKilled() throws Exception {
        stack = SharedStack.get();
        RiskReachesWebhookEndToEndTest.stack = stack;
        String run = UUID.randomUUID().toString().substring(0, 6);
        String jurisdiction = "FAULTS-" + run;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            assertThat(RiskReachesWebhookEndToEndTest.post("/api/notifications/subscriptions", """
                    {"organization":"city","contact":"ops@example.org","jurisdiction":"%s","minimumLevel":"LOW",
                     "webhook":{"url":"%s","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}""".formatted(jurisdiction, receiver.url()))
                    .statusCode()).isEqualTo(201);
            List<Thread> load = new ArrayList<>();
            for (int client = 0; client < 2; client++) {
                String prefix = run + "-" + client;
                load.add(Thread.ofPlatform().name("fault-load-" + client).start(() -> load(prefix, jurisdiction)));
            }
            Map<String, Double> recovery = new LinkedHashMap<>();
            Thread.sleep(5000);
            for (int i = 0; i < FAULTS.size(); i++) {
                phase.set(i + 1);
                String fault = FAULTS.get(i);
                long killed = System.nanoTime();
                restart(fault);
                recovery.put(fault, (System.nanoTime() - killed) / 1e9);
                Thread.sleep(4000);
            }
            phase.set(FAULTS.size() + 1);
            Thread.sleep(2000);
            running.set(false);
            for (Thread client : load) {
                client.join();
            }

            // settle: every accepted delivery raises one risk change that must reach the webhook
            Set<String> delivered = new HashSet<>();
            sent.stream().filter(s -> s.accepted() && s.fact().equals("DataDelivered")).forEach(s -> delivered.add(s.ref()));
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() ->
                        delivered.stream().allMatch(ref -> webhookIds(receiver, ref).size() >= 1));
            } catch (ConditionTimeoutException missing) {
                System.out.println("not every alert arrived within 2 minutes; counting what did");
            }
            // until nothing more arrives for five seconds (a re-sent alert would be counted)
            AtomicInteger arrived = new AtomicInteger(-1);
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> arrived.getAndSet(receiver.arrivals().size()) == receiver.arrivals().size());
            report(receiver, recovery);
        }
    }

    /** Kills the part with SIGKILL, starts it again, waits until it serves; the time is from kill to ready. */
    void restart(String fault) throws Exception {
        switch (fault) {
            case "kafka", "mongodb" -> {
                ManagedProcess process = fault.equals("kafka") ? stack.infrastructure().kafka() : stack.infrastructure().mongo();
                process.kill();
                Thread.sleep(2000);
                process.start().awaitListening(Duration.ofSeconds(120));
            }
            default -> {
                stack.service(fault).kill();
                Thread.sleep(2000);
                stack.restart(fault);
            }
        }
    }

    /** One client: about 5 commands a second through the gateway, each partnership three commands. */
    void load(String run, String jurisdiction) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        int n = 0;
        while (running.get()) {
            String ref = "fault-" + run + "-" + n++;
            boolean formed = command(ref, "PartnershipFormed", "/api/registry/partnerships", """
                    {"ref":"%s","name":"Fault %s","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g",
                     "jurisdiction":"%s","occurredAt":"%s"}""".formatted(ref, ref, jurisdiction, today));
            boolean joined = formed && command(ref, "PartnerJoined", "/api/registry/partnerships/" + ref + "/facts", """
                    {"fact":"PartnerJoined","occurredAt":"%s","organization":{"ref":"telco","name":"Telco","sector":"PRIVATE"},
                     "roles":["LEAD","DATA_PROVIDER"]}""".formatted(today));
            if (joined) {
                command(ref, "DataDelivered", "/api/registry/partnerships/" + ref + "/facts", """
                        {"fact":"DataDelivered","occurredAt":"%s","provider":"telco","dataset":"d"}""".formatted(today));
            }
        }
    }

    /** Sends until answered 201 (or a definite refusal), retrying failures with the same Idempotency-Key for up to a minute. */
    boolean command(String ref, String fact, String path, String body) {
        int at = phase.get(); // counted in the phase it was sent in
        String key = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            long started = System.currentTimeMillis();
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + stack.adminKey())
                        .header("Idempotency-Key", key).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 201) {
                    sent.add(new Sent(at, ref, fact, true));
                    pace(started);
                    return true;
                }
                if (answer.statusCode() >= 400 && answer.statusCode() < 500 && answer.statusCode() != 409 && answer.statusCode() != 429) {
                    break; // a definite refusal
                }
            } catch (Exception unreachable) {
                // the gateway or the registry is down: retry
            }
            sleep(500);
        }
        sent.add(new Sent(at, ref, fact, false));
        return false;
    }

    static void pace(long started) {
        sleep(Math.max(0, 200 - (System.currentTimeMillis() - started)));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Set<String> webhookIds(WebhookReceiver receiver, String ref) {
        Set<String> ids = new HashSet<>();
        for (WebhookReceiver.Received r : receiver.received()) {
            if (r.body().contains("\"ref\":\"" + ref + "\"") && r.body().contains("RiskRaised")) {
                ids.add(r.headers().get("Webhook-id").getFirst());
            }
        }
        return ids;
    }

    JsonNode direct(String url) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.internalToken(Caller.admin("fault-suite"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? ContractJson.mapper().readTree(answer.body()) : null;
    }

    void report(WebhookReceiver receiver, Map<String, Double> recovery) throws Exception {
        int phases = FAULTS.size() + 2;
        int[] commands = new int[phases];
        int[] accepted = new int[phases];
        int[] lost = new int[phases];
        int[] duplicated = new int[phases];
        Map<String, Integer> phaseOfRef = new HashMap<>();
        Map<String, List<Sent>> byRef = new LinkedHashMap<>();
        for (Sent s : sent) {
            commands[s.phase()]++;
            if (s.accepted()) {
                accepted[s.phase()]++;
            }
            byRef.computeIfAbsent(s.ref(), r -> new ArrayList<>()).add(s);
            phaseOfRef.merge(s.ref(), s.phase(), Math::max);
        }
        List<String> problems = new ArrayList<>();
        for (var entry : byRef.entrySet()) {
            String ref = entry.getKey();
            int at = phaseOfRef.get(ref);
            JsonNode facts = direct(stack.url("registry-service") + "/partnerships/" + ref + "/facts?size=500");
            Map<String, Integer> stored = new HashMap<>();
            int total = 0;
            if (facts != null) {
                total = facts.get("total").asInt();
                facts.get("items").forEach(item -> stored.merge(item.get("fact").get("fact").asText(), 1, Integer::sum));
            }
            // 1. every accepted command is in the event store, once
            for (Sent s : entry.getValue()) {
                if (!s.accepted()) {
                    continue;
                }
                int copies = stored.getOrDefault(s.fact(), 0);
                if (copies == 0) {
                    lost[s.phase()]++;
                    problems.add("store lost " + s);
                } else if (copies > 1) {
                    duplicated[s.phase()]++;
                    problems.add("store duplicated " + s);
                }
            }
            // 2. every stored event reached the assessment, once (it keeps one per sequence number)
            if (total > 0) {
                JsonNode timeline = direct(stack.url("assessment-service") + "/partnerships/" + ref + "/timeline");
                int projected = 0;
                if (timeline != null) {
                    for (JsonNode p : timeline.get("phases")) {
                        projected += p.get("facts").size();
                    }
                }
                if (projected < total) {
                    lost[at] += total - projected;
                    problems.add("assessment has " + projected + " of " + total + " events of " + ref);
                } else if (projected > total) {
                    duplicated[at] += projected - total;
                    problems.add("assessment has " + projected + " events of " + ref + ", the store " + total);
                }
            }
            // 3. every risk change reached the webhook, once
            if (stored.getOrDefault("DataDelivered", 0) > 0) {
                int ids = webhookIds(receiver, ref).size();
                if (ids == 0) {
                    lost[at]++;
                    problems.add("no alert for " + ref);
                } else if (ids > 1) {
                    duplicated[at] += ids - 1;
                    problems.add(ids + " alerts for " + ref);
                }
            }
        }
        System.out.println();
        System.out.printf("%-26s %9s %9s %6s %11s %12s%n", "fault", "commands", "accepted", "lost", "duplicated", "recovered in");
        for (int p = 0; p < phases; p++) {
            String name = p == 0 ? "(before)" : p > FAULTS.size() ? "(after)" : "kill " + FAULTS.get(p - 1);
            String recovered = p == 0 || p > FAULTS.size() ? "" : "%.1f s".formatted(recovery.get(FAULTS.get(p - 1)));
            System.out.printf("%-26s %9d %9d %6d %11d %12s%n", name, commands[p], accepted[p], lost[p], duplicated[p], recovered);
        }
        System.out.println("webhook requests that arrived again with the same webhook-id (re-sent after a crash): "
                + (receiver.arrivals().size() - new HashSet<>(receiver.arrivals()).size()));
        assertThat(problems).as("losses and duplicates").isEmpty();
        assertThat(Arrays.stream(accepted).sum()).isGreaterThan(60);
    }
}
