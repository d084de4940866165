package org.datacollab.registry.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.datacollab.contracts.facts.FactTypes;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.limits.Limits;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads request bodies into facts, strictly: malformed JSON, unknown fields, unknown enum values, wrong
 * types and missing required fields each become an {@link InvalidInput} naming the field and the rule.
 * Dates are accepted wherever an instant is expected ({@code 2015-04-25} is the start of that day, UTC).
 */
public final class FactReader {

    private static final Pattern MISSING = Pattern.compile("Missing required creator property '([^']+)'");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private FactReader() {
    }

    public static JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInput(null, "body-required", "The request needs a JSON body.");
        }
        try {
            JsonNode node = ContractJson.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw new InvalidInput(null, "json-object", "The body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            // a breach of the parser's own bounds (nesting depth, number length) comes without a location
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new InvalidInput(null, "malformed-json", "The body is not well-formed JSON: " + e.getOriginalMessage() + where + ".");
        } catch (IOException e) {
            throw new InvalidInput(null, "malformed-json", "The body cannot be read: " + e.getMessage());
        }
    }

    /** Reads a fact whose name is {@code factName}; {@code prefix} is prepended to field paths (e.g. "history[3]."). */
    public static PartnershipFact fact(String factName, JsonNode fields, String prefix) {
        ObjectNode copy = fields.deepCopy();
        copy.remove(ContractJson.FACT_FIELD);
        normalizeDate(copy, "occurredAt");
        FactTypes.byName(factName).ifPresent(type -> requireTextualDates(type, copy, prefix));
        try {
            PartnershipFact fact = ContractJson.factFromJson(factName, copy);
            requireNonNull(fact, prefix);
            // bounds at the door, before the fact is measured for its topic or reaches the partnership
            Limits.check((Record) fact).ifPresent(breach -> {
                throw new InvalidInput(prefix + breach.field(), breach.rule(), prefix + breach.detail(), breach.limit());
            });
            return fact;
        } catch (ContractJson.UnknownFactException e) {
            throw new InvalidInput(prefix + "fact", "known-fact", e.getMessage());
        } catch (JsonProcessingException e) {
            throw translate(e, prefix);
        }
    }

    /** Turns {@code "2015-04-25"} into {@code "2015-04-25T00:00:00Z"} in place. */
    public static void normalizeDate(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isTextual() && DATE.matcher(value.asText()).matches()) {
            node.set(field, TextNode.valueOf(value.asText() + "T00:00:00Z"));
        }
    }

    /**
     * Dates are written as text ({@code 2015-04-25}, {@code 2015-04-25T06:11:00Z}). Jackson would read a number as
     * seconds since 1970, and one too large for that (1e300) as 1970 itself: a date nobody meant, recorded.
     */
    private static void requireTextualDates(Class<?> type, JsonNode fields, String prefix) {
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode value = fields.get(component.getName());
            boolean date = component.getType() == Instant.class || component.getType() == LocalDate.class;
            if (date && value != null && value.isNumber()) {
                String field = prefix + component.getName();
                throw new InvalidInput(field, "value-type", "'" + field + "' is a date, written as text such as 2015-04-25, not a number.");
            }
        }
    }

    private static InvalidInput translate(JsonProcessingException e, String prefix) {
        if (e instanceof UnrecognizedPropertyException u) {
            String field = prefix + path(u, u.getPropertyName());
            return new InvalidInput(field, "known-field", "'" + field + "' is not a field of this fact; known fields: "
                    + u.getKnownPropertyIds() + ".");
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            String field = prefix + path(f, null);
            String allowed = Arrays.stream(f.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return new InvalidInput(field, "enum-value", "'" + f.getValue() + "' is not a valid value of " + field
                    + "; use one of: " + allowed + ".");
        }
        Matcher missing = MISSING.matcher(e.getOriginalMessage());
        if (missing.find()) {
            String field = prefix + (e instanceof JsonMappingException m ? path(m, missing.group(1)) : missing.group(1));
            return new InvalidInput(field, "required", "'" + field + "' is required.");
        }
        if (e instanceof MismatchedInputException m) {
            String field = prefix + path(m, null);
            String type = m.getTargetType() == null ? "another type" : m.getTargetType().getSimpleName();
            return new InvalidInput(field, "value-type", "'" + field + "' has the wrong type: expected " + type + ".");
        }
        if (e instanceof JsonMappingException m) {
            String field = prefix + path(m, null);
            return new InvalidInput(field, "value-format", "'" + field + "' cannot be read: " + e.getOriginalMessage());
        }
        return new InvalidInput(null, "malformed-json", e.getOriginalMessage());
    }

    private static String path(JsonMappingException e, String last) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (last != null && !path.toString().endsWith(last)) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(last);
        }
        return path.toString();
    }

    /** Jackson lets an explicit null through for a required field; the published language does not. */
    private static void requireNonNull(Record value, String prefix) {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            Object fieldValue;
            try {
                fieldValue = component.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String field = prefix + component.getName();
            if (property != null && property.required() && fieldValue == null) {
                throw new InvalidInput(field, "required", "'" + field + "' is required.");
            }
            if (fieldValue instanceof Record nested) {
                requireNonNull(nested, field + ".");
            }
            if (fieldValue instanceof Collection<?> values && values.stream().anyMatch(Objects::isNull)) {
                throw new InvalidInput(field, "no-null-items", "'" + field + "' must not contain null.");
            }
        }
    }

    static void requireNonNull(PartnershipFact fact, String prefix) {
        requireNonNull((Record) fact, prefix);
    }
}
