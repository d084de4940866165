package org.datacollab.registry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.testsupport.KafkaClients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What partnership-events carries, read by a consumer of the test's own. */
public final class PublishedFacts {

    /** The first {@code expected} facts of the partnerships the filter accepts, waiting up to a minute for them. */
    public static List<RecordedFact> await(Predicate<String> refs, int expected) {
        List<RecordedFact> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(Topics.PARTNERSHIP_EVENTS)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (received.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && refs.test(record.key())) {
                        received.add(PartnershipEventCodec.decode(record));
                    }
                }
            }
        }
        return received;
    }

    public static List<RecordedFact> await(String ref, int expected) {
        return await(ref::equals, expected);
    }

    /** Every fact of the partnership on the topic now: read from the beginning to the current end of each partition. */
    public static List<RecordedFact> all(String ref) {
        List<RecordedFact> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer()) {
            // the partitions awaited for the consumer's default API timeout (60 s), as partitionsFor(topic) does
            KafkaClients.readWhole(consumer, Topics.PARTNERSHIP_EVENTS, Duration.ofSeconds(60), Duration.ofMillis(500), record -> {
                if (ref.equals(record.key())) {
                    received.add(PartnershipEventCodec.decode(record));
                }
            });
        }
        return received;
    }

    private PublishedFacts() {
    }
}
