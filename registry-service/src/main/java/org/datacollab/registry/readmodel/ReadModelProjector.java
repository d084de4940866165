package org.datacollab.registry.readmodel;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.registry.partnership.CallerMetaData;
import org.springframework.stereotype.Component;

/**
 * Projects every partnership's summary into this instance's {@link SearchIndex}, from the event store, by a
 * tracking processor of its own whose token is kept in memory: each instance reads the whole store when it
 * starts (by position, key lookups only) and then follows it, so that every instance answers search from
 * memory and no database query depends on the number of partnerships (docs/decisions/0021). Idempotent: a
 * fact at or below a summary's version changes nothing.
 */
@Component
@ProcessingGroup(ReadModelProjector.PROCESSING_GROUP)
public class ReadModelProjector {

    public static final String PROCESSING_GROUP = "read-models";

    private final SearchIndex index;

    public ReadModelProjector(SearchIndex index) {
        this.index = index;
    }

    @EventHandler
    public void on(PartnershipFact fact, DomainEventMessage<PartnershipFact> message) {
        String ref = message.getAggregateIdentifier();
        PartnershipSummary summary = index.get(ref).orElse(null);
        if (fact instanceof PartnershipFormed formed) {
            if (summary == null) {
                index.put(PartnershipSummary.formed(formed, (String) message.getMetaData().get(CallerMetaData.RECORDED_BY),
                        message.getTimestamp()));
            }
            return;
        }
        if (summary != null) {
            PartnershipSummary next = summary.with(fact, message.getSequenceNumber(), message.getTimestamp());
            if (next != summary) {
                index.put(next);
            }
        }
    }

    @ResetHandler
    public void reset() {
        index.clear();
    }
}
