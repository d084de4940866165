package org.datacollab.registry.partnership;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;

import java.util.List;

/** The commands of the Partnership aggregate. Partnerships are identified by their ref. */
public final class Commands {

    private Commands() {
    }

    /** Form a new partnership; it starts in FORMING. */
    public record FormPartnership(@TargetAggregateIdentifier String ref, PartnershipFormed formed) {
    }

    /**
     * Record one fact of DOMAIN.md section 3 about an existing partnership. {@code expectedVersion}, when
     * given, is the sequence number of the last fact the client saw (optimistic concurrency, If-Match).
     */
    public record RecordFact(@TargetAggregateIdentifier String ref, PartnershipFact fact,
                             @TargetAggregateVersion Long expectedVersion) {
    }

    /** Record a whole history (formation first) as one commit: every fact or none. */
    public record ImportHistory(@TargetAggregateIdentifier String ref, PartnershipFormed formed, List<PartnershipFact> history) {
    }
}
