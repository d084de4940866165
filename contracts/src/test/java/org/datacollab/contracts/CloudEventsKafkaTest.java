package org.datacollab.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.datacollab.contracts.facts.DataDelivered;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.contracts.risk.ActiveSignal;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records on partnership-events and sustainability-risks follow the CloudEvents Kafka protocol binding
 * (structured mode): the SDK's own deserializer reads them, their data validates against the schema their type
 * names, and the key is the partitionkey. Our decoders still read records written before (no content-type
 * header) and read binary-mode records as any conformant consumer does.
 */
class CloudEventsKafkaTest {

    static final RecordedFact RECORDED = new RecordedFact("e-7", "city-mobility", 7, Instant.parse("2024-02-01T00:00:00Z"),
            new DataDelivered(Instant.parse("2024-01-01T10:00:00Z"), "telco", "calls", null, 2048L), 0, 1, "open-state");
    static final RiskChange RAISED = RiskChange.between("city-mobility", "City mobility data", "NL-Amsterdam", List.of("telco"),
            "telco", RiskLevel.NONE, RiskLevel.LOW, 15, List.of(new ActiveSignal("SHARING_WITHOUT_AGREEMENT", 15, "Data flows.")),
            List.of(), Instant.parse("2024-01-01T00:00:00Z"));

    @Test
    void aRecordedFactIsAStructuredModeRecordThatTheSdkReads() throws IOException {
        ProducerRecord<String, byte[]> record = PartnershipEventCodec.record(RECORDED, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        assertThat(record.topic()).isEqualTo(Topics.PARTNERSHIP_EVENTS);
        assertThat(record.key()).isEqualTo("city-mobility");
        assertThat(header(record.headers(), "content-type")).isEqualTo("application/cloudevents+json");
        assertThat(header(record.headers(), "traceparent")).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        CloudEvent event = sdkReads(record);
        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getType()).isEqualTo("org.datacollab.partnership.DataDelivered");
        assertThat(event.getSubject()).isEqualTo("city-mobility");
        assertThat(event.getExtension("partitionkey")).isEqualTo(record.key());
        assertThat(String.valueOf(event.getExtension("sequencenumber"))).isEqualTo("7");
        assertThat(event.getExtension("traceparent")).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(schema("DataDelivered").validate(new String(event.getData().toBytes(), StandardCharsets.UTF_8), InputFormat.JSON)).isEmpty();
        assertThat(PartnershipEventCodec.decode(record.headers(), record.value())).isEqualTo(RECORDED);
    }

    @Test
    void aRiskChangeIsAStructuredModeRecordThatTheSdkReads() throws IOException {
        ProducerRecord<String, byte[]> record = RiskChangeCodec.record(RAISED);

        assertThat(record.topic()).isEqualTo(Topics.SUSTAINABILITY_RISKS);
        assertThat(record.key()).isEqualTo("city-mobility");
        assertThat(header(record.headers(), "content-type")).isEqualTo("application/cloudevents+json");
        CloudEvent event = sdkReads(record);
        assertThat(event.getType()).isEqualTo("org.datacollab.risk.RiskRaised");
        assertThat(event.getId()).isEqualTo(RiskChangeCodec.eventId(RAISED));
        assertThat(event.getExtension("partitionkey")).isEqualTo("city-mobility");
        assertThat(schema("RiskRaised").validate(new String(event.getData().toBytes(), StandardCharsets.UTF_8), InputFormat.JSON)).isEmpty();
        assertThat(RiskChangeCodec.decode(record.headers(), record.value()).change()).isEqualTo(RAISED);
    }

    @Test
    void aRecordWrittenBeforeTheBindingWasFollowedIsStillRead() {
        // exactly what the registry wrote before: the structured JSON as the value, no header, no partitionkey
        byte[] old = """
                {"specversion":"1.0","id":"e-7","source":"urn:datacollab:registry","type":"org.datacollab.partnership.DataDelivered",
                 "datacontenttype":"application/json","subject":"city-mobility","time":"2024-01-01T10:00:00Z",
                 "sequencenumber":"7","recordedat":"2024-02-01T00:00:00Z","commitindex":0,"commitsize":1,"recordedby":"open-state",
                 "data":{"occurredAt":"2024-01-01T10:00:00Z","provider":"telco","dataset":"calls","bytes":2048}}
                """.getBytes(StandardCharsets.UTF_8);

        assertThat(PartnershipEventCodec.decode(new RecordHeaders(), old)).isEqualTo(RECORDED);
        byte[] oldRisk = RiskChangeCodec.record(RAISED).value();
        assertThat(RiskChangeCodec.decode(new RecordHeaders(), oldRisk).change()).isEqualTo(RAISED);
    }

