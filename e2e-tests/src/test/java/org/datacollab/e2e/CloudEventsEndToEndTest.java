package org.datacollab.e2e;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.datacollab.contracts.json.Topics;
import org.datacollab.localstack.LocalStack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the services publish on partnership-events and sustainability-risks is read by a standard CloudEvents
 * Kafka consumer (the SDK's CloudEventDeserializer, which follows the protocol binding): every event of both
 * topics, not only this test's, has the structured-mode content-type, its key is its partitionkey and subject,
 * and its data validates against the JSON Schema its type names (contracts' schemas/&lt;Name&gt;.schema.json).
 */
class CloudEventsEndToEndTest {

    static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @Test
    void everyEventOnBothTopicsIsAConformantCloudEventWhoseDataValidates() throws Exception {
        LocalStack stack = SharedStack.get();
        RiskReachesWebhookEndToEndTest.stack = stack;
        String ref = "cloudevents-" + UUID.randomUUID().toString().substring(0, 6);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(RiskReachesWebhookEndToEndTest.post("/api/registry/partnerships", """
                {"ref":"%s","name":"Standard events","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s",
                 "intendedGoal":"g","jurisdiction":"NL-Amsterdam","occurredAt":"%s"}""".formatted(ref, today)).statusCode()).isEqualTo(201);
        assertThat(RiskReachesWebhookEndToEndTest.post("/api/registry/partnerships/" + ref + "/facts", """
                {"fact":"PartnerJoined","occurredAt":"%s","organization":{"ref":"telco","name":"Telco","sector":"PRIVATE"},
                 "roles":["LEAD","DATA_PROVIDER"]}""".formatted(today)).statusCode()).isEqualTo(201);
        assertThat(RiskReachesWebhookEndToEndTest.post("/api/registry/partnerships/" + ref + "/facts", """
                {"fact":"DataDelivered","occurredAt":"%s","provider":"telco","dataset":"d"}""".formatted(today)).statusCode()).isEqualTo(201);

        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "cloudevents-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class))) {
            consumer.subscribe(List.of(Topics.PARTNERSHIP_EVENTS, Topics.SUSTAINABILITY_RISKS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.stream().anyMatch(r -> r.topic().equals(Topics.SUSTAINABILITY_RISKS) && ref.equals(r.key()))
                        && records.stream().filter(r -> r.topic().equals(Topics.PARTNERSHIP_EVENTS) && ref.equals(r.key())).count() >= 4;
            });
        }

        Map<String, Schema> schemas = new HashMap<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            CloudEvent event = record.value();
            String where = record.topic() + "@" + record.partition() + ":" + record.offset() + " " + event.getType();
            assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8)).as(where)
                    .isEqualTo("application/cloudevents+json");
            assertThat(event.getSpecVersion().toString()).as(where).isEqualTo("1.0");
            assertThat(event.getExtension("partitionkey")).as(where).isEqualTo(record.key());
            assertThat(event.getSubject()).as(where).isEqualTo(record.key());
            assertThat(event.getDataContentType()).as(where).isEqualTo("application/json");
            String prefix = record.topic().equals(Topics.PARTNERSHIP_EVENTS) ? "org.datacollab.partnership." : "org.datacollab.risk.";
            assertThat(event.getType()).as(where).startsWith(prefix);
            Schema schema = schemas.computeIfAbsent(event.getType().substring(prefix.length()), CloudEventsEndToEndTest::schema);
            List<Error> errors = schema.validate(new String(event.getData().toBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
            assertThat(errors).as(where).isEmpty();
        }
        assertThat(records).filteredOn(r -> ref.equals(r.key())).extracting(r -> r.value().getType()).contains(
                "org.datacollab.partnership.PartnershipFormed", "org.datacollab.partnership.PartnerJoined",
                "org.datacollab.partnership.DataDelivered", "org.datacollab.partnership.PhaseChanged", "org.datacollab.risk.RiskRaised");
    }

    static Schema schema(String name) {
        try (InputStream in = CloudEventsEndToEndTest.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
            assertThat(in).as("schemas/" + name + ".schema.json").isNotNull();
            return SCHEMAS.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
