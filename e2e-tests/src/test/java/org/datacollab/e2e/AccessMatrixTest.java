package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.contracts.json.ContractJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access matrix: every operation of every service's OpenAPI document (read through the gateway's routes) and
 * of the gateway's own, called through the gateway with no credentials, with each role of the owning
 * organization and with each role of an outsider organization whose jurisdiction does not match, against data
 * that exists ({@link MatrixData}: a partnership with facts, an alert in the inbox, a delivery, a subscription).
 * Each answer must be what {@link #RULES} says; an operation missing from the table fails the build, and so does
 * a row for an operation that no longer exists. No outsider's or anonymous answer may hold the owner's data.
 */
class AccessMatrixTest {

    /** Callers, in the order of the table's columns. */
    static final List<String> CALLERS = List.of("anonymous", "owner STEWARD", "owner MONITOR", "owner DASHBOARD", "owner ADMIN",
            "outsider STEWARD", "outsider MONITOR", "outsider DASHBOARD", "outsider ADMIN");

    /**
     * THE table: per operation, the outcome per caller (columns as {@link #CALLERS}: anonymous, then the owner's
     * STEWARD MONITOR DASHBOARD ADMIN, then the outsider's). A = answered to anyone, P = permitted (reaches the
     * handler and is allowed: any answer but 401, 403, 404), U = 401, F = 403, H = 404 (absent, as if it did not exist),
     * N = 404 for an administrator because the matrix has no such thing (no dead letter or processor to replay). Found, never
     * expected: E = 5xx, T = no answer within a minute.
     */
    static final Map<String, String> RULES = Map.ofEntries(
            // registry
            entry("POST /api/registry/partnerships", "U PFFP PFFP"),
            entry("GET /api/registry/partnerships", "U PPPP PPPP"),
            entry("GET /api/registry/partnerships/{ref}", "U PPPP HHHP"),
            entry("GET /api/registry/partnerships/{ref}/facts", "U PPPP HHHP"),
            entry("POST /api/registry/partnerships/{ref}/facts", "U PFFP HHHP"),
            entry("POST /api/registry/partnerships/{ref}/facts/{factName}", "U PFFP HHHP"),
            entry("GET /api/registry/partnerships/{ref}/export", "U PPPP HHHP"),
            entry("POST /api/registry/partnerships/import", "U PFFP PFFP"),
            entry("GET /api/registry/partnerships/stream", "U PPPP PPPP"),
            entry("GET /api/registry/partnerships/{ref}/stream", "U PPPP HHHP"),
            entry("GET /api/registry/organizations", "U PPPP PPPP"),
            entry("GET /api/registry/organizations/{ref}", "U PPPP HHHP"),
            entry("POST /api/registry/catalogue/import", "U PFFP PFFP"),
            entry("GET /api/registry/admin/dead-letters", "U FFFP FFFP"),
            entry("POST /api/registry/admin/dead-letters/{id}/replay", "U FFFN FFFN"),
            // assessment
            entry("GET /api/assessment/partnerships/{ref}/assessment", "U PPPP HHHP"),
            entry("GET /api/assessment/partnerships/{ref}/risk-history", "U PPPP HHHP"),
            entry("GET /api/assessment/partnerships/{ref}/timeline", "U PPPP HHHP"),
            entry("GET /api/assessment/partnerships/stream", "U PPPP PPPP"),
            entry("GET /api/assessment/portfolios/mine", "U PPPP PPPP"),
            entry("GET /api/assessment/portfolios/organizations/{organization}", "U PPPP PPPP"),
            entry("GET /api/assessment/portfolios/jurisdictions/{jurisdiction}", "U PPPP PPPP"),
            entry("GET /api/assessment/portfolios/mine/figures", "U PPPP PPPP"),
            entry("GET /api/assessment/portfolios/organizations/{organization}/figures", "U PPPP PPPP"),
            entry("GET /api/assessment/portfolios/jurisdictions/{jurisdiction}/figures", "U PPPP PPPP"),
            entry("GET /api/assessment/statistics", "U PPPP PPPP"),
            entry("GET /api/assessment/levels", "U PPPP PPPP"),
            entry("GET /api/assessment/catalogue", "U PPPP PPPP"),
            entry("GET /api/assessment/catalogue/export", "U PPPP PPPP"),
            // one public address for the public catalogue: through the assessment's own route it needs a key
            entry("GET /api/assessment/catalogue/public", "U PPPP PPPP"),
            entry("POST /api/assessment/admin/rebuild", "U FFFP FFFP"),
            entry("GET /api/assessment/admin/dead-letters", "U FFFP FFFP"),
            entry("POST /api/assessment/admin/dead-letters/{id}/replay", "U FFFN FFFN"),
            entry("GET /api/assessment/admin/rebuild", "U FFFP FFFP"),
            // the catalogue's routes (docs/catalogue.md): the public catalogue is the one read without a key (decision 0045)
            entry("GET /api/catalogue", "U PPPP PPPP"),
            entry("GET /api/catalogue/export", "U PPPP PPPP"),
            entry("GET /api/catalogue/public", "A PPPP PPPP"),
            entry("POST /api/catalogue/import", "U PFFP PFFP"),
            // notifications
            entry("POST /api/notifications/subscriptions", "U PPFP FFFP"),
            entry("GET /api/notifications/subscriptions", "U PPPP HHHP"),
            entry("GET /api/notifications/subscriptions/{id}", "U PPPP HHHP"),
            entry("DELETE /api/notifications/subscriptions/{id}", "U PPFP HHHP"),
            entry("GET /api/notifications/subscriptions/{id}/deliveries", "U PPPP HHHP"),
            entry("POST /api/notifications/deliveries/redeliver", "U PPFP HHHP"),
            entry("GET /api/notifications/inbox/{organization}", "U PPPP HHHP"),
            entry("GET /api/notifications/inbox/{organization}/stream", "U PPPP HHHP"),
            entry("POST /api/notifications/inbox/{organization}/acknowledge", "U PPFP HHHP"),
            entry("POST /api/notifications/alerts/acknowledge", "U PPFP HHHP"),
            entry("GET /api/notifications/admin/dead-letters", "U FFFP FFFP"),
            entry("POST /api/notifications/admin/dead-letters/{id}/replay", "U FFFN FFFN"),
            entry("GET /api/registry/admin/processors", "U FFFP FFFP"),
            entry("POST /api/registry/admin/processors/{name}/replay", "U FFFN FFFN"),
            entry("GET /api/assessment/admin/processors", "U FFFP FFFP"),
            entry("POST /api/assessment/admin/processors/{name}/replay", "U FFFN FFFN"),
            entry("GET /api/notifications/admin/processors", "U FFFP FFFP"),
            entry("POST /api/notifications/admin/processors/{name}/replay", "U FFFN FFFN"),
            // the gateway's own
            entry("POST /admin/api-keys", "U FFFP FFFP"),
            entry("GET /admin/api-keys", "U FFFP FFFP"),
            entry("DELETE /admin/api-keys/{id}", "U FFFP FFFP"),
            entry("GET /admin/audit", "U FFFP FFFP"));

    /** Where each OpenAPI document is read, and the prefix under which the gateway routes its operations. */
    static final Map<String, String> DOCUMENTS = Map.of(
            "/api/registry/v3/api-docs", "/api/registry",
            "/api/assessment/v3/api-docs", "/api/assessment",
            "/api/notifications/v3/api-docs", "/api/notifications",
            "/v3/api-docs", "");

    /**
     * Operations the gateway also routes under another prefix (the catalogue's paths, docs/catalogue.md): each is
     * called there too, so that a route's access rule cannot differ from the service's unseen.
     */
    static final Map<String, String> ROUTED_AGAIN = Map.of(
            "/api/assessment/catalogue", "/api/catalogue",
            "/api/registry/catalogue/import", "/api/catalogue/import");

    static MatrixData data;

    @BeforeAll
    static void data() throws Exception {
        data = MatrixData.create(SharedStack.get());
    }

    record Operation(String method, String template, JsonNode parameters) {
        String key() {
            return method + " " + template;
        }
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheTableSays() throws Exception {
        List<Operation> operations = operations();
        TreeSet<String> documented = new TreeSet<>(operations.stream().map(Operation::key).toList());
        assertThat(new TreeSet<>(RULES.keySet())).as("operations without a row (add one to RULES), or rows without an operation")
                .isEqualTo(documented);

        List<String> wrong = new ArrayList<>();
        Map<String, String> found = new TreeMap<>();
        // a rebuild, once started, keeps the stack's MongoDB busy for a while: it goes last, and is waited for
        operations.sort(Comparator.comparing((Operation operation) -> operation.key().equals(REBUILD)));
        for (Operation operation : operations) {
            String expected = RULES.get(operation.key()).replace(" ", "");
            StringBuilder answered = new StringBuilder();
            for (int c = 0; c < CALLERS.size(); c++) {
                String caller = CALLERS.get(c);
                GatewayCalls.Answer answer = data.gateway.call(operation.method(), url(operation), data.keys.get(caller), body(operation));
                char outcome = outcome(answer.status(), caller);
                answered.append(outcome);
                char rule = expected.charAt(c) == 'N' ? 'H' : expected.charAt(c);
                if (outcome != rule && !(rule == 'A' && outcome == 'P')) {
                    wrong.add(operation.key() + " as " + caller + ": " + answer.status() + " (expected " + expected.charAt(c) + ") "
                            + answer.body().substring(0, Math.min(200, answer.body().length())));
                }
                if ((caller.equals("anonymous") || caller.startsWith("outsider") && !caller.endsWith("ADMIN"))) {
                    for (String secret : data.secrets()) {
                        if (answer.body().contains(secret)) {
                            wrong.add(operation.key() + " as " + caller + " reveals the owner's '" + secret + "'");
                        }
                    }
                }
            }
            found.put(operation.key(), answered.toString());
        }
        System.out.printf("access matrix: %d operations x %d callers = %d calls%n", operations.size(), CALLERS.size(),
                operations.size() * CALLERS.size());
        found.forEach((operation, outcomes) -> System.out.printf("  %-65s %s%n", operation, outcomes));
        await().atMost(Duration.ofMinutes(5)).until(() -> !data.gateway.get("/api/assessment/admin/rebuild", data.adminKey).body().contains("RUNNING"));
        assertThat(wrong).as("answers that differ from the table").isEmpty();
    }

    static final String REBUILD = "POST /api/assessment/admin/rebuild";

    /** The caller's outcome as the table writes it. */
    static char outcome(int status, String caller) {
        return switch (status) {
            case GatewayCalls.TIMED_OUT -> 'T';
            case 401 -> 'U';
            case 403 -> 'F';
            case 404 -> 'H';
            default -> status >= 500 ? 'E' : caller.equals("anonymous") ? 'A' : 'P';
        };
    }

    /** The keys of an OpenAPI path item that name an operation. */
    static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    static List<Operation> operations() throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, String> document : DOCUMENTS.entrySet()) {
            GatewayCalls.Answer answer = data.gateway.get(document.getKey(), null);
            assertThat(answer.status()).as(document.getKey() + " is readable without a key").isEqualTo(200);
            JsonNode paths = ContractJson.mapper().readTree(answer.body()).get("paths");
            paths.properties().forEach(path -> path.getValue().properties().stream()
                    // a path item also holds its servers, parameters and summary: only its operations are called
                    .filter(method -> HTTP_METHODS.contains(method.getKey())).forEach(method -> {
                // the registry's per-fact paths (/facts/DataDelivered, ..., one per fact for generated clients) are its
                // one operation /facts/{factName}: one row, tried with ChallengeRaised
                String template = document.getValue() + path.getKey().replaceFirst("/facts/[A-Z][A-Za-z]*$", "/facts/{factName}");
                Operation operation = new Operation(method.getKey().toUpperCase(), template, method.getValue().path("parameters"));
                if (operations.stream().noneMatch(known -> known.key().equals(operation.key()))) {
                    operations.add(operation);
                }
            }));
        }
        List<Operation> routedAgain = new ArrayList<>();
        for (Operation operation : operations) {
            ROUTED_AGAIN.forEach((prefix, route) -> {
                if (operation.template().equals(prefix) || operation.template().startsWith(prefix + "/")) {
                    routedAgain.add(new Operation(operation.method(), route + operation.template().substring(prefix.length()), operation.parameters()));
                }
            });
        }
        operations.addAll(routedAgain);
        return operations;
    }

    /** The operation's path with the matrix data in its parameters, and its required query parameters. */
    static String url(Operation operation) {
        String path = operation.template();
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.get("name").asText();
            if (parameter.get("in").asText().equals("path")) {
                path = path.replace("{" + name + "}", value(operation, name));
            } else if (parameter.get("in").asText().equals("query") && parameter.path("required").asBoolean()
                    // a map of every query parameter (the catalogue's facets) needs none
                    && !name.equals("parameters")) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value(operation, name), StandardCharsets.UTF_8));
            }
        }
        return path.replace("{factName}", value(operation, "factName")) + query;
    }

    static String value(Operation operation, String name) {
        String key = operation.key();
        return switch (name) {
            case "ref" -> key.contains("/organizations/{ref}") ? data.owner : data.ref;
            case "organization", "by" -> data.owner;
            case "jurisdiction" -> data.jurisdiction;
            case "factName" -> "ChallengeRaised";
            // no processor of that name: an administrator's call is judged without replaying anything
            case "name" -> "no-such-processor";
            case "eventId" -> data.eventId;
            case "alertId" -> data.alertId;
            case "deliveryId" -> data.deliveryId;
            // a call that deletes gets a thing of its own, so that each caller's call is judged on the same footing
            case "id" -> key.contains("/dead-letters/") ? "no-such-dead-letter"
                    : key.startsWith("DELETE /admin/api-keys") ? data.throwawayKeyId()
                    : key.startsWith("DELETE") ? data.subscribe() : data.subscription;
            default -> throw new IllegalStateException("the matrix has no value for parameter '" + name + "' of " + key);
        };
    }

    static String body(Operation operation) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return switch (operation.key()) {
            case "POST /api/registry/partnerships" -> """
                    {"ref":"matrix-new-%s","name":"n","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s",
                     "intendedGoal":"g","jurisdiction":"ZZ-%s","occurredAt":"2024-01-01"}""".formatted(unique, unique);
            case "POST /api/registry/partnerships/{ref}/facts" -> MatrixData.fact("2024-02-01", "m-" + unique, "DATA_QUALITY");
            case "POST /api/registry/partnerships/{ref}/facts/{factName}" -> """
                    {"occurredAt":"2024-02-01","challengeId":"n-%s","challenge":"DATA_QUALITY"}""".formatted(unique);
            case "POST /api/notifications/subscriptions" -> data.subscriptionBody();
            case "POST /admin/api-keys" -> "{\"organization\":\"throwaway-" + unique + "\",\"roles\":[\"DASHBOARD\"]}";
            case "POST /api/registry/partnerships/import", "POST /api/registry/catalogue/import", "POST /api/catalogue/import" -> "{}";
            default -> null;
        };
    }
}
