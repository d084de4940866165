package org.datacollab.contracts.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.datacollab.contracts.facts.FactTypes;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.vocabulary.Organization;

import java.util.Set;

/**
 * The JSON Schema of the {@code partnership-history/v1} document (docs/history-format.md), derived from the fact
 * records like the events' schemas: {@code partnership} is PartnershipFormed with {@code formedOn} for its
 * {@code occurredAt}, and each history entry is a fact with {@code on} for its {@code occurredAt}, organizations
 * named by ref, and no {@code PartnershipFormed}.
 */
final class HistorySchema {

    static final String NAME = "partnership-history";
    static final String DESCRIPTION = "A partnership's whole history (docs/history-format.md)";
    /** Facts whose {@code organization} the document names by ref while the fact carries the organization. */
    private static final Set<String> DECLARING = Set.of("PartnerJoined", "ProviderInvited");

    private HistorySchema() {
    }

    static ObjectNode document() {
        ObjectNode schema = node();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("format").put("const", "partnership-history/v1");
        properties.set("partnership", partnership());
        ObjectNode organizations = properties.putObject("organizations");
        organizations.put("type", "array");
        organizations.set("items", SchemaGenerator.object(Organization.class));
        ObjectNode history = properties.putObject("history");
        history.put("type", "array");
        ArrayNode entries = history.putObject("items").putArray("oneOf");
        for (String fact : FactTypes.names()) {
            if (!fact.equals("PartnershipFormed")) {
                entries.add(entry(fact));
            }
        }
        schema.putArray("required").add("format").add("partnership").add("history");
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode partnership() {
        ObjectNode schema = SchemaGenerator.object(PartnershipFormed.class);
        ObjectNode properties = (ObjectNode) schema.get("properties");
        properties.remove("occurredAt");
        properties.remove("organizations");
        properties.set("formedOn", on());
        replaceRequired(schema, "occurredAt", "formedOn");
        return schema;
    }

    private static ObjectNode entry(String fact) {
        ObjectNode schema = SchemaGenerator.object(FactTypes.byName(fact).orElseThrow());
        ObjectNode fields = (ObjectNode) schema.remove("properties");
        fields.remove("occurredAt");
        ObjectNode properties = node();
        properties.set("on", on());
        properties.putObject("fact").put("const", fact);
        properties.setAll(fields);
        if (DECLARING.contains(fact)) {
            properties.putObject("organization").put("type", "string");
        }
        if (fact.equals("LeadershipChanged")) {
            // written as null when no partner holds LEAD
            properties.putObject("lead").putArray("type").add("string").add("null");
        }
        ObjectNode ordered = node();
        ordered.put("type", "object");
        ordered.set("properties", properties);
        ArrayNode required = ordered.putArray("required").add("on").add("fact");
        if (schema.has("required")) {
            schema.get("required").forEach(name -> {
                if (!name.asText().equals("occurredAt")) {
                    required.add(name);
                }
            });
        }
        ordered.put("additionalProperties", false);
        return ordered;
    }

    private static ObjectNode on() {
        ObjectNode on = node();
        on.put("type", "string");
        on.put("description", "a date (the start of that day, UTC) or an instant");
        on.put("pattern", "^\\d{4}-\\d{2}-\\d{2}(T.+)?$");
        return on;
    }

    private static void replaceRequired(ObjectNode schema, String from, String to) {
        ArrayNode required = (ArrayNode) schema.get("required");
        for (int i = 0; i < required.size(); i++) {
            if (required.get(i).asText().equals(from)) {
                required.set(i, to);
            }
        }
    }

    private static ObjectNode node() {
        return ContractJson.mapper().createObjectNode();
    }
}
