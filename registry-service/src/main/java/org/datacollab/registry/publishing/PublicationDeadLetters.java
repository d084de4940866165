package org.datacollab.registry.publishing;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.Topics;
import org.datacollab.deadletter.DeadLetterRecoverer;
import org.datacollab.deadletter.DeadLetterSettings;
import org.datacollab.deadletter.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The publication's poison, set aside the way the consumers set theirs aside (decision 0032): an event that Kafka
 * refuses for a reason of its own (too large for the topic, say) is tried {@code attempts} times, then written to
 * {@code registry.dead-letters} with the headers spring-kafka's recoverer writes (origin topic, exception) and its
 * sequence number, by reference (no value) when the record itself is too large to carry, and publication goes on
 * with the events behind it. An unreachable Kafka is never this: publication waits for it.
 */
@Component
public class PublicationDeadLetters {

    /** Header naming the partnership's sequence number of the event set aside (its key names the partnership). */
    public static final String SEQUENCE_NUMBER = "datacollab-sequence-number";
    private static final Logger log = LoggerFactory.getLogger(PublicationDeadLetters.class);
    private static final int MAX_MESSAGE = 1000;

    private final KafkaTemplate<String, byte[]> kafka;
    private final DeadLetterSettings settings;
    private final MeterRegistry meters;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    public PublicationDeadLetters(KafkaTemplate<String, byte[]> kafka, DeadLetterSettings settings, MeterRegistry meters) {
        this.kafka = kafka;
        this.settings = settings;
        this.meters = meters;
    }

    /** The event was published: its earlier failures are forgotten. */
    void published(String eventId) {
        failures.remove(eventId);
    }

    /**
     * Decides about a failed publication: true when the event was set aside (publication goes on), false when it
     * is to be retried (a dependency's failure, or attempts left).
     */
    boolean setAsideAfter(Exception failure, RecordedFact recorded, ProducerRecord<String, byte[]> record) throws Exception {
        if (Failures.dependencyUnreachable(failure)) {
            return false;
        }
        int attempts = failures.merge(recorded.eventId(), 1, Integer::sum);
        if (attempts < settings.attempts()) {
            log.warn("publishing #{} of {} failed ({} of {} attempts): {}", recorded.sequenceNumber(), recorded.ref(), attempts,
                    settings.attempts(), Failures.rootOf(failure).toString());
            return false;
        }
        Throwable root = Failures.rootOf(failure);
        RecordHeaders headers = new RecordHeaders();
        byte[] value = record == null ? null : record.value();
        if (record != null) {
            record.headers().forEach(headers::add);
        }
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(Topics.PARTNERSHIP_EVENTS));
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, bytes(root.getClass().getName()));
        String message = String.valueOf(root.getMessage());
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, bytes(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message));
        headers.add(SEQUENCE_NUMBER, bytes(String.valueOf(recorded.sequenceNumber())));
        if (value != null && value.length > settings.referenceAbove().toBytes()) {
            headers.add(DeadLetterRecoverer.REFERENCE, bytes(String.valueOf(value.length)));
            value = null;
        }
        kafka.send(new ProducerRecord<>(settings.topic(), null, recorded.ref(), value, headers))
                .get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        failures.remove(recorded.eventId());
        meters.counter("datacollab.dead.letters", "topic", Topics.PARTNERSHIP_EVENTS).increment();
        log.error("set aside #{} of {} on {}: it cannot be published ({})", recorded.sequenceNumber(), recorded.ref(), settings.topic(), root.toString());
        return true;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
