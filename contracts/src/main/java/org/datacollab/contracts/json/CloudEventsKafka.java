package org.datacollab.contracts.json;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The CloudEvents Kafka protocol binding, as the SDK (cloudevents-kafka) implements it. Events are written in
 * structured mode: the record's value is the event in the JSON event format and its {@code content-type} header
 * is {@value JsonFormat#CONTENT_TYPE}; the record's key is the event's {@code partitionkey} (the partnership's
 * ref). Any binding-conformant reader (the SDK's {@code CloudEventDeserializer}) reads them.
 *
 * <p>Structured rather than binary mode: the value is the same self-describing JSON that the topics held before
 * the header was added, so a topic's history reads one way, and a consumer without a CloudEvents SDK still sees
 * the whole envelope (decision 0051). Records written before had no {@code content-type} header, which a
 * binding-conformant reader takes for binary mode; {@link #read} still reads them, as the structured JSON they are.
 */
public final class CloudEventsKafka {

    /** The Partitioning extension: the binding maps it to the record's key. */
    public static final String PARTITION_KEY = "partitionkey";

    private static final JsonFormat JSON = new JsonFormat();
    private static final CloudEventSerializer SERIALIZER = new CloudEventSerializer();

    static {
        SERIALIZER.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED,
                CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE), false);
    }

    private CloudEventsKafka() {
    }

    /** The record for an event on a topic: structured mode, keyed by the event's partitionkey, with its trace context as a header. */
    static ProducerRecord<String, byte[]> record(String topic, CloudEvent event) {
        Object key = event.getExtension(PARTITION_KEY);
        if (key == null) {
            throw new IllegalArgumentException("event " + event.getId() + " has no " + PARTITION_KEY);
        }
        Headers headers = new RecordHeaders();
        byte[] value = SERIALIZER.serialize(topic, headers, event);
        Object traceparent = event.getExtension(Tracing.TRACEPARENT);
        if (traceparent != null) {
            // also as the W3C trace context header that Kafka instrumentation reads
            headers.add(Tracing.TRACEPARENT, String.valueOf(traceparent).getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(topic, null, String.valueOf(key), value, headers);
    }

    /**
     * The event a record carries, in whichever mode the binding allows (structured, or binary with ce_ headers);
     * a record with neither a content-type nor a ce_specversion header is one written before the binding was
     * followed: its value is the event in structured JSON.
     */
    static CloudEvent read(Headers headers, byte[] value) {
        try {
            return KafkaMessageFactory.createReader(headers, value).toEvent();
        } catch (CloudEventRWException e) {
            if (e.getKind() == CloudEventRWException.CloudEventRWExceptionKind.UNKNOWN_ENCODING) {
                return JSON.deserialize(value);
            }
            throw e;
        }
    }
}
