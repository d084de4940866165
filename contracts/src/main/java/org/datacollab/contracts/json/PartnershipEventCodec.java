package org.datacollab.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.RecordedFact;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Recorded facts as CloudEvents 1.0 on {@code partnership-events}, by the Kafka protocol binding in structured
 * mode ({@link CloudEventsKafka}): {@code id} the event's id, {@code type} {@value #TYPE_PREFIX}&lt;FactName&gt;,
 * {@code subject} and {@code partitionkey} (the record's key) the partnership's ref, {@code time} the fact's
 * occurredAt, and the extensions {@code sequencenumber}, {@code recordedat}, {@code commitindex} and
 * {@code commitsize} (the fact's place in the commit that recorded it).
 */
public final class PartnershipEventCodec {

    public static final String TYPE_PREFIX = "org.datacollab.partnership.";
    public static final URI SOURCE = URI.create("urn:datacollab:registry");
    public static final String SEQUENCE_NUMBER = "sequencenumber";
    public static final String RECORDED_AT = "recordedat";
    public static final String COMMIT_INDEX = "commitindex";
    public static final String COMMIT_SIZE = "commitsize";
    /** The organization whose key recorded the fact (absent when unknown). */
    public static final String RECORDED_BY = "recordedby";

    private PartnershipEventCodec() {
    }

    /** The record that publishes a recorded fact. */
    public static ProducerRecord<String, byte[]> record(RecordedFact recorded) {
        return record(recorded, null);
    }

    /** With the W3C trace context of the request that recorded the fact (CloudEvents extension traceparent). */
    public static ProducerRecord<String, byte[]> record(RecordedFact recorded, String traceparent) {
        return CloudEventsKafka.record(Topics.PARTNERSHIP_EVENTS, event(recorded, traceparent));
    }

    private static CloudEvent event(RecordedFact recorded, String traceparent) {
        PartnershipFact fact = recorded.fact();
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(recorded.eventId())
                .withSource(SOURCE)
                .withType(TYPE_PREFIX + fact.factName())
                .withSubject(recorded.ref())
                .withTime(fact.occurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(ContractJson.write(fact))
                .withExtension(CloudEventsKafka.PARTITION_KEY, recorded.ref())
                .withExtension(SEQUENCE_NUMBER, recorded.sequenceNumber())
                .withExtension(RECORDED_AT, recorded.recordedAt().toString())
                .withExtension(COMMIT_INDEX, recorded.commitIndex())
                .withExtension(COMMIT_SIZE, recorded.commitSize());
        if (traceparent != null) {
            builder.withExtension(Tracing.TRACEPARENT, traceparent);
        }
        if (recorded.recordedBy() != null) {
            builder.withExtension(RECORDED_BY, recorded.recordedBy());
        }
        return builder.build();
    }

    /** The trace context a record's event carries, or null. */
    public static String traceparent(ConsumerRecord<String, byte[]> record) {
        Object value = CloudEventsKafka.read(record.headers(), record.value()).getExtension(Tracing.TRACEPARENT);
        return value == null ? null : String.valueOf(value);
    }

    private static int intExtension(CloudEvent event, String name, int absent) {
        Object value = event.getExtension(name);
        return value == null ? absent : Integer.parseInt(String.valueOf(value));
    }

    /** The recorded fact a record carries (in any mode the binding allows, or as written before it was followed). */
    public static RecordedFact decode(ConsumerRecord<String, byte[]> record) {
        return decode(record.headers(), record.value());
    }

    public static RecordedFact decode(Headers headers, byte[] value) {
        CloudEvent event = CloudEventsKafka.read(headers, value);
        String type = event.getType();
        if (!type.startsWith(TYPE_PREFIX)) {
            throw new IllegalArgumentException("not a partnership event: " + type);
        }
        try {
            JsonNode data = ContractJson.mapper().readTree(event.getData().toBytes());
            PartnershipFact fact = ContractJson.factFromJson(type.substring(TYPE_PREFIX.length()), data);
            Object sequence = event.getExtension(SEQUENCE_NUMBER);
            Object recordedAt = event.getExtension(RECORDED_AT);
            return new RecordedFact(event.getId(), event.getSubject(), Long.parseLong(String.valueOf(sequence)),
                    Instant.parse(String.valueOf(recordedAt)), fact,
                    intExtension(event, COMMIT_INDEX, 0), intExtension(event, COMMIT_SIZE, 1),
                    event.getExtension(RECORDED_BY) == null ? null : String.valueOf(event.getExtension(RECORDED_BY)));
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed data in event " + event.getId(), e);
        }
    }
}
