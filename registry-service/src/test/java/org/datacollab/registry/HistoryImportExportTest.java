package org.datacollab.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.datacollab.contracts.json.ContractJson;
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
}
