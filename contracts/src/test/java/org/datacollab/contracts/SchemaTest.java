package org.datacollab.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.datacollab.contracts.facts.DataDelivered;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.SchemaGenerator;
import org.datacollab.contracts.facts.RecordedFact;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed JSON Schemas are what the records generate, and events' JSON validates against them. */
class SchemaTest {

    @Test
    void committedSchemasMatchTheRecords() throws IOException {
        for (var entry : SchemaGenerator.schemas().entrySet()) {
            assertThat(resource("/schemas/" + entry.getKey() + ".schema.json"))
                    .as("schemas/%s.schema.json is stale: regenerate with SchemaGenerator", entry.getKey())
                    .isEqualTo(entry.getValue());
        }
        assertThat(SchemaGenerator.schemas()).hasSize(24);
    }

    @Test
    void aFactValidatesAndAMalformedOneDoesNot() throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(resource("/schemas/DataDelivered.schema.json"));
        DataDelivered fact = new DataDelivered(Instant.parse("2024-01-01T00:00:00Z"), "telco", "calls", 10L, null);
        JsonNode json = ContractJson.mapper().valueToTree(fact);
        assertThat(schema.validate(json.toString(), com.networknt.schema.InputFormat.JSON)).isEmpty();
        List<Error> errors = schema.validate("{\"occurredAt\":\"2024-01-01T00:00:00Z\",\"dataset\":\"calls\",\"extra\":1}",
                com.networknt.schema.InputFormat.JSON);
        assertThat(errors).extracting(Error::getMessage).anyMatch(m -> m.contains("provider")).anyMatch(m -> m.contains("extra"));
    }

    @Test
    void aRecordedFactSurvivesTheCloudEventsRoundTrip() {
        PartnershipFact fact = new DataDelivered(Instant.parse("2024-01-01T10:00:00Z"), "telco", "calls", null, 2048L);
        RecordedFact recorded = new RecordedFact("e-1", "city-mobility", 7, Instant.parse("2024-02-01T00:00:00Z"), fact, 0, 2);
        RecordedFact decoded = PartnershipEventCodec.decode(PartnershipEventCodec.encode(recorded));
        assertThat(decoded).isEqualTo(recorded);
        assertThat(decoded.endsCommit()).isFalse();
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = SchemaTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
