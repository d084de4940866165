package org.datacollab.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.datacollab.contracts.json.ContractJson;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The four cases, imported, show as of each checkpoint of cases/EXPECTED.md the phase listed there. */
class CaseCheckpointsTest extends RegistryIntegrationTest {

    private static final Pattern HEADING = Pattern.compile("^## ([a-z0-9-]+) \\(");
    private static final Pattern ROW = Pattern.compile("^\\| (\\d{4}-\\d{2}-\\d{2}) \\| (\\w+) \\|");

    @Test
    void statesAsOfTheCheckpointsShowTheExpectedPhases() throws Exception {
        String expected = new String(resource("/cases/EXPECTED.md"), StandardCharsets.UTF_8);
        String ref = null;
        int checked = 0;
        for (String line : expected.split("\n")) {
            Matcher heading = HEADING.matcher(line);
            Matcher row = ROW.matcher(line);
            if (heading.find()) {
                ref = importCase(heading.group(1));
            } else if (row.find()) {
                String asOf = row.group(1);
                String phase = row.group(2);
                http.get().uri("/partnerships/{ref}?asOf={asOf}", ref, asOf).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.phase").isEqualTo(phase);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(20);
    }

    private String importCase(String name) throws Exception {
        ObjectNode document = (ObjectNode) ContractJson.mapper().readTree(resource("/cases/" + name + ".json"));
        String ref = uniqueRef(name);
        ((ObjectNode) document.get("partnership")).put("ref", ref);
        http.post().uri("/partnerships/import").contentType(MediaType.APPLICATION_JSON).bodyValue(ContractJson.write(document))
                .exchange().expectStatus().isCreated();
        return ref;
    }
}
