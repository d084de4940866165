package org.datacollab.contracts.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.datacollab.contracts.facts.FactTypes;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxItems;
import org.datacollab.contracts.limits.MaxLength;
import org.datacollab.contracts.risk.RiskChange;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema (draft 2020-12) of every event's data, derived from the records so that the two cannot drift.
 * {@code SchemaGeneratorTest} fails when the committed files differ from what this generates.
 * Usage: {@code SchemaGenerator <folder>} writes one {@code <Name>.schema.json} per fact and risk change, and
 * {@code partnership-history.schema.json} for the history format (docs/history-format.md).
 */
public final class SchemaGenerator {

    private SchemaGenerator() {
    }

    public static Map<String, String> schemas() {
        Map<String, String> schemas = new LinkedHashMap<>();
        for (String name : FactTypes.names()) {
            schemas.put(name, render(FactTypes.byName(name).orElseThrow(), "A fact of DOMAIN.md section 3: " + name));
        }
        for (Class<?> change : RiskChange.class.getPermittedSubclasses()) {
            schemas.put(change.getSimpleName(), render(change, "A risk change of DOMAIN.md section 5: " + change.getSimpleName()));
        }
        schemas.put(HistorySchema.NAME, write(root(HistorySchema.NAME, HistorySchema.DESCRIPTION, HistorySchema.document())));
        return schemas;
    }

    private static String render(Class<?> type, String description) {
        return write(root(type.getSimpleName(), description, object(type)));
    }

    private static ObjectNode root(String name, String description, ObjectNode schema) {
        ObjectNode root = ContractJson.mapper().createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "urn:datacollab:schema:" + name);
        root.put("title", name);
        root.put("description", description);
        root.setAll(schema);
        return root;
    }

    private static String write(ObjectNode root) {
        try {
            return ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object(Class<?> type) {
        ObjectNode schema = ContractJson.mapper().createObjectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = ContractJson.mapper().createArrayNode();
        for (RecordComponent component : type.getRecordComponents()) {
            properties.set(component.getName(), bounded(of(component.getGenericType()), component));
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            if (property != null && property.required()) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The bounds of docs/problems.md (Limits): maxLength of every free text, maxItems of every list. */
    private static ObjectNode bounded(ObjectNode schema, RecordComponent component) {
        MaxLength length = component.getAnnotation(MaxLength.class);
        int maxLength = length == null ? Limits.TEXT : length.value();
        if ("string".equals(schema.path("type").asText()) && !schema.has("format")) {
            schema.put("maxLength", maxLength);
        }
        if ("array".equals(schema.path("type").asText())) {
            MaxItems items = component.getAnnotation(MaxItems.class);
            schema.put("maxItems", items == null ? Limits.ITEMS : items.value());
            JsonNode item = schema.path("items");
            if ("string".equals(item.path("type").asText()) && !item.has("format")) {
                ((ObjectNode) item).put("maxLength", maxLength);
            }
        }
        return schema;
    }

    static ObjectNode of(Type type) {
        ObjectNode schema = ContractJson.mapper().createObjectNode();
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            schema.put("type", "array");
            schema.set("items", of(parameterized.getActualTypeArguments()[0]));
            return schema;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class) {
            schema.put("type", "object");
            schema.set("additionalProperties", of(parameterized.getActualTypeArguments()[1]));
            return schema;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            schema.put("type", "string");
        } else if (raw == Instant.class) {
            schema.put("type", "string").put("format", "date-time");
        } else if (raw == LocalDate.class) {
            schema.put("type", "string").put("format", "date");
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            schema.put("type", "integer");
        } else if (raw == double.class || raw == Double.class || raw == BigDecimal.class) {
            schema.put("type", "number");
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.put("type", "boolean");
        } else if (raw.isEnum()) {
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
        } else if (raw.isRecord()) {
            return object(raw);
        } else {
            throw new IllegalArgumentException("no schema for " + raw);
        }
        return schema;
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        for (var entry : schemas().entrySet()) {
            Files.writeString(folder.resolve(entry.getKey() + ".schema.json"), entry.getValue());
        }
    }
}
