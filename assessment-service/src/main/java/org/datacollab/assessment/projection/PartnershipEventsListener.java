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
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

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

    public PartnershipEventsListener(HistoryStore histories, RegistryClient registry, Evaluator evaluator, MeterRegistry meters,
                                     @org.springframework.context.annotation.Lazy Rebuild rebuild) {
        this.rebuild = rebuild;
        this.histories = histories;
        this.registry = registry;
        this.evaluator = evaluator;
        this.applied = meters.counter("assessment.events", "outcome", "applied");
        this.duplicates = meters.counter("assessment.events", "outcome", "duplicate");
        this.repaired = meters.counter("assessment.events", "outcome", "repaired");
    }

    @KafkaListener(topics = Topics.PARTNERSHIP_EVENTS, groupId = "${datacollab.assessment.group:assessment}")
    public void on(ConsumerRecord<String, byte[]> record) {
        RecordedFact event = PartnershipEventCodec.decode(record.value());
        var lock = rebuild.liveLock();
        lock.lock();
        try {
            apply(event);
        } finally {
            lock.unlock();
        }
    }

    public void apply(RecordedFact event) {
        OptionalLong last = histories.lastSequence(event.ref());
        long lastApplied = last.orElse(-1);
        if (event.sequenceNumber() <= lastApplied) {
            duplicates.increment();
            log.debug("duplicate {} #{} of {} ignored", event.fact().factName(), event.sequenceNumber(), event.ref());
            return;
        }
        if (event.sequenceNumber() > lastApplied + 1) {
            log.warn("gap in {}: last applied #{}, received #{}; reading the missing facts from the registry",
                    event.ref(), lastApplied, event.sequenceNumber());
            for (RecordedFact missing : registry.facts(event.ref(), lastApplied, event.sequenceNumber())) {
                histories.append(missing);
                repaired.increment();
            }
            if (histories.lastSequence(event.ref()).orElse(-1) != event.sequenceNumber() - 1) {
                throw new IllegalStateException("the registry did not return the facts missing before #"
                        + event.sequenceNumber() + " of " + event.ref());
            }
        }
        histories.append(event);
        applied.increment();
        if (event.endsCommit()) {
            evaluator.evaluate(event.ref());
        }
    }
}
