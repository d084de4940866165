package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.localstack.LocalStack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data the access matrix is run against, made through the gateway: an owner organization with a key per
 * role (in its own jurisdiction) and an outsider organization with a key per role (in another); a partnership
 * of the owner with facts whose risk is CRITICAL (so that its risk change waits for acknowledgement); an in-app
 * subscription of the owner, with a delivery and an alert in the owner's inbox. Texts that only the owner's
 * data holds ({@link #secrets()}) must never appear in an outsider's answer.
 */
final class MatrixData {

    static final List<String> ROLES = List.of("STEWARD", "MONITOR", "DASHBOARD", "ADMIN");

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String owner = "owner-" + suffix;
    final String outsider = "outsider-" + suffix;
    final String jurisdiction = "XO-" + suffix;
    final String ref = "matrix-" + suffix;
    final String name = "Matrix partnership " + suffix;
    final String contact = "matrix-" + suffix + "@example.org";
    final Map<String, String> keys = new LinkedHashMap<>();
    final GatewayCalls gateway;
    final String adminKey;
    String subscription;
    String alertId;
    String eventId;
    String deliveryId;

    private MatrixData(LocalStack stack) {
        this.gateway = new GatewayCalls(stack.gatewayUrl());
        this.adminKey = stack.adminKey();
    }

    static MatrixData create(LocalStack stack) throws Exception {
        MatrixData data = new MatrixData(stack);
        for (String role : ROLES) {
            data.keys.put("owner " + role, data.issue(data.owner, role, data.jurisdiction));
            data.keys.put("outsider " + role, data.issue(data.outsider, role, "ZZ-" + data.suffix));
        }
        data.subscription = data.subscribe();
        data.record();
        data.awaitAlert();
        return data;
    }

    /** Texts only the owner's data holds. */
    List<String> secrets() {
        return List.of(name, contact, "Floating car data " + suffix);
    }

    String issue(String organization, String role, String jurisdiction) {
        GatewayCalls.Answer issued = gateway.post("/admin/api-keys", adminKey, """
                {"organization":"%s","roles":["%s"],"jurisdictions":["%s"],"name":"matrix"}""".formatted(organization, role, jurisdiction));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return field(issued.body(), "key");
    }

    /** A key nobody uses, to be revoked by a call of the matrix. */
    String throwawayKeyId() {
        return field(gateway.post("/admin/api-keys", adminKey, "{\"organization\":\"throwaway-" + suffix + "\",\"roles\":[\"DASHBOARD\"]}").body(), "id");
    }

    /** An in-app subscription of the owner to its partnership. */
    String subscribe() {
        GatewayCalls.Answer created = gateway.post("/api/notifications/subscriptions", keys.get("owner MONITOR"), subscriptionBody());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return field(created.body(), "id");
    }

    String subscriptionBody() {
        return """
                {"organization":"%s","contact":"%s","partnerships":["%s"],"minimumLevel":"LOW","inApp":true}""".formatted(owner, contact, ref);
    }

    private void record() {
        String steward = keys.get("owner STEWARD");
        expectCreated(gateway.post("/api/registry/partnerships", steward, """
                {"ref":"%s","name":"%s","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"Matrix issue",
                 "intendedGoal":"Matrix goal","jurisdiction":"%s","occurredAt":"2024-01-01"}""".formatted(ref, name, jurisdiction)));
        List<String> facts = new ArrayList<>(List.of("""
                {"fact":"PartnerJoined","occurredAt":"2024-01-02","organization":{"ref":"%s","name":"Owner","sector":"PUBLIC"},
                 "roles":["LEAD","DATA_PROVIDER"]}""".formatted(owner), """
                {"fact":"DataDelivered","occurredAt":"2024-01-10","provider":"%s","dataset":"Floating car data %s","records":10}"""
                .formatted(owner, suffix)));
        // two challenges typical of the model, open for long and never addressed: with the delivery gap and the
        // data shared without agreement the risk is CRITICAL
        facts.add(fact("2024-01-20", "c1", "LEGAL_UNCERTAINTY"));
        facts.add(fact("2024-01-21", "c2", "NO_SHARING_POLICY"));
        for (String fact : facts) {
            expectCreated(gateway.post("/api/registry/partnerships/" + ref + "/facts", steward, fact));
        }
    }

    static String fact(String day, String id, String challenge) {
        return """
                {"fact":"ChallengeRaised","occurredAt":"%s","challengeId":"%s","challenge":"%s"}""".formatted(day, id, challenge);
    }

    private void awaitAlert() throws Exception {
        String monitor = keys.get("owner MONITOR");
        await().atMost(Duration.ofSeconds(90)).until(() -> critical(gateway.get("/api/notifications/inbox/" + owner, monitor).body()) != null);
        alertId = critical(gateway.get("/api/notifications/inbox/" + owner, monitor).body()).get("id").asText();
        eventId = alertId.substring(0, alertId.indexOf('|'));
        JsonNode log = ContractJson.mapper().readTree(gateway.get("/api/notifications/subscriptions/" + subscription + "/deliveries", monitor).body());
        deliveryId = log.get(0).get("id").asText();
    }

    /** The inbox's alert of a change to HIGH or CRITICAL, if it holds one. */
    private static JsonNode critical(String inbox) throws Exception {
        for (JsonNode alert : ContractJson.mapper().readTree(inbox)) {
            JsonNode to = ContractJson.mapper().readTree(alert.get("payload").asText()).path("data").path("to");
            if (to.asText().equals("CRITICAL") || to.asText().equals("HIGH")) {
                return alert;
            }
        }
        return null;
    }

    private static void expectCreated(GatewayCalls.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    static String field(String json, String name) {
        try {
            return ContractJson.mapper().readTree(json).get(name).asText();
        } catch (Exception e) {
            throw new IllegalStateException("no " + name + " in " + json, e);
        }
    }
}
