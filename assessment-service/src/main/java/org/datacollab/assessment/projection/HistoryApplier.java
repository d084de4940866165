package org.datacollab.assessment.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.datacollab.contracts.facts.RecordedFact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies partnership events to a history store, idempotently and without gaps: an event at or below the
 * partnership's last applied sequence number changes nothing; an event beyond the next one first reads the missing
 * facts from the registry. The live listener applies to the served generation, the rebuild to the one it fills;
 * neither knows the other. It evaluates nothing: it answers which partnerships are whole again.
 */
@Component
public class HistoryApplier {

    private static final Logger log = LoggerFactory.getLogger(HistoryApplier.class);

    private final RegistryClient registry;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter repaired;

    public HistoryApplier(RegistryClient registry, MeterRegistry meters) {
        this.registry = registry;
        this.applied = meters.counter("assessment.events", "outcome", "applied");
        this.duplicates = meters.counter("assessment.events", "outcome", "duplicate");
        this.repaired = meters.counter("assessment.events", "outcome", "repaired");
    }

    /** Applies events of any partnerships (each partnership's in the order given); answers those whole again, to be evaluated. */
    public List<String> apply(HistoryStore store, List<RecordedFact> events) {
        List<String> whole = new ArrayList<>();
        byPartnership(events).forEach((ref, received) -> {
            if (apply(store, ref, received)) {
                whole.add(ref);
            }
        });
        return whole;
    }

    /** The events grouped by partnership, in the order each partnership first appears, each group in the order given. */
    public static Map<String, List<RecordedFact>> byPartnership(List<RecordedFact> events) {
        Map<String, List<RecordedFact>> byRef = new LinkedHashMap<>();
        events.forEach(e -> byRef.computeIfAbsent(e.ref(), r -> new ArrayList<>()).add(e));
        return byRef;
    }

    /**
     * Applies one partnership's events (in order), in one write; true when its state is whole again (its last applied
     * fact ends its commit), to be evaluated: also when every event was a redelivery, since the batch may be a retry
     * after its evaluation failed (Kafka or MongoDB down), and evaluating again announces nothing twice.
     */
    public boolean apply(HistoryStore store, String ref, List<RecordedFact> received) {
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
        RecordedFact latest = received.getLast();
        return latest.endsCommit() && last >= latest.sequenceNumber();
    }
}
