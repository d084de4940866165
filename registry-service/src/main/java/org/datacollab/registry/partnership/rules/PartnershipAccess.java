package org.datacollab.registry.partnership.rules;

import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.security.Caller;

import java.util.List;

/**
 * Who may record a fact for a partnership (docs/security.md): a caller whose organization is a partner or the
 * steward (the organization that formed it) and that holds STEWARD; a caller that may not even see the partnership
 * is told it does not exist. A description is the steward's (or an ADMIN's) to record, not every partner's
 * (catalogue.md).
 */
public final class PartnershipAccess {

    private PartnershipAccess() {
    }

    /**
     * Whether the caller may see the partnership whose facts these are (in recorded order): a partner (now), the
     * steward (the recorder of PartnershipFormed), or a monitor of its jurisdiction. No facts: nothing to see.
     */
    public static boolean visible(List<RecordedFact> facts, Caller caller) {
        if (facts.isEmpty()) {
            return false;
        }
        PartnershipState state = PartnershipState.replay(facts.stream().map(RecordedFact::fact).toList());
        String jurisdiction = state.formed() == null ? null : state.formed().jurisdiction();
        return caller.maySee(state.partners().keySet(), facts.getFirst().recordedBy(), jurisdiction);
    }

    /** Throws {@link AccessRefused} unless {@code caller} may record {@code fact}; a command without a caller (the system's) may. */
    public static void authorize(Caller caller, String ref, PartnershipState state, String steward, PartnershipFact fact) {
        if (caller == null) {
            return;
        }
        var partners = state.partners().keySet();
        String jurisdiction = state.formed() == null ? null : state.formed().jurisdiction();
        if (!caller.maySee(partners, steward, jurisdiction)) {
            throw AccessRefused.notVisible(ref);
        }
        if (!caller.mayRecord(partners, steward)) {
            throw AccessRefused.notPermitted(ref, "Recording facts for '" + ref + "' takes the STEWARD role for one of its partners"
                    + " or for its steward organization; this key has " + caller.roles() + " for '" + caller.organization() + "'.");
        }
        if (fact instanceof PartnershipDescribed && !caller.mayRecord(List.of(), steward)) {
            throw AccessRefused.notPermitted(ref, "Describing '" + ref + "' for the catalogue takes the STEWARD role for its steward"
                    + " organization ('" + steward + "') or ADMIN; this key has " + caller.roles() + " for '" + caller.organization() + "'.");
        }
    }
}
