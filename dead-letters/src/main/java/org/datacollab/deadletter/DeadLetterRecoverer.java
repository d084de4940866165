package org.datacollab.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

import java.nio.charset.StandardCharsets;

/**
 * Sets a record aside on the service's dead-letter topic, as it came (key, value, headers) with spring-kafka's
 * headers naming its origin (topic, partition, offset) and the exception; a record larger than {@code
 * referenceAbove} goes by reference (header {@value #REFERENCE}, no value), to be read from its origin on replay.
 * Counts each in {@code datacollab.dead.letters} (tags: the origin topic).
 */
public class DeadLetterRecoverer extends DeadLetterPublishingRecoverer {

    /** Header of a dead letter that carries no copy of its record: read it from its origin. */
    public static final String REFERENCE = "datacollab-dead-letter-reference";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final long referenceAbove;
    private final MeterRegistry meters;

    public DeadLetterRecoverer(KafkaOperations<?, ?> template, DeadLetterSettings settings, MeterRegistry meters) {
        super(template, (record, failure) -> new TopicPartition(settings.topic(), -1));
        this.referenceAbove = settings.referenceAbove().toBytes();
        this.meters = meters;
        // the stack trace would make every dead letter large; the exception's type and message say enough
        excludeHeader(HeaderNames.HeadersToAdd.EX_STACKTRACE);
        // a dead letter that cannot be written must not be taken as written: the record is retried instead
        setFailIfSendResultIsError(true);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
        // the headers name the failure itself, not the listener's and the framework's wrappers of it
        super.accept(record, consumer, Failures.rootOf(failure) instanceof Exception root ? root : failure);
        meters.counter("datacollab.dead.letters", "topic", record.topic()).increment();
        log.error("set aside {}-{}@{} (key {}) on the dead-letter topic: {}", record.topic(), record.partition(), record.offset(),
                record.key(), Failures.rootOf(failure).toString());
    }

    @Override
    protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record, TopicPartition topicPartition,
                                                                  Headers headers, byte[] key, byte[] value) {
        Object body = value != null ? value : record.value();
        if (body instanceof byte[] bytes && bytes.length > referenceAbove) {
            headers.add(REFERENCE, String.valueOf(bytes.length).getBytes(StandardCharsets.UTF_8));
            body = null;
        }
        return new ProducerRecord<>(topicPartition.topic(), topicPartition.partition() < 0 ? null : topicPartition.partition(),
                key != null ? key : record.key(), body, headers);
    }
}
