package org.datacollab.deadletter;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's dead letters as they lie on its topic (read afresh, so every instance lists the same), and the
 * replays done (in MongoDB, {@code dead_letter_replays}). {@link #status()} is the summary an operator's status
 * page shows.
 */
public class DeadLetterLog {

    /** One set-aside record: where it lies, where it came from, why it failed, and whether it was replayed. */
    public record DeadLetter(String id, Instant setAsideAt, String originTopic, Integer originPartition, Long originOffset,
                             String key, String exception, String message, int size, boolean byReference, Instant replayedAt) {
    }

    /** How many records the service has set aside (still on the topic) and how many of those were replayed. */
    public record Status(String topic, long setAside, long replayed) {
    }

    private static final Duration POLL = Duration.ofMillis(500);

    private final ConsumerFactory<String, byte[]> consumers;
    private final MongoCollection<Document> replays;
    private final String topic;

    public DeadLetterLog(ConsumerFactory<String, byte[]> consumers, MongoClient mongo, String database, DeadLetterSettings settings) {
        this.consumers = consumers;
        this.replays = mongo.getDatabase(database).getCollection("dead_letter_replays");
        this.topic = settings.topic();
    }

    public String topic() {
        return topic;
    }

    /** The latest dead letters, newest first. */
    public List<DeadLetter> latest(int limit) {
        List<DeadLetter> found = new ArrayList<>();
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "dead-letters")) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            for (TopicPartition partition : partitions) {
                long from = Math.max(beginnings.get(partition), ends.get(partition) - limit);
                consumer.assign(List.of(partition));
                consumer.seek(partition, from);
                while (consumer.position(partition) < ends.get(partition)) {
                    consumer.poll(POLL).records(partition).forEach(record -> found.add(deadLetter(record)));
                }
            }
        }
        return found.stream().sorted(Comparator.comparing(DeadLetter::setAsideAt).reversed()).limit(limit).toList();
    }

    /** The dead letter with this id ({@code <partition>-<offset>}), as the record its service would have processed. */
    public Optional<ConsumerRecord<String, byte[]>> find(String id) {
        Optional<TopicPartition> partition = partition(id);
        if (partition.isEmpty()) {
            return Optional.empty();
        }
        long offset = Long.parseLong(id.substring(id.indexOf('-') + 1));
        Optional<ConsumerRecord<String, byte[]>> letter = read(partition.get(), offset);
        if (letter.isEmpty() || letter.get().headers().lastHeader(DeadLetterRecoverer.REFERENCE) == null
                || letter.get().headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET) == null) {
            // a copy, or a reference to what was never on a topic (the registry's publication): its handler finds it
            return letter;
        }
        // set aside by reference: the record is read from where it came from
        return read(new TopicPartition(text(letter.get(), KafkaHeaders.DLT_ORIGINAL_TOPIC),
                ByteBuffer.wrap(letter.get().headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt()),
                ByteBuffer.wrap(letter.get().headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong());
    }

    public void replayed(String id, String by) {
        replays.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("replayedAt", Date.from(Instant.now())).append("by", by),
                new ReplaceOptions().upsert(true));
    }

    public Status status() {
        long setAside = 0;
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "dead-letters")) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            for (TopicPartition partition : partitions) {
                setAside += ends.get(partition) - beginnings.get(partition);
            }
        }
        return new Status(topic, setAside, replays.countDocuments());
    }

    private Optional<ConsumerRecord<String, byte[]>> read(TopicPartition partition, long offset) {
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "dead-letters")) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            if (offset < consumer.beginningOffsets(List.of(partition)).get(partition) || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(partition, offset);
            while (consumer.position(partition) <= offset) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL).records(partition)) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> consumer) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private Optional<TopicPartition> partition(String id) {
        if (id == null || !id.matches("\\d{1,5}-\\d{1,19}")) {
            return Optional.empty();
        }
        return Optional.of(new TopicPartition(topic, Integer.parseInt(id.substring(0, id.indexOf('-')))));
    }

    private DeadLetter deadLetter(ConsumerRecord<String, byte[]> record) {
        String id = record.partition() + "-" + record.offset();
        Document replay = replays.find(Filters.eq("_id", id)).first();
        Header reference = record.headers().lastHeader(DeadLetterRecoverer.REFERENCE);
        Header partition = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION);
        Header offset = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET);
        return new DeadLetter(id, Instant.ofEpochMilli(record.timestamp()), text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                partition == null ? null : ByteBuffer.wrap(partition.value()).getInt(),
                offset == null ? null : ByteBuffer.wrap(offset.value()).getLong(),
                record.key(), text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN) != null
                        ? text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN) : text(record, KafkaHeaders.DLT_EXCEPTION_FQCN),
                text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                reference != null ? Integer.parseInt(new String(reference.value(), StandardCharsets.UTF_8))
                        : record.value() == null ? 0 : record.value().length,
                reference != null, replay == null ? null : replay.getDate("replayedAt").toInstant());
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        Header value = record.headers().lastHeader(header);
        return value == null ? null : new String(value.value(), StandardCharsets.UTF_8);
    }
}
