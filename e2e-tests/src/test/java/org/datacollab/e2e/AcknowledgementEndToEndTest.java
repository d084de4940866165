package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who acknowledges a risk change (decision 0016), through the gateway, against partnerships whose risk is CRITICAL
 * and whose changes wait for acknowledgement: the steward organization that brokers a partnership without being a
 * partner acknowledges with its STEWARD key (its DASHBOARD key may not, another organization finds nothing); and a
 * risk change stored before its partners and steward were (made so in the notification service's store) is
 * acknowledged by a partner as the registry sees the partnership now, not only by an administrator.
 */
class AcknowledgementEndToEndTest {

    static LocalStack stack;
    static GatewayCalls gateway;
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String STEWARD_ORG = "ngo-" + SUFFIX;
    static final String PARTNER_ORG = "telco-" + SUFFIX;
    static final String OUTSIDER_ORG = "other-" + SUFFIX;
    static String stewardKey;
    static String stewardDashboardKey;
    static String partnerKey;
    static String outsiderKey;
    static MongoClient mongo;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        gateway = new GatewayCalls(stack.gatewayUrl());
        // none of them monitors the partnerships' jurisdiction: visibility comes from being steward or partner only
        stewardKey = issue(STEWARD_ORG, "STEWARD");
        stewardDashboardKey = issue(STEWARD_ORG, "DASHBOARD");
        partnerKey = issue(PARTNER_ORG, "MONITOR");
        outsiderKey = issue(OUTSIDER_ORG, "STEWARD");
        mongo = MongoClients.create(stack.infrastructure().mongoUri());
    }

    @AfterAll
    static void stop() {
        if (mongo != null) {
            mongo.close();
        }
    }

    static String issue(String organization, String role) {
        GatewayCalls.Answer issued = gateway.post("/admin/api-keys", stack.adminKey(), """
                {"organization":"%s","roles":["%s"],"jurisdictions":["ZZ-%s"],"name":"acknowledgements"}""".formatted(organization, role, SUFFIX));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return MatrixData.field(issued.body(), "key");
    }

    /** A partnership the steward organization forms for the partner, recorded until its risk is CRITICAL; its change's id. */
    static String criticalPartnership(String ref) throws Exception {
        expectCreated(gateway.post("/api/registry/partnerships", stewardKey, """
                {"ref":"%s","name":"Brokered %s","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"Issue",
                 "intendedGoal":"Goal","jurisdiction":"XA-%s","occurredAt":"2024-01-01"}""".formatted(ref, ref, SUFFIX)));
        for (String fact : List.of("""
                {"fact":"PartnerJoined","occurredAt":"2024-01-02","organization":{"ref":"%s","name":"Telco","sector":"PRIVATE"},
                 "roles":["LEAD","DATA_PROVIDER"]}""".formatted(PARTNER_ORG), """
                {"fact":"DataDelivered","occurredAt":"2024-01-10","provider":"%s","dataset":"Mobility","records":10}""".formatted(PARTNER_ORG),
                MatrixData.fact("2024-01-20", "c1", "LEGAL_UNCERTAINTY"), MatrixData.fact("2024-01-21", "c2", "NO_SHARING_POLICY"))) {
            expectCreated(gateway.post("/api/registry/partnerships/" + ref + "/facts", stewardKey, fact));
        }
        // the change waits for acknowledgement in the notification service's store
        return await().atMost(Duration.ofSeconds(90)).until(() -> waiting(ref), id -> id != null);
    }

    static String waiting(String ref) {
        Document escalation = escalations().find(Filters.and(Filters.eq("ref", ref), Filters.eq("state", "WAITING"))).first();
        return escalation == null ? null : escalation.getString("_id");
    }

    static MongoCollection<Document> escalations() {
        return mongo.getDatabase("notification").getCollection("escalations");
    }

    static GatewayCalls.Answer acknowledge(String key, String eventId, String by) {
        return gateway.post("/api/notifications/alerts/acknowledge?eventId=" + URLEncoder.encode(eventId, StandardCharsets.UTF_8)
                + "&by=" + by, key, null);
    }

    static void expectCreated(GatewayCalls.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    static String rule(GatewayCalls.Answer answer) throws Exception {
        return ContractJson.mapper().readTree(answer.body()).path("rule").asText();
    }

    @Test
    void theStewardThatIsNotAPartnerAcknowledgesItsPartnershipsRiskChange() throws Exception {
        String eventId = criticalPartnership("brokered-" + SUFFIX);
        Document stored = escalations().find(Filters.eq("_id", eventId)).first();
        assertThat(stored.getList("organizations", String.class)).containsExactly(PARTNER_ORG);
        assertThat(stored.getString("steward")).isEqualTo(STEWARD_ORG);

        GatewayCalls.Answer outsider = acknowledge(outsiderKey, eventId, OUTSIDER_ORG);
        assertThat(outsider.status()).as(outsider.body()).isEqualTo(404);
        assertThat(rule(outsider)).isEqualTo("unknown-alert");
        GatewayCalls.Answer dashboard = acknowledge(stewardDashboardKey, eventId, STEWARD_ORG);
        assertThat(dashboard.status()).as(dashboard.body()).isEqualTo(403);
        assertThat(escalations().find(Filters.eq("_id", eventId)).first().getString("state")).isEqualTo("WAITING");

        GatewayCalls.Answer steward = acknowledge(stewardKey, eventId, STEWARD_ORG);
        assertThat(steward.status()).as(steward.body()).isEqualTo(200);
        JsonNode answer = ContractJson.mapper().readTree(steward.body());
        assertThat(answer.path("state").asText()).isEqualTo("ACKNOWLEDGED");
        Document acknowledged = escalations().find(Filters.eq("_id", eventId)).first();
        assertThat(acknowledged.getString("state")).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.getString("acknowledgedBy")).isEqualTo(STEWARD_ORG);
    }

    @Test
    void aRiskChangeStoredBeforeItsPartnersWereIsAcknowledgedAsTheRegistrySeesIt() throws Exception {
        String eventId = criticalPartnership("older-" + SUFFIX);
        // as it was stored before issue 19: no partners, steward or jurisdiction with it
        escalations().updateOne(Filters.eq("_id", eventId),
                Updates.combine(Updates.unset("organizations"), Updates.unset("steward"), Updates.unset("jurisdiction")));

        GatewayCalls.Answer outsider = acknowledge(outsiderKey, eventId, OUTSIDER_ORG);
        assertThat(outsider.status()).as(outsider.body()).isEqualTo(404);
        assertThat(escalations().find(Filters.eq("_id", eventId)).first().getString("state")).isEqualTo("WAITING");

        GatewayCalls.Answer partner = acknowledge(partnerKey, eventId, PARTNER_ORG);
        assertThat(partner.status()).as(partner.body()).isEqualTo(200);
        Document acknowledged = escalations().find(Filters.eq("_id", eventId)).first();
        assertThat(acknowledged.getString("state")).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.getString("acknowledgedBy")).isEqualTo(PARTNER_ORG);
    }
}
