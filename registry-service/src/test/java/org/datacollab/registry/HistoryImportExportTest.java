package org.datacollab.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.datacollab.contracts.json.ContractJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Each canonical case imports as one unit, and its export is the imported document. */
class HistoryImportExportTest extends RegistryIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"flowminder-nepal", "flower-import", "dutch-municipality-spending", "food-traceability-nys"})
    void exportOfAnImportIsTheImportedDocument(String name) throws Exception {
        ObjectNode document = (ObjectNode) ContractJson.mapper().readTree(resource("/cases/" + name + ".json"));
        String ref = uniqueRef(name);
        ((ObjectNode) document.get("partnership")).put("ref", ref);

        http.post().uri("/partnerships/import").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ContractJson.write(document))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().exists("ETag")
                .expectBody().jsonPath("$.ref").isEqualTo(ref);

        byte[] exported = http.get().uri("/partnerships/{ref}/export", ref).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode exportedTree = ContractJson.mapper().readTree(exported);
        assertThat(exportedTree).isEqualTo(document);
    }

    /** catalogue.md: an unclassified partnership, an organization without a sector, a description, NOT_RECORDED. */
    @Test
    void anUnclassifiedDescribedPartnershipExportsAndImportsBackUnchanged() throws Exception {
        String ref = uniqueRef("flood-maps");
        String document = """
                {"format":"partnership-history/v1",
                 "partnership":{"ref":"%s","name":"Flood extent maps","jurisdiction":"BD","catalogued":true,"formedOn":"2024-03-01"},
                 "organizations":[{"ref":"sat","name":"Satellite imaging company"}],
                 "history":[
                   {"on":"2024-03-01","fact":"PartnershipDescribed","collaborationType":"PRIZE_OR_CHALLENGE","purposes":["CITIZEN_DECISIONS"],
                    "topics":["Resilience","Disaster response"],"region":"ASIA","location":"Global","dataCategories":["Satellite Imagery"],
                    "personalDataShared":"UNKNOWN","accessModes":["REALTIME"],"sharedWith":"Relief NGOs, civil protection",
                    "summary":"A challenge invites teams to turn imagery into flood maps.","links":["https://example.org/floods"],
                    "reportedStatus":"PILOT","published":true},
                   {"on":"2024-04-01","fact":"PartnerJoined","organization":"sat","roles":["DATA_PROVIDER"]},
                   {"on":"2024-05-01","fact":"ModelReclassified","to":"SOCIAL_ISSUE","reason":"it behaves so"},
                   {"on":"2024-06-01","fact":"PartnershipEnded","outcome":"NOT_RECORDED"}]}""".formatted(ref);
        http.post().uri("/partnerships/import").contentType(MediaType.APPLICATION_JSON).bodyValue(document)
                .exchange().expectStatus().isCreated();
        byte[] exported = http.get().uri("/partnerships/{ref}/export", ref).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode first = ContractJson.mapper().readTree(exported);
        assertThat(first.path("partnership").has("model")).isFalse();
        assertThat(first.path("partnership").path("catalogued").asBoolean()).isTrue();
        assertThat(first.path("organizations").get(0).has("sector")).isFalse();
        assertThat(first.path("history").get(0).path("topics")).hasSize(2);

        String again = uniqueRef("flood-maps");
        ObjectNode copy = first.deepCopy();
        ((ObjectNode) copy.get("partnership")).put("ref", again);
        http.post().uri("/partnerships/import").contentType(MediaType.APPLICATION_JSON).bodyValue(ContractJson.write(copy))
                .exchange().expectStatus().isCreated();
        JsonNode second = ContractJson.mapper().readTree(http.get().uri("/partnerships/{ref}/export", again).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(second).isEqualTo(copy);
        http.get().uri("/partnerships/{ref}", again).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.model").isEqualTo("SOCIAL_ISSUE")
                .jsonPath("$.catalogueStatus").isEqualTo("ENDED")
                .jsonPath("$.description.region").isEqualTo("ASIA");
    }

    @Test
    void aDescriptionBreakingALimitIsA400NamingTheField() {
        String ref = uniqueRef("described");
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"ref\":\"" + ref + "\",\"name\":\"Described\",\"occurredAt\":\"2024-01-01\"}")
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.model").doesNotExist().jsonPath("$.catalogueStatus").isEqualTo("ANNOUNCED");
        http.post().uri("/partnerships/{ref}/facts/PartnershipDescribed", ref).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"occurredAt\":\"2024-01-02\",\"topics\":[\"Health\",\"" + "x".repeat(201) + "\"]}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rule").isEqualTo("text-length").jsonPath("$.field").isEqualTo("topics[1]");
        http.post().uri("/partnerships/{ref}/facts/PartnershipDescribed", ref).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"occurredAt\":\"2024-01-02\",\"region\":\"MARS\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rule").isEqualTo("enum-value").jsonPath("$.field").isEqualTo("region");
        http.get().uri("/partnerships/{ref}/facts", ref).exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);
    }
}
