package org.datacollab.assessment.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.util.ArrayList;
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
        int next = generations.claimNext();
        progress.set(new Progress("RUNNING", next, 0, 0, 0, null, Instant.now(), null, null));
        Thread.ofPlatform().name("projection-rebuild").daemon().start(() -> run(next));
        return true;
    }

    private void run(int generation) {
        Instant started = Instant.now();
        HistoryStore histories = new HistoryStore(generations.database(), generation);
        AssessmentStore assessments = new AssessmentStore(generations.database(), generation);
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
            long[] done = {0};
            Instant[] lastLog = {Instant.now()};
            readUpTo(consumer, partitions, end, histories, done, () -> {
                report(generation, done[0], total, started);
                if (Duration.between(lastLog[0], Instant.now()).toSeconds() >= 5) {
                    Progress p = progress.get();
                    log.info("rebuild of generation {}: {}/{} events, {} events/s, ETA {} s", generation, p.done(), p.total(),
                            Math.round(p.eventsPerSecond()), p.etaSeconds());
                    lastLog[0] = Instant.now();
                }
            });
            // every partnership quietly: the new generation takes over the levels announced so far
            for (String ref : histories.refs()) {
                rebuildQuietly(ref, histories, assessments);
            }
            // what arrived meanwhile, quietly too
            for (String ref : readUpTo(consumer, partitions, consumer.endOffsets(partitions), histories, done, () -> { })) {
                rebuildQuietly(ref, histories, assessments);
            }
            // the switch, recorded in MongoDB: every instance follows it at its next batch (within a second for reads)
            generations.activate(generation);
            served.follow();
            // what the old generation took in until then, read again into the new one and evaluated as any event is
            // (a change the old generation announced meanwhile is found again under the same id: subscribers have it)
            for (String ref : readUpTo(consumer, partitions, consumer.endOffsets(partitions), histories, done, () -> { })) {
                served.writing(() -> {
                    evaluator.evaluate(ref);
                    return null;
                });
            }
            // every partnership with a history in the new generation has its assessment there: the fault suite met one
            // whose history was read in at the edge of the passes above and never evaluated into it (its next alert was
            // then never announced); any such one is evaluated now, as any event is (a key lookup per partnership)
            List<String> repaired = new ArrayList<>();
            for (String ref : histories.refs()) {
                if (assessments.find(ref).isEmpty()) {
                    try {
                        served.writing(() -> {
                            evaluator.evaluate(ref);
                            return null;
                        });
                        if (assessments.find(ref).isPresent()) {
                            repaired.add(ref);
                        }
                    } catch (RuntimeException e) {
                        // one that cannot be evaluated at all (rebuildQuietly said so above) stays without an assessment
                        log.debug("rebuild: {} still cannot be evaluated ({})", ref, e.toString());
                    }
                }
            }
            if (!repaired.isEmpty()) {
                log.warn("rebuild of generation {}: {} partnerships had a history and no assessment after the switch, evaluated now: {}",
                        generation, repaired.size(), repaired.stream().limit(20).toList());
            }
            double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            progress.set(new Progress("DONE", generation, done[0], Math.max(total, done[0]), done[0] / seconds, 0L, started, Instant.now(), null));
            log.info("rebuild of generation {} done: {} events in {} s ({} events/s); generation {} is active",
                    generation, done[0], seconds, Math.round(done[0] / seconds), generation);
        } catch (RuntimeException e) {
            log.error("rebuild of generation {} failed; generation {} keeps serving", generation, generations.active(), e);
            Progress p = progress.get();
            progress.set(new Progress("FAILED", generation, p.done(), p.total(), p.eventsPerSecond(), null, started, Instant.now(), e.getMessage()));
        }
    }

    /** A partnership that cannot be evaluated (e.g. formed after today by this clock) is left out alone, not the rebuild. */
    private void rebuildQuietly(String ref, HistoryStore histories, AssessmentStore assessments) {
        try {
            evaluator.rebuild(ref, histories, assessments);
        } catch (RuntimeException e) {
            log.warn("rebuild: {} cannot be evaluated ({}); its history is in the new generation, its assessment is not", ref, e.toString());
        }
    }

    /** Reads the topic into the generation up to the offsets; answers the partnerships made whole, to be evaluated. */
    private Set<String> readUpTo(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end,
                                 HistoryStore histories, long[] done, Runnable afterEachPoll) {
        Set<String> whole = new LinkedHashSet<>();
        while (!caughtUp(consumer, partitions, end)) {
            List<RecordedFact> events = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                events.add(PartnershipEventCodec.decode(record));
            }
            whole.addAll(applier.apply(histories, events));
            done[0] += events.size();
            afterEachPoll.run();
        }
        return whole;
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
