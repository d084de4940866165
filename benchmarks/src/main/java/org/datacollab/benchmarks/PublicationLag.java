package org.datacollab.benchmarks;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publication lag at 100 facts/s: from a fact's append (its event's time) to its record read from
 * {@code partnership-events} by a consumer of the benchmark's own; against a plain producer's records at the
 * same rate, from send to the same consumer's read, in the same run.
 */
final class PublicationLag {

    static void measure(Calls calls, Size size, Report report) throws Exception {
        String registry = calls.stack().url("registry-service");
        String run = UUID.randomUUID().toString().substring(0, 6);
        int total = 100 * size.steadySeconds();
        Stats lag = new Stats();
        AtomicBoolean listening = new AtomicBoolean(true);
        KafkaConsumer<String, byte[]> consumer = Kafka.fromNow(calls.stack(), Topics.PARTNERSHIP_EVENTS);
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (consumer) {
                while (listening.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        if (record.key() != null && record.key().startsWith("lag-" + run)) {
                            RecordedFact fact = PartnershipEventCodec.decode(record);
                            lag.add(Duration.between(fact.recordedAt(), Instant.now()).toNanos() / 1e6);
                        }
                    }
                }
            }
        });
        for (int p = 0; p < 16; p++) {
            Calls.post(registry + "/partnerships", calls.internal(), """
                    {"ref":"lag-%s-%d","name":"Lag","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g",
                     "occurredAt":"2024-01-01"}""".formatted(run, p));
        }
        int before = lag.count();
        Steady.Achieved achieved = Steady.run(100, total, i -> Calls.post(registry + "/partnerships/lag-" + run + "-" + (i % 16) + "/facts",
                calls.internal(), "{\"fact\":\"DriverObserved\",\"occurredAt\":\"2024-01-02\",\"driver\":\"URGENCY\",\"note\":\"%d\"}".formatted(i)));
        Kafka.awaitCount(lag, before + total, Duration.ofSeconds(120));
        listening.set(false);
        reader.join();
        Stats facts = lag.from(before);
        Stats raw = Kafka.rawLatency(calls.stack(), 100, total);
        report.latency("publication lag (append -> on partnership-events), %.0f facts/s achieved".formatted(achieved.rate()),
                facts, raw, "plain producer send -> read, 100/s", 1000);
    }

    private PublicationLag() {
    }
}
