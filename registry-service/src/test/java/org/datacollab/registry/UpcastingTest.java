package org.datacollab.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.infra.Infrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event stored in its old form still loads and projects: a PartnershipFormed written as the first
 * version stored it (no organizations directory, no revision) is read through the upcaster chain by the
 * aggregate (a fact is recorded on it), by the state and export API, and by the read-model projection.
 */
class UpcastingTest extends RegistryIntegrationTest {

    @Test
    void aPartnershipFormedStoredInItsFirstFormLoadsAndProjects() throws Exception {
        String template = uniqueRef("template");
        String old = uniqueRef("old-form");
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"ref":"%s","name":"Stored long ago","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s",
                 "intendedGoal":"g","occurredAt":"2015-03-01","organizations":[{"ref":"ngo","name":"NGO","sector":"NONPROFIT"}]}"""
                .formatted(template)).exchange().expectStatus().isCreated();

        try (MongoClient client = MongoClients.create(Infrastructure.shared().mongoUri())) {
            MongoCollection<Document> events = client.getDatabase(DATABASE).getCollection("event_commits");
            Document stored = events.find(Filters.eq("aggregateIdentifier", template)).first();
            assertThat(stored).as("the commit document of " + template).isNotNull();
            // the same commit, for another partnership, in the old form: no revision, no organizations; at a new
            // position, and in no aggregate head (as if its writer stopped before writing the head)
            Document copy = Document.parse(stored.toJson());
            copy.put("_id", client.getDatabase(DATABASE).getCollection("event_positions").findOneAndUpdate(Filters.eq("_id", "commits"),
                    Updates.inc("value", 1L), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)).getLong("value"));
            copy.put("aggregateIdentifier", old);
            String eventId = UUID.randomUUID().toString();
            copy.put("eventIdentifier", eventId);
            for (Document event : copy.getList("events", Document.class)) {
                event.put("aggregateIdentifier", old);
                event.put("eventIdentifier", eventId);
                event.put("payloadRevision", null);
                ObjectNode payload = (ObjectNode) ContractJson.mapper().readTree(event.getString("serializedPayload"));
                payload.remove("organizations");
                payload.put("ref", old);
                event.put("serializedPayload", payload.toString());
            }
            assertThat(copy.toJson()).as(copy.toJson()).doesNotContain("organizations").doesNotContain("NONPROFIT");
            events.insertOne(copy);
        }

        http.get().uri("/partnerships/{ref}", old).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Stored long ago");
        http.get().uri("/partnerships/{ref}/export", old).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.partnership.ref").isEqualTo(old);
        http.post().uri("/partnerships/{ref}/facts", old).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"fact":"ChallengeRaised","occurredAt":"2015-04-01","challengeId":"c1","challenge":"DATA_QUALITY"}""")
                .exchange().expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/partnerships?q={q}", old).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].version").isEqualTo(1));
    }
}
