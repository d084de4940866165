package org.datacollab.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.InputFormat;
import org.datacollab.contracts.facts.DataDelivered;
import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.vocabulary.CatalogueStatus;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.contracts.vocabulary.Region;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.SchemaGenerator;
import org.datacollab.contracts.facts.RecordedFact;
import org.apache.kafka.clients.producer.ProducerRecord;
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
        assertThat(SchemaGenerator.schemas()).hasSize(26);
    }

    @Test
    void aFactValidatesAndAMalformedOneDoesNot() throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(resource("/schemas/DataDelivered.schema.json"));
        DataDelivered fact = new DataDelivered(Instant.parse("2024-01-01T00:00:00Z"), "telco", "calls", 10L, null);
        JsonNode json = ContractJson.mapper().valueToTree(fact);
        assertThat(schema.validate(json.toString(), InputFormat.JSON)).isEmpty();
        List<Error> errors = schema.validate("{\"occurredAt\":\"2024-01-01T00:00:00Z\",\"dataset\":\"calls\",\"extra\":1}",
                InputFormat.JSON);
        assertThat(errors).extracting(Error::getMessage).anyMatch(m -> m.contains("provider")).anyMatch(m -> m.contains("extra"));
    }

    @Test
    void aRecordedFactSurvivesTheCloudEventsRoundTrip() {
        PartnershipFact fact = new DataDelivered(Instant.parse("2024-01-01T10:00:00Z"), "telco", "calls", null, 2048L);
        RecordedFact recorded = new RecordedFact("e-1", "city-mobility", 7, Instant.parse("2024-02-01T00:00:00Z"), fact, 0, 2);
        RecordedFact decoded = throughKafka(recorded);
        assertThat(decoded).isEqualTo(recorded);
        assertThat(decoded.endsCommit()).isFalse();
    }

    @Test
    void theAsyncApiDocumentNamesEveryFactAndRiskChange() throws IOException {
        String asyncapi = resource("/asyncapi.yaml");
        for (String name : SchemaGenerator.schemas().keySet()) {
            if (!name.equals("partnership-history")) {
                assertThat(asyncapi).as(name).contains("$ref: '#/components/messages/" + name + "'")
                        .contains("$ref: 'schemas/" + name + ".schema.json'");
            }
        }
    }

    @Test
    void everyCanonicalCaseIsAValidHistoryDocument() throws IOException {
        Schema schema = historySchema();
        for (String name : List.of("flowminder-nepal", "flower-import", "dutch-municipality-spending", "food-traceability-nys")) {
            assertThat(schema.validate(resource("/cases/" + name + ".json"), InputFormat.JSON)).as(name).isEmpty();
        }
    }

    @Test
    void anUnclassifiedDescribedHistoryIsValidAndAMisnamedFieldIsNot() throws IOException {
        Schema schema = historySchema();
        String valid = """
                {"format":"partnership-history/v1",
                 "partnership":{"ref":"flood-maps","name":"Flood maps","catalogued":true,"formedOn":"2024-03-01"},
                 "organizations":[{"ref":"sat","name":"Satellite imaging company"}],
                 "history":[
                   {"on":"2024-03-01","fact":"PartnershipDescribed","collaborationType":"PRIZE_OR_CHALLENGE","topics":["Resilience"],
                    "purposes":["CITIZEN_DECISIONS"],"personalDataShared":"UNKNOWN","links":[],"published":true},
                   {"on":"2024-04-01","fact":"PartnerJoined","organization":"sat","roles":["DATA_PROVIDER"]},
                   {"on":"2024-05-01","fact":"ModelReclassified","to":"SOCIAL_ISSUE"},
                   {"on":"2024-06-01","fact":"PartnershipEnded","outcome":"NOT_RECORDED"}]}""";
        assertThat(schema.validate(valid, InputFormat.JSON)).isEmpty();
        String misnamed = valid.replace("\"collaborationType\"", "\"typeOfActivity\"");
        assertThat(schema.validate(misnamed, InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void aDescriptionLeftOutIsEmptyAndUnpublished() throws IOException {
        JsonNode json = ContractJson.mapper().readTree("{\"occurredAt\":\"2024-01-01T00:00:00Z\",\"region\":\"EUROPE\"}");
        PartnershipDescribed described = (PartnershipDescribed) ContractJson.factFromJson("PartnershipDescribed", json);
        assertThat(described.region()).isEqualTo(Region.EUROPE);
        assertThat(described.topics()).isEmpty();
        assertThat(described.inPublicCatalogue()).isFalse();
        RecordedFact recorded = new RecordedFact("e-2", "flood-maps", 1, Instant.parse("2024-02-01T00:00:00Z"), described, 0, 1);
        assertThat(throughKafka(recorded)).isEqualTo(recorded);
    }

    @Test
    void theCatalogueStatusFollowsThePhase() {
        assertThat(CatalogueStatus.of(Phase.FORMING, null)).isEqualTo(CatalogueStatus.ANNOUNCED);
        assertThat(CatalogueStatus.of(Phase.AGREED, CatalogueStatus.PILOT)).isEqualTo(CatalogueStatus.PILOT);
        assertThat(CatalogueStatus.of(Phase.FORMING, CatalogueStatus.ONGOING)).isEqualTo(CatalogueStatus.ONGOING);
        assertThat(CatalogueStatus.of(Phase.OPERATING, null)).isEqualTo(CatalogueStatus.ONGOING);
        assertThat(CatalogueStatus.of(Phase.SUSPENDED, CatalogueStatus.PILOT)).isEqualTo(CatalogueStatus.PILOT);
        assertThat(CatalogueStatus.of(Phase.SCALING, CatalogueStatus.ONGOING)).isEqualTo(CatalogueStatus.ONGOING);
        assertThat(CatalogueStatus.of(Phase.ENDED, CatalogueStatus.PILOT)).isEqualTo(CatalogueStatus.ENDED);
    }

    /** A recorded fact as the registry publishes it and a consumer reads it back. */
    private static RecordedFact throughKafka(RecordedFact recorded) {
        ProducerRecord<String, byte[]> record = PartnershipEventCodec.record(recorded);
        return PartnershipEventCodec.decode(record.headers(), record.value());
    }

    private static Schema historySchema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(resource("/schemas/partnership-history.schema.json"));
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = SchemaTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
