package org.datacollab.assessment.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.datacollab.assessment.risk.Evaluator;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code partnership-events} to the history projection, idempotently: an event at or below the
 * partnership's last applied sequence number changes nothing; an event beyond the next one first repairs the
 * gap from the registry's API. The partnership is evaluated once its commit is complete.
 */
@Component
public class PartnershipEventsListener {

    private static final Logger log = LoggerFactory.getLogger(PartnershipEventsListener.class);

    private final HistoryStore histories;
    private final RegistryClient registry;
    private final Evaluator evaluator;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter repaired;
    private final Rebuild rebuild;

    private final org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer;
    private final org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator;

    public PartnershipEventsListener(HistoryStore histories, RegistryClient registry, Evaluator evaluator, MeterRegistry meters,
                                     @org.springframework.context.annotation.Lazy Rebuild rebuild,
                                     org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer,
                                     org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.rebuild = rebuild;
        this.histories = histories;
        this.registry = registry;
        this.evaluator = evaluator;
        this.applied = meters.counter("assessment.events", "outcome", "applied");
        this.duplicates = meters.counter("assessment.events", "outcome", "duplicate");
        this.repaired = meters.counter("assessment.events", "outcome", "repaired");
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
                events.add(PartnershipEventCodec.decode(record.value()));
            } catch (RuntimeException e) {
                undecodable = e;
                break;
            }
        }
        // the trace of the request that recorded each partnership's latest fact, continued by its evaluation
        Map<String, String> traces = new java.util.HashMap<>();
        records.subList(0, events.size()).forEach(r -> {
            String traceparent = PartnershipEventCodec.traceparent(r.value());
            if (traceparent != null) {
                traces.put(r.key(), traceparent);
            }
        });
        Map<String, List<Integer>> byRef = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byRef.computeIfAbsent(events.get(i).ref(), r -> new ArrayList<>()).add(i);
        }
        int failedAt = Integer.MAX_VALUE;
        RuntimeException failure = null;
        var lock = rebuild.liveLock();
        lock.lock();
        try {
            for (var group : byRef.entrySet()) {
                String ref = group.getKey();
                List<Integer> indexes = group.getValue();
                // a failure to apply is the group's first record's; a failure to evaluate, its last one's
                int at = indexes.getFirst();
                try {
                    if (apply(histories, ref, indexes.stream().map(events::get).toList())) {
                        at = indexes.getLast();
                        evaluate(ref, traces.get(ref));
                    }
                } catch (RuntimeException e) {
                    log.warn("could not process {} (record {} of the batch): {}", ref, at, e.toString());
                    if (at < failedAt) {
                        failedAt = at;
                        failure = e;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            throw new BatchListenerFailedException("partnership-events record " + failedAt + " of the batch failed", failure, failedAt);
        }
        if (undecodable != null) {
            throw new BatchListenerFailedException("partnership-events record cannot be decoded", undecodable, events.size());
        }
    }

    private void evaluate(String ref, String traceparent) {
        io.micrometer.tracing.Tracer tracer = this.tracer.getIfAvailable();
        if (tracer == null) {
            evaluator.evaluate(ref);
            return;
        }
        io.micrometer.tracing.Span span = org.datacollab.security.Traces.continueTrace(tracer, propagator.getIfAvailable(),
                traceparent, "assess " + ref);
        try (var scope = tracer.withSpan(span)) {
            log.debug("evaluating {}", ref);
            evaluator.evaluate(ref);
        } finally {
            span.end();
        }
    }

    /** Applies one event (tests and single deliveries). */
    public void apply(RecordedFact event) {
        applyAll(histories, List.of(event)).forEach(evaluator::evaluate);
    }

    /**
     * Applies events to a store, idempotently and without gaps; answers the partnerships whose state is whole
     * again (their last applied fact ends its commit), to be evaluated. Shared by the live listener and the rebuild.
     */
    public List<String> applyAll(HistoryStore store, List<RecordedFact> events) {
        Map<String, List<RecordedFact>> byRef = new LinkedHashMap<>();
        events.forEach(e -> byRef.computeIfAbsent(e.ref(), r -> new ArrayList<>()).add(e));
        List<String> complete = new ArrayList<>();
        byRef.forEach((ref, received) -> {
            if (apply(store, ref, received)) {
                complete.add(ref);
            }
        });
        return complete;
    }

    /**
     * Applies one partnership's events (in order) to a store, idempotently and without gaps; true when its state is
     * whole again (its last applied fact ends its commit), to be evaluated.
     */
    boolean apply(HistoryStore store, String ref, List<RecordedFact> received) {
        long last = store.lastSequence(ref).orElse(-1);
        List<RecordedFact> next = new ArrayList<>();
        for (RecordedFact event : received) {
            if (event.sequenceNumber() <= last) {
                duplicates.increment();
                continue;
            }
            if (event.sequenceNumber() > last + 1) {
                log.warn("gap in {}: last applied #{}, received #{}; reading the missing facts from the registry",
                        ref, last, event.sequenceNumber());
                List<RecordedFact> missing = registry.facts(ref, last, event.sequenceNumber());
                if (missing.size() != event.sequenceNumber() - last - 1) {
                    throw new IllegalStateException("the registry did not return the facts missing before #"
                            + event.sequenceNumber() + " of " + ref);
                }
                next.addAll(missing);
                repaired.increment(missing.size());
            }
            next.add(event);
            last = event.sequenceNumber();
        }
        store.appendAll(ref, next);
        applied.increment(next.size());
        // evaluated when its state is whole again, also when every event was a redelivery: the batch may be a
        // retry after its evaluation failed (Kafka or MongoDB down); evaluating again announces nothing twice
        RecordedFact latest = received.getLast();
        return latest.endsCommit() && last >= latest.sequenceNumber();
    }
}
