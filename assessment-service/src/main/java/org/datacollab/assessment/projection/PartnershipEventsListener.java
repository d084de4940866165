package org.datacollab.assessment.projection;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.datacollab.assessment.risk.Evaluator;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.security.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies {@code partnership-events} to the served generation's histories ({@link HistoryApplier}: idempotent, without
 * gaps) and evaluates each partnership once its commit is complete.
 */
@Component
@EnableConfigurationProperties(ListenerSettings.class)
public class PartnershipEventsListener {

    private static final Logger log = LoggerFactory.getLogger(PartnershipEventsListener.class);

    private final HistoryStore histories;
    private final HistoryApplier applier;
    private final Evaluator evaluator;
    private final ServedGeneration served;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    /** Where the partnerships of a batch are worked on side by side (the listener's thread waits for all of them). */
    private final ExecutorService partnerships;

    public PartnershipEventsListener(HistoryStore histories, HistoryApplier applier, Evaluator evaluator, ServedGeneration served,
                                     ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator, ListenerSettings settings) {
        this.histories = histories;
        this.applier = applier;
        this.evaluator = evaluator;
        this.served = served;
        this.tracer = tracer;
        this.propagator = propagator;
        this.partnerships = Executors.newFixedThreadPool(settings.partnershipsAtOnce(),
                Thread.ofPlatform().name("assess-", 0).daemon().factory());
    }

    @PreDestroy
    void stop() {
        partnerships.shutdownNow();
    }

    /**
     * A batch of records: grouped by partnership (each group in partition order), applied with one write per
     * partnership, and each partnership evaluated once if its last applied fact completes a commit. A record that
     * cannot be decoded, a partnership whose facts cannot be applied or evaluated, fails alone: the others are
     * processed, and the error handler retries the failing record from its place (a few times, or without end
     * while a dependency is unreachable) and then sets it aside on the dead-letter topic, going on with the
     * records behind it (decision 0032).
     */
    @KafkaListener(topics = Topics.PARTNERSHIP_EVENTS, groupId = "${datacollab.assessment.group:assessment}", batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        List<RecordedFact> events = new ArrayList<>();
        RuntimeException undecodable = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(PartnershipEventCodec.decode(record));
            } catch (RuntimeException e) {
                undecodable = e;
                break;
            }
        }
        // the trace of the request that recorded each partnership's latest fact, continued by its evaluation
        Map<String, String> traces = new HashMap<>();
        records.subList(0, events.size()).forEach(r -> {
            String traceparent = PartnershipEventCodec.traceparent(r);
            if (traceparent != null) {
                traces.put(r.key(), traceparent);
            }
        });
        // written to the generation active when the batch ends: a batch written while another instance's rebuild
        // switched generations is written again to the new one (idempotent; announcements keep their ids)
        Processed processed;
        do {
            served.follow();
            processed = served.writing(() -> new Processed(served.generation(), process(events, traces)));
        } while (!served.stillActive(processed.generation()));
        Failure failure = processed.failure();
        if (failure != null) {
            throw new BatchListenerFailedException("partnership-events record " + failure.index() + " of the batch failed",
                    failure.cause(), failure.index());
        }
        if (undecodable != null) {
            throw new BatchListenerFailedException("partnership-events record cannot be decoded", undecodable, events.size());
        }
    }

    /** A batch written to a generation, and its first failure (or null). */
    private record Processed(int generation, Failure failure) {
    }

    /** The first record of the batch that failed, and why. */
    private record Failure(int index, RuntimeException cause) {
    }

    /**
     * Applies and evaluates each partnership of the batch, several side by side (each partnership's events in order,
     * by one thread); answers the earliest failure, or null.
     */
    private Failure process(List<RecordedFact> events, Map<String, String> traces) {
        Map<String, List<Integer>> byRef = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byRef.computeIfAbsent(events.get(i).ref(), r -> new ArrayList<>()).add(i);
        }
        List<Future<Failure>> outcomes = new ArrayList<>();
        for (var group : byRef.entrySet()) {
            outcomes.add(partnerships.submit(() -> process(group.getKey(), group.getValue(), events, traces.get(group.getKey()))));
        }
        Failure failure = null;
        for (Future<Failure> outcome : outcomes) {
            Failure failed = outcome(outcome);
            if (failed != null && (failure == null || failed.index() < failure.index())) {
                failure = failed;
            }
        }
        return failure;
    }

    /** One partnership's events of the batch: applied, then evaluated when whole; its failure, or null. */
    private Failure process(String ref, List<Integer> indexes, List<RecordedFact> events, String traceparent) {
        // a failure to apply is the group's first record's; a failure to evaluate, its last one's
        int at = indexes.getFirst();
        try {
            if (applier.apply(histories, ref, indexes.stream().map(events::get).toList())) {
                at = indexes.getLast();
                evaluate(ref, traceparent);
            }
            return null;
        } catch (RuntimeException e) {
            log.warn("could not process {} (record {} of the batch): {}", ref, at, e.toString());
            return new Failure(at, e);
        }
    }

    private static Failure outcome(Future<Failure> outcome) {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the batch's partnerships were processed", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a partnership of the batch could not be processed", e.getCause());
        }
    }

    private void evaluate(String ref, String traceparent) {
        Traces.continued(tracer.getIfAvailable(), propagator.getIfAvailable(), traceparent, "assess " + ref, () -> {
            log.debug("evaluating {}", ref);
            evaluator.evaluate(ref);
        });
    }

    /** Applies one event and evaluates its partnership when whole (tests, and records handed over one by one). */
    public void apply(RecordedFact event) {
        served.writing(() -> {
            applier.apply(histories, List.of(event)).forEach(evaluator::evaluate);
            return null;
        });
    }
}
