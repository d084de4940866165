package org.datacollab.assessment.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.json.ContractJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads the canonical cases (partnership-history/v1) as the facts the registry would record, for tests. */
final class CaseHistories {

    private CaseHistories() {
    }

    static String text(String resource) {
        try (InputStream in = CaseHistories.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<PartnershipFact> load(String caseName) {
        try {
            JsonNode document = ContractJson.mapper().readTree(text("/cases/" + caseName + ".json"));
            Map<String, JsonNode> organizations = new HashMap<>();
            document.get("organizations").forEach(o -> organizations.put(o.get("ref").asText(), o));
            List<PartnershipFact> facts = new ArrayList<>();
            ObjectNode formed = document.get("partnership").deepCopy();
            formed.set("occurredAt", formed.remove("formedOn"));
            formed.set("organizations", document.get("organizations"));
            facts.add(ContractJson.factFromJson("PartnershipFormed", instant(formed)));
            for (JsonNode entry : document.get("history")) {
                ObjectNode fields = entry.deepCopy();
                fields.set("occurredAt", fields.remove("on"));
                String fact = fields.remove("fact").asText();
                if (fact.equals("PartnerJoined") || fact.equals("ProviderInvited")) {
                    fields.set("organization", organizations.get(fields.get("organization").asText()));
                }
                facts.add(ContractJson.factFromJson(fact, instant(fields)));
            }
            return facts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode instant(ObjectNode fields) {
        String on = fields.get("occurredAt").asText();
        if (on.length() == 10) {
            fields.put("occurredAt", on + "T00:00:00Z");
        }
        return fields;
    }
}
