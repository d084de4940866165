package org.datacollab.registry.partnership;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;

import java.util.List;

/**
 * The commands of the Partnership aggregate. Partnerships are identified by their ref; {@code expectedVersion},
 * when given, is the version the client saw (If-Match). One command records any fact of DOMAIN.md section 3: the
 * fact itself says what is asked, and the lifecycle rules decide on it, so a new fact needs no command of its own.
 */
public final class Commands {

    private Commands() {
    }

    /** Form a new partnership; it starts in FORMING. */
    public record FormPartnership(@TargetAggregateIdentifier String ref, PartnershipFormed formed) {
    }

    /** Record a whole history (formation first) as one commit: every fact or none. */
    public record ImportHistory(@TargetAggregateIdentifier String ref, PartnershipFormed formed, List<PartnershipFact> history) {
    }

    /** Record one fact about an existing partnership (a partnership is formed with {@link FormPartnership}). */
    public record RecordFact(@TargetAggregateIdentifier String ref, PartnershipFact fact, @TargetAggregateVersion Long expectedVersion) {
        public RecordFact {
            if (fact instanceof PartnershipFormed) {
                throw new IllegalArgumentException("a partnership is formed with FormPartnership");
            }
        }
    }

    /**
     * The facts a catalogue row decides for an existing partnership (a new description, its ending), decided in
     * order and recorded as one commit: each row of a catalogue import is its own unit (catalogue.md).
     */
    public record RecordCatalogueRow(@TargetAggregateIdentifier String ref, List<PartnershipFact> facts,
                                     @TargetAggregateVersion Long expectedVersion) {
    }

    /** The command that records {@code fact}. */
    public static RecordFact recordFact(String ref, PartnershipFact fact, Long expectedVersion) {
        return new RecordFact(ref, fact, expectedVersion);
    }
}
