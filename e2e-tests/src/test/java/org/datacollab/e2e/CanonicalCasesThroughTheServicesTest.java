package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.localstack.LocalStack;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four canonical cases, imported through the gateway into the registry, give through the assessment
 * service's API the phase, level, score, active signals (with weights) and best fit of every row of
 * cases/EXPECTED.md: the whole path, registry to Kafka to projection to rules.
 */
class CanonicalCasesThroughTheServicesTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern HEADING = Pattern.compile("^## ([a-z0-9-]+) \\(");
    static final Pattern ROW = Pattern.compile("^\\| (\\d{4}-\\d{2}-\\d{2}) \\| (\\w+) \\| (\\w+) \\| (\\d+) \\| ([^|]+) \\| (\\w+) \\|$");

    @Test
    void everyCheckpointOfTheExpectedDocument() throws Exception {
        LocalStack stack = SharedStack.get();
        String gateway = stack.gatewayUrl();
        String expected = resource("/cases/EXPECTED.md");
        String ref = null;
        List<String> checked = new ArrayList<>();
        for (String line : expected.split("\n")) {
            Matcher heading = HEADING.matcher(line);
            Matcher row = ROW.matcher(line.trim());
            if (heading.find()) {
                ref = importCase(gateway, heading.group(1));
            } else if (row.matches()) {
                String asOf = row.group(1);
                String uri = gateway + "/api/assessment/partnerships/" + ref + "/assessment?asOf=" + asOf;
                JsonNode assessment = ContractJson.mapper().readTree(get(uri).body());
                StringBuilder signals = new StringBuilder();
                for (JsonNode signal : assessment.get("signals")) {
                    signals.append(signals.isEmpty() ? "" : ", ").append(signal.get("name").asText()).append(' ').append(signal.get("weight").asInt());
                }
                String actual = String.join(" | ", assessment.get("phase").asText(), assessment.get("level").asText(),
                        assessment.get("score").asText(), signals.isEmpty() ? "none" : signals.toString(),
                        assessment.get("modelFit").get("bestFit").asText());
                String wanted = String.join(" | ", row.group(2), row.group(3), row.group(4), row.group(5).trim(), row.group(6));
                assertThat(actual).as(ref + " as of " + asOf).isEqualTo(wanted);
                checked.add(ref + "@" + asOf);
            }
        }
        assertThat(checked).hasSize(20);
    }

    /** Imports the case under a fresh ref and waits until the assessment service has projected all of it. */
    static String importCase(String gateway, String name) throws Exception {
        ObjectNode document = (ObjectNode) ContractJson.mapper().readTree(resource("/cases/" + name + ".json"));
        String ref = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        ((ObjectNode) document.get("partnership")).put("ref", ref);
        HttpResponse<String> imported = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/registry/partnerships/import"))
                .header("Authorization", "Bearer " + SharedStack.get().adminKey())
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(document.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        long version = ContractJson.mapper().readTree(imported.body()).get("version").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> timeline = get(gateway + "/api/assessment/partnerships/" + ref + "/timeline");
            if (timeline.statusCode() != 200) {
                return false;
            }
            int facts = 0;
            for (JsonNode phase : ContractJson.mapper().readTree(timeline.body()).get("phases")) {
                facts += phase.get("facts").size();
            }
            return facts == version + 1;
        });
        return ref;
    }

    static HttpResponse<String> get(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SharedStack.get().adminKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String resource(String path) throws Exception {
        try (InputStream in = CanonicalCasesThroughTheServicesTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
