package org.datacollab.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.json.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The assessment's rebuild (every projection from partnership-events into a new generation, every partnership
 * evaluated, then the switch) against a plain consumer reading the same records, both timed from their first
 * record to their last: the consumer from its first record received to its last, the rebuild from its start to
 * its end as it reports them.
 */
final class RebuildRate {

    static void measure(Calls calls, Report report) throws Exception {
        double raw = plainConsumer(calls);
        String assessment = calls.stack().url("assessment-service") + "/admin/rebuild";
        Census census = new Census(calls).start();
        if (Calls.post(assessment, calls.internal(), "{}") != 202) {
            throw new IllegalStateException("the rebuild did not start");
        }
        JsonNode progress;
        Instant applied = null;
        do {
            Thread.sleep(1000);
            progress = ContractJson.mapper().readTree(Calls.get(assessment, calls.internal()).body());
            if (applied == null && progress.path("total").asLong() > 0 && progress.path("done").asLong() >= progress.path("total").asLong()) {
                applied = Instant.now(); // every record read and applied; what follows is evaluating each partnership
            }
        } while (progress.path("state").asText().equals("RUNNING"));
        long events = progress.path("done").asLong();
        report.note("during the rebuild: " + census.end(events, "event"));
        double seconds = Duration.between(Instant.parse(progress.path("startedAt").asText()),
                Instant.parse(progress.path("finishedAt").asText())).toMillis() / 1000.0;
        report.rate("assessment rebuild over partnership-events (%d events, %s)".formatted(events, progress.path("state").asText()),
                events / seconds, "events/s", raw, "a plain consumer, first to last record", 0.5);
        if (applied != null) {
            double reading = Duration.between(Instant.parse(progress.path("startedAt").asText()), applied).toMillis() / 1000.0;
            report.note("the rebuild read and applied the %d events in %.0f s (%.0f events/s; within a second), then evaluated every partnership and switched in %.0f s"
                    .formatted(events, reading, events / reading, seconds - reading));
        }
    }

    /** Records per second of a plain consumer from the topic's start, from its first record to its last. */
    private static double plainConsumer(Calls calls) {
        try (KafkaConsumer<String, byte[]> consumer = Kafka.consumer(calls.stack(), "bench-raw-" + UUID.randomUUID(), "earliest")) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PARTNERSHIP_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            long read = 0;
            long first = 0;
            long last = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    long now = System.nanoTime();
                    first = first == 0 ? now : first;
                    last = now;
                    read += records.count();
                }
            }
            System.out.printf("  plain consumer: %d of %d records%n", read, total);
            return read / Math.max(1e-3, (last - first) / 1e9);
        }
    }

    private RebuildRate() {
    }
}