    @Test
    void aBinaryModeRecordFromAnotherProducerIsReadToo() {
        CloudEvent event = CloudEventBuilder.v1().withId("e-7").withSource(URI.create("urn:elsewhere"))
                .withType("org.datacollab.partnership.DataDelivered").withSubject("city-mobility")
                .withTime(RECORDED.fact().occurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json").withData(ContractJson.write(RECORDED.fact()))
                .withExtension("sequencenumber", 7).withExtension("recordedat", "2024-02-01T00:00:00Z")
                .withExtension("commitindex", 0).withExtension("commitsize", 1).withExtension("recordedby", "open-state").build();
        Headers headers = new RecordHeaders();
        try (CloudEventSerializer binary = new CloudEventSerializer()) {
            binary.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
            byte[] value = binary.serialize(Topics.PARTNERSHIP_EVENTS, headers, event);

            assertThat(header(headers, "ce_specversion")).isEqualTo("1.0");
            assertThat(PartnershipEventCodec.decode(headers, value)).isEqualTo(RECORDED);
        }
    }

    @Test
    void theAsyncApiDocumentDescribesTheEnvelopeAndTheHeadersTheRecordsCarry() throws IOException {
        JsonNode asyncapi;
        try (InputStream in = CloudEventsKafkaTest.class.getResourceAsStream("/asyncapi.yaml")) {
            asyncapi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        JsonNode headers = asyncapi.at("/components/messageTraits/cloudEvent/headers/properties");
        ProducerRecord<String, byte[]> fact = PartnershipEventCodec.record(RECORDED);
        ProducerRecord<String, byte[]> risk = RiskChangeCodec.record(RAISED);
        for (ProducerRecord<String, byte[]> record : List.of(fact, risk)) {
            assertThat(headers.at("/content-type/const").asText()).isEqualTo(header(record.headers(), "content-type"));
            JsonNode value = ContractJson.mapper().readTree(record.value());
            for (JsonNode required : asyncapi.at("/components/schemas/CloudEvent/required")) {
                assertThat(value.has(required.asText())).as("the envelope requires " + required.asText()).isTrue();
            }
        }
        JsonNode factValue = ContractJson.mapper().readTree(fact.value());
        for (JsonNode required : asyncapi.at("/components/schemas/PartnershipEvent/allOf/1/required")) {
            assertThat(factValue.has(required.asText())).as("a partnership event requires " + required.asText()).isTrue();
        }
        // every message on the CloudEvents channels names its envelope, its type and the schema of its data
        for (String channel : List.of("partnership-events", "sustainability-risks")) {
            asyncapi.at("/channels/" + channel + "/messages").properties().forEach(entry -> {
                JsonNode payload = asyncapi.at("/components/messages/" + entry.getKey() + "/payload/allOf");
                assertThat(payload.get(0).get("$ref").asText()).as(entry.getKey())
                        .isEqualTo(channel.equals("partnership-events") ? "#/components/schemas/PartnershipEvent" : "#/components/schemas/RiskEvent");
                assertThat(payload.get(1).at("/properties/type/const").asText()).as(entry.getKey()).endsWith("." + entry.getKey());
                String schema = payload.get(1).at("/properties/data/$ref").asText();
                assertThat(CloudEventsKafkaTest.class.getResource("/" + schema)).as(schema).isNotNull();
            });
        }
    }

    private static CloudEvent sdkReads(ProducerRecord<String, byte[]> record) {
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            return deserializer.deserialize(record.topic(), record.headers(), record.value());
        }
    }

    private static String header(Headers headers, String name) {
        return headers.lastHeader(name) == null ? null : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    static Schema schema(String name) throws IOException {
        try (InputStream in = CloudEventsKafkaTest.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
