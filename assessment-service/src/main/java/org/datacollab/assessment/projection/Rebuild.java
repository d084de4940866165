package org.datacollab.assessment.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.datacollab.assessment.risk.AssessmentStore;
import org.datacollab.assessment.risk.Evaluator;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds every projection from the start of {@code partnership-events} into a fresh generation of
 * collections while the active one keeps serving; when the rebuild has caught up it stops writes to the served
 * generation ({@link ServedGeneration#switchAfter}), reads what arrived meanwhile, evaluates every partnership
 * quietly ({@link Evaluator#rebuild}), and makes the new generation active. Progress (done/total, rate, ETA) is in the API, the logs and the metrics.
 */
@Component
public class Rebuild {

    public record Progress(String state, int generation, long done, long total, double eventsPerSecond,
                           Long etaSeconds, Instant startedAt, Instant finishedAt, String error) {
    }

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);

    private final Generations generations;
    private final ServedGeneration served;
    private final Evaluator evaluator;
    private final HistoryApplier applier;
    private final String bootstrapServers;
    private final AtomicReference<Progress> progress = new AtomicReference<>(
            new Progress("IDLE", 0, 0, 0, 0, null, null, null, null));

    public Rebuild(Generations generations, ServedGeneration served, Evaluator evaluator, HistoryApplier applier, MeterRegistry meters,
                   @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.generations = generations;
        this.served = served;
        this.evaluator = evaluator;
        this.applier = applier;
        this.bootstrapServers = bootstrapServers;
        Gauge.builder("assessment.rebuild.done", progress, p -> p.get().done()).register(meters);
        Gauge.builder("assessment.rebuild.total", progress, p -> p.get().total()).register(meters);
        Gauge.builder("assessment.rebuild.rate", progress, p -> p.get().eventsPerSecond()).baseUnit("events/s").register(meters);
    }

    public Progress progress() {
        return progress.get();
    }

    /** Starts a rebuild in the background; answers false when one is running. */
    public synchronized boolean start() {
        if (progress.get().state().equals("RUNNING")) {
            return false;
        }
        int next = generations.active() + 1;
        progress.set(new Progress("RUNNING", next, 0, 0, 0, null, Instant.now(), null, null));
        Thread.ofPlatform().name("projection-rebuild").daemon().start(() -> run(next));
        return true;
    }

    private void run(int generation) {
        Instant started = Instant.now();
        HistoryStore histories = new HistoryStore(generations.database(), generation);
        AssessmentStore assessments = new AssessmentStore(generations.database(), generation);
        Set<String> refs = new LinkedHashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PARTNERSHIP_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = partitions.stream().mapToLong(p -> end.get(p) - beginning.get(p)).sum();
            long done = 0;
            Instant lastLog = Instant.now();
            while (!caughtUp(consumer, partitions, end)) {
                done += apply(consumer.poll(Duration.ofMillis(500)), histories, refs);
                report(generation, done, total, started);
                if (Duration.between(lastLog, Instant.now()).toSeconds() >= 5) {
                    Progress p = progress.get();
                    log.info("rebuild of generation {}: {}/{} events, {} events/s, ETA {} s", generation, p.done(), p.total(),
                            Math.round(p.eventsPerSecond()), p.etaSeconds());
                    lastLog = Instant.now();
                }
            }
            long[] caughtUp = {done};
            served.switchAfter(() -> {
                Map<TopicPartition, Long> now = consumer.endOffsets(partitions);
                while (!caughtUp(consumer, partitions, now)) {
                    caughtUp[0] += apply(consumer.poll(Duration.ofMillis(200)), histories, refs);
                }
                refs.addAll(histories.refs());
                for (String ref : refs) {
                    evaluator.rebuild(ref, histories, assessments);
                }
                generations.activate(generation);
                return generation;
            });
            done = caughtUp[0];
            double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            progress.set(new Progress("DONE", generation, done, Math.max(total, done), done / seconds, 0L, started, Instant.now(), null));
            log.info("rebuild of generation {} done: {} events in {} s ({} events/s); generation {} is active",
                    generation, done, seconds, Math.round(done / seconds), generation);
        } catch (RuntimeException e) {
            log.error("rebuild of generation {} failed; generation {} keeps serving", generation, generations.active(), e);
            Progress p = progress.get();
            progress.set(new Progress("FAILED", generation, p.done(), p.total(), p.eventsPerSecond(), null, started, Instant.now(), e.getMessage()));
        }
    }

    private long apply(ConsumerRecords<String, byte[]> records, HistoryStore histories, Set<String> refs) {
        List<RecordedFact> events = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            RecordedFact event = PartnershipEventCodec.decode(record.value());
            events.add(event);
            refs.add(event.ref());
        }
        applier.apply(histories, events);
        return events.size();
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
    }

    private void report(int generation, long done, long total, Instant started) {
        double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        double rate = done / seconds;
        Long eta = rate > 0 ? Math.round(Math.max(0, total - done) / rate) : null;
        progress.set(new Progress("RUNNING", generation, done, total, rate, eta, started, null, null));
    }
}
