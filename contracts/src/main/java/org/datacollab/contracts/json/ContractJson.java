package org.datacollab.contracts.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.datacollab.contracts.facts.FactTypes;
import org.datacollab.contracts.facts.PartnershipFact;
import java.io.IOException;

/**
 * The one JSON form of the published language. Strict on input (unknown fields, numbers for enums and
 * missing required fields are errors) so that bad input is named, never guessed at.
 */
public final class ContractJson {

    public static final String FACT_FIELD = "fact";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // a name given twice is refused, not read as its last value: which one the sender meant is a guess
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ContractJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The fact as JSON with its name in {@code "fact"} first. */
    public static ObjectNode factToJson(PartnershipFact fact) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(FACT_FIELD, fact.factName());
        node.setAll((ObjectNode) MAPPER.valueToTree(fact));
        return node;
    }

    /** Reads the payload of a fact whose name is known (e.g. from a CloudEvents type or a URL). */
    public static PartnershipFact factFromJson(String factName, JsonNode fields) throws JsonProcessingException {
        Class<? extends PartnershipFact> type = FactTypes.byName(factName)
                .orElseThrow(() -> new UnknownFactException(factName));
        ObjectNode copy = fields.deepCopy();
        copy.remove(FACT_FIELD);
        return MAPPER.treeToValue(copy, type);
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A fact name that DOMAIN.md section 3 does not define. */
    public static final class UnknownFactException extends RuntimeException {
        private final String factName;

        public UnknownFactException(String factName) {
            super("'" + factName + "' is not a fact of DOMAIN.md section 3; known facts: " + FactTypes.names());
            this.factName = factName;
        }

        public String factName() {
            return factName;
        }
    }
}
