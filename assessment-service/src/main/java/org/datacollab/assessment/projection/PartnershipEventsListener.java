package org.datacollab.assessment.projection;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.datacollab.assessment.risk.Evaluator;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.security.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code partnership-events} to the served generation's histories ({@link HistoryApplier}: idempotent, without
 * gaps) and evaluates each partnership once its commit is complete.
 */
@Component
public class PartnershipEventsListener {

    private static final Logger log = LoggerFactory.getLogger(PartnershipEventsListener.class);

    private final HistoryStore histories;
    private final HistoryApplier applier;
    private final Evaluator evaluator;
    private final ServedGeneration served;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    public PartnershipEventsListener(HistoryStore histories, HistoryApplier applier, Evaluator evaluator, ServedGeneration served,
                                     ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.histories = histories;
        this.applier = applier;
        this.evaluator = evaluator;
        this.served = served;
        this.tracer = tracer;
        this.propagator = propagator;
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

    /** Applies and evaluates each partnership of the batch; answers the earliest failure, or null. */
    private Failure process(List<RecordedFact> events, Map<String, String> traces) {
        Map<String, List<Integer>> byRef = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byRef.computeIfAbsent(events.get(i).ref(), r -> new ArrayList<>()).add(i);
        }
        Failure failure = null;
        for (var group : byRef.entrySet()) {
            String ref = group.getKey();
            List<Integer> indexes = group.getValue();
            // a failure to apply is the group's first record's; a failure to evaluate, its last one's
            int at = indexes.getFirst();
            try {
                if (applier.apply(histories, ref, indexes.stream().map(events::get).toList())) {
                    at = indexes.getLast();
                    evaluate(ref, traces.get(ref));
                }
            } catch (RuntimeException e) {
                log.warn("could not process {} (record {} of the batch): {}", ref, at, e.toString());
                if (failure == null || at < failure.index()) {
                    failure = new Failure(at, e);
                }
            }
        }
        return failure;
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
