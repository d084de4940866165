package org.datacollab.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.datacollab.contracts.json.ContractJson;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** NDJSON: many histories in one request, each all-or-nothing, with a result per line. */
class BulkImportTest extends RegistryIntegrationTest {

    @Test
    void eachLineIsImportedOrRejectedOnItsOwn() throws Exception {
        String good = uniqueRef("bulk-good");
        String bad = uniqueRef("bulk-bad");
        ObjectNode first = (ObjectNode) ContractJson.mapper().readTree(resource("/cases/flowminder-nepal.json"));
        ((ObjectNode) first.get("partnership")).put("ref", good);
        ObjectNode second = first.deepCopy();
        ((ObjectNode) second.get("partnership")).put("ref", bad);
        // the delivery comes from an organization that is not a data provider: the whole history is refused
        ((ObjectNode) second.get("history").get(12)).put("provider", "flowminder");
        String body = first.toString() + "\n" + second.toString() + "\n";

        http.post().uri("/partnerships/import").contentType(MediaType.parseMediaType("application/x-ndjson")).bodyValue(body)
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.imported").isEqualTo(1)
                .jsonPath("$.rejected").isEqualTo(1)
                .jsonPath("$.results[0].status").isEqualTo("imported")
                .jsonPath("$.results[1].status").isEqualTo("rejected")
                .jsonPath("$.results[1].problem.rule").isEqualTo("delivery-needs-provider")
                .jsonPath("$.results[1].problem.index").isEqualTo(12)
                .jsonPath("$.results[1].problem.fact").isEqualTo("DataDelivered");
        http.get().uri("/partnerships/{ref}", good).exchange().expectStatus().isOk();
        http.get().uri("/partnerships/{ref}", bad).exchange().expectStatus().isNotFound();
    }

    @Test
    void aBrokenHistoryRecordsNothingAndNamesTheEntry() throws Exception {
        String ref = uniqueRef("broken");
        ObjectNode document = (ObjectNode) ContractJson.mapper().readTree(resource("/cases/flowminder-nepal.json"));
        ((ObjectNode) document.get("partnership")).put("ref", ref);
        ((ObjectNode) document.get("history").get(7)).put("challengeId", "never-raised");
        http.post().uri("/partnerships/import").contentType(MediaType.APPLICATION_JSON).bodyValue(document.toString())
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.index").isEqualTo(7).jsonPath("$.fact").isEqualTo("ChallengeResolved")
                .jsonPath("$.rule").isEqualTo("unknown-challenge").jsonPath("$.field").isEqualTo("history[7].challengeId");
        http.get().uri("/partnerships/{ref}", ref).exchange().expectStatus().isNotFound();
    }

    @Test
    void aBodyOverTheLimitIsA413AndRecordsNothing() {
        String ref = uniqueRef("huge");
        String huge = "x".repeat(17 * 1024 * 1024);
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"ref":"%s","name":"%s","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g","occurredAt":"2024-01-01"}"""
                .formatted(ref, huge)).exchange().expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.rule").isEqualTo("body-size");
        http.get().uri("/partnerships/{ref}", ref).exchange().expectStatus().isNotFound();
    }

    @Test
    void importingAnExistingRefIsA409AndChangesNothing() throws Exception {
        String ref = uniqueRef("twice");
        ObjectNode document = (ObjectNode) ContractJson.mapper().readTree(resource("/cases/flowminder-nepal.json"));
        ((ObjectNode) document.get("partnership")).put("ref", ref);
        http.post().uri("/partnerships/import").contentType(MediaType.APPLICATION_JSON).bodyValue(document.toString())
                .exchange().expectStatus().isCreated();
        http.post().uri("/partnerships/import").contentType(MediaType.APPLICATION_JSON).bodyValue(document.toString())
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("partnership-ref-unique");
        http.get().uri("/partnerships/{ref}/facts", ref).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(18);
    }
}
