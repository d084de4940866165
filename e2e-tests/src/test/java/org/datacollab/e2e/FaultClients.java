package org.datacollab.e2e;

import org.datacollab.localstack.LocalStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fault suite's clients: two send a steady stream of commands through the gateway, a third imports a large history
 * every fifteen seconds, each retrying a failed command with the same Idempotency-Key; every command is kept as the
 * client saw it, in the phase (the fault) it was sent in, to be counted once the faults are over.
 */
final class FaultClients {

    /** One command as the client saw it: accepted (201), or not, with the last answer (status and body) or none at all. */
    record Sent(int phase, String ref, String fact, boolean accepted, String path, String body, String key, int status, String answer) {
        Sent(int phase, String ref, String fact, boolean accepted) {
            this(phase, ref, fact, accepted, null, null, null, 201, null);
        }
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final LocalStack stack;
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger phase = new AtomicInteger();
    final AtomicBoolean running = new AtomicBoolean(true);
    /** The longest a command of each phase took from its first attempt to its 201, retries included. */
    final Map<Integer, Long> slowest = new ConcurrentHashMap<>();

    FaultClients(LocalStack stack) {
        this.stack = stack;
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

    /** Facts in each imported history: the partnership formed, its lead and provider, partners joining, a delivery. */
    static final int IMPORTED = 200;
    /** Days since an imported history's only delivery: the gap allowed without an agreement (DOMAIN.md section 5). */
    static final int GAP_DAYS = 120;
    /** What the suite calls an imported history among the facts it sent. */
    static final String IMPORT = "(import)";

    /**
     * A third client: every fifteen seconds a large import, one partnership's history of {@link #IMPORTED} facts in one
     * request (one commit), among the single commands: its partners join and its provider delivers data with no
     * agreement, which raises one risk, as for the other partnerships.
     */
    void imports(String run, String jurisdiction) {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        // formed and joined 130 days ago, data delivered 120 days ago with no agreement: LOW (sharing without an
        // agreement); on the next day the 120-day delivery gap is exceeded: MEDIUM, announced by the time job
        String formed = day.minusDays(130).toString();
        String delivered = day.minusDays(GAP_DAYS).toString();
        int n = 0;
        while (running.get()) {
            long started = System.currentTimeMillis();
            String ref = "fault-" + run + "-import-" + n++;
            StringBuilder organizations = new StringBuilder("{\"ref\":\"telco\",\"name\":\"Telco\",\"sector\":\"PRIVATE\"}");
            StringBuilder history = new StringBuilder("{\"on\":\"" + formed
                    + "\",\"fact\":\"PartnerJoined\",\"organization\":\"telco\",\"roles\":[\"LEAD\",\"DATA_PROVIDER\"]}");
            for (int partner = 0; partner < IMPORTED - 3; partner++) {
                organizations.append(",{\"ref\":\"user-%d\",\"name\":\"User %d\",\"sector\":\"NONPROFIT\"}".formatted(partner, partner));
                history.append(",{\"on\":\"%s\",\"fact\":\"PartnerJoined\",\"organization\":\"user-%d\",\"roles\":[\"DATA_USER\"]}"
                        .formatted(formed, partner));
            }
            history.append(",{\"on\":\"%s\",\"fact\":\"DataDelivered\",\"provider\":\"telco\",\"dataset\":\"d\"}".formatted(delivered));
            command(ref, IMPORT, "/api/registry/partnerships/import", ("{\"format\":\"partnership-history/v1\",\"partnership\":"
                    + "{\"ref\":\"%s\",\"name\":\"Imported %s\",\"model\":\"SOCIAL_ISSUE\",\"timeframe\":\"FINITE\",\"societalIssue\":\"s\","
                    + "\"intendedGoal\":\"g\",\"jurisdiction\":\"%s\",\"formedOn\":\"%s\"},\"organizations\":[%s],\"history\":[%s]}")
                    .formatted(ref, ref, jurisdiction, formed, organizations, history));
            sleep(Math.max(0, 15_000 - (System.currentTimeMillis() - started)));
        }
    }

    /** Sends until answered 201 (or a definite refusal), retrying failures with the same Idempotency-Key for up to a minute. */
    boolean command(String ref, String fact, String path, String body) {
        int at = phase.get(); // counted in the phase it was sent in
        String key = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + 60_000;
        int status = 0;
        String said = null;
        long first = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            long started = System.currentTimeMillis();
            try {
                HttpResponse<String> answer = send(path, body, key);
                status = answer.statusCode();
                said = answer.body();
                if (answer.statusCode() == 201) {
                    sent.add(new Sent(at, ref, fact, true, path, body, key, 201, null));
                    slowest.merge(at, System.currentTimeMillis() - first, Math::max);
                    pace(started);
                    return true;
                }
                if (answer.statusCode() >= 400 && answer.statusCode() < 500 && answer.statusCode() != 409 && answer.statusCode() != 429) {
                    break; // a definite refusal
                }
            } catch (Exception unreachable) {
                // the gateway or the registry is down: retry
                status = 0;
                said = unreachable.toString();
            }
            sleep(500);
        }
        sent.add(new Sent(at, ref, fact, false, path, body, key, status, said));
        return false;
    }

    HttpResponse<String> send(String path, String body, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + stack.adminKey())
                .header("Idempotency-Key", key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A command refused or abandoned under a fault is settled when its answer said why (a problem with a type and a
     * detail; an abandoned one has no answer to say anything) and the same command with its Idempotency-Key, sent
     * again once everything is up, is accepted (201: recorded now, or found already recorded). Otherwise, a failure.
     */
    String settle(Sent refused) {
        boolean explained = refused.status() == 0 || refused.answer() != null && refused.answer().contains("\"type\"")
                && refused.answer().contains("\"detail\"");
        if (!explained) {
            return "refused without saying why: " + refused.status() + " " + refused.answer();
        }
        try {
            HttpResponse<String> again = send(refused.path(), refused.body(), refused.key());
            return again.statusCode() == 201 ? null
                    : "refused (" + refused.status() + " " + refused.answer() + ") and not settled by a retry with its key: "
                    + again.statusCode() + " " + again.body();
        } catch (Exception e) {
            return "refused, and its retry failed: " + e;
        }
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
}
