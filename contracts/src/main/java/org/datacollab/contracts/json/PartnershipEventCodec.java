package org.datacollab.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.RecordedFact;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Recorded facts as CloudEvents 1.0 structured JSON: {@code id} the event's id, {@code type}
 * {@value #TYPE_PREFIX}&lt;FactName&gt;, {@code subject} the partnership's ref, {@code time} the fact's
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

    private static final EventFormat FORMAT = new JsonFormat();

    private PartnershipEventCodec() {
    }

    public static byte[] encode(RecordedFact recorded) {
        return encode(recorded, null);
    }

    /** With the W3C trace context of the request that recorded the fact (CloudEvents extension traceparent). */
    public static byte[] encode(RecordedFact recorded, String traceparent) {
        PartnershipFact fact = recorded.fact();
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(recorded.eventId())
                .withSource(SOURCE)
                .withType(TYPE_PREFIX + fact.factName())
                .withSubject(recorded.ref())
                .withTime(fact.occurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(ContractJson.write(fact))
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
        CloudEvent event = builder.build();
        return FORMAT.serialize(event);
    }

    /** The trace context an encoded event carries, or null. */
    public static String traceparent(byte[] bytes) {
        Object value = FORMAT.deserialize(bytes).getExtension(Tracing.TRACEPARENT);
        return value == null ? null : String.valueOf(value);
    }

    private static int intExtension(CloudEvent event, String name, int absent) {
        Object value = event.getExtension(name);
        return value == null ? absent : Integer.parseInt(String.valueOf(value));
    }

    public static RecordedFact decode(byte[] bytes) {
        CloudEvent event = FORMAT.deserialize(bytes);
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
