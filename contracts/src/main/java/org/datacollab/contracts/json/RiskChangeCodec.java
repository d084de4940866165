package org.datacollab.contracts.json;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.risk.RiskCleared;
import org.datacollab.contracts.risk.RiskEscalated;
import org.datacollab.contracts.risk.RiskLowered;
import org.datacollab.contracts.risk.RiskRaised;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Risk changes as CloudEvents 1.0 on {@code sustainability-risks}, by the Kafka protocol binding in structured
 * mode ({@link CloudEventsKafka}), keyed by the partnership's ref (the {@code partitionkey}). The id is
 * deterministic (see {@link #eventId(RiskChange, long)}) so that a change announced twice is recognisably the
 * same change, and two different changes never share one.
 */
public final class RiskChangeCodec {

    public static final String TYPE_PREFIX = "org.datacollab.risk.";
    public static final URI SOURCE = URI.create("urn:datacollab:assessment");

    private static final Map<String, Class<? extends RiskChange>> TYPES = Map.of(
            "RiskRaised", RiskRaised.class, "RiskEscalated", RiskEscalated.class,
            "RiskLowered", RiskLowered.class, "RiskCleared", RiskCleared.class);

    private RiskChangeCodec() {
    }

    /**
     * The id of a change found by evaluating a partnership's history up to its fact {@code lastSequenceNumber}:
     * the same history, day and levels always give the same id (a redelivery, a rebuild), and two changes of one
     * day differ in the fact they follow (LOW to HIGH, back and again on one day are two announcements).
     */
    public static String eventId(RiskChange change, long lastSequenceNumber) {
        return change.ref() + "/" + change.changedAt() + "/" + lastSequenceNumber + "/" + change.from() + "-" + change.to();
    }

    /**
     * The id of a change published without a history behind it (tests, benchmarks): its partnership, day and
     * levels. Evaluations use {@link #eventId(RiskChange, long)}.
     */
    public static String eventId(RiskChange change) {
        return change.ref() + "/" + change.changedAt() + "/" + change.from() + "-" + change.to();
    }

    /** The record that announces a risk change, with the id {@link #eventId(RiskChange)} (tests, benchmarks). */
    public static ProducerRecord<String, byte[]> record(RiskChange change) {
        return record(change, eventId(change), null);
    }

    /**
     * With the W3C trace context of the evaluation that announced the change (the CloudEvents distributed
     * tracing extension {@code traceparent}), so that the notification continues the same trace.
     */
    public static ProducerRecord<String, byte[]> record(RiskChange change, String id, String traceparent) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(SOURCE)
                .withType(TYPE_PREFIX + change.changeName())
                .withSubject(change.ref())
                .withTime(change.changedAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(ContractJson.write(change))
                .withExtension(CloudEventsKafka.PARTITION_KEY, change.ref());
        if (traceparent != null) {
            builder.withExtension(Tracing.TRACEPARENT, traceparent);
        }
        return CloudEventsKafka.record(Topics.SUSTAINABILITY_RISKS, builder.build());
    }

    public record Decoded(String id, RiskChange change, String traceparent) {
        public Decoded(String id, RiskChange change) {
            this(id, change, null);
        }
    }

    /** The risk change a record carries (in any mode the binding allows, or as written before it was followed). */
    public static Decoded decode(ConsumerRecord<String, byte[]> record) {
        return decode(record.headers(), record.value());
    }

    public static Decoded decode(Headers headers, byte[] value) {
        CloudEvent event = CloudEventsKafka.read(headers, value);
        String name = event.getType().substring(TYPE_PREFIX.length());
        Class<? extends RiskChange> type = TYPES.get(name);
        if (type == null) {
            throw new IllegalArgumentException("not a risk change: " + event.getType());
        }
        Object traceparent = event.getExtension(Tracing.TRACEPARENT);
        return new Decoded(event.getId(), ContractJson.read(event.getData().toBytes(), type),
                traceparent == null ? null : String.valueOf(traceparent));
    }
}
