package org.datacollab.lifecycle;

import org.datacollab.contracts.facts.AgreementSigned;
import org.datacollab.contracts.facts.DataDelivered;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PhaseChanged;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.contracts.vocabulary.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.datacollab.contracts.vocabulary.Phase.AGREED;
import static org.datacollab.contracts.vocabulary.Phase.FORMING;
import static org.datacollab.contracts.vocabulary.Phase.OPERATING;

/**
 * The state changes of DOMAIN.md section 4 that follow from a fact by themselves, in the one copy that both the
 * registry (which records them, deciding facts in the order they are recorded) and the assessment (which derives
 * them again, folding facts in the order they occurred) use. Each caller keeps its own order; this says only what
 * one fact does to the state it meets.
 */
public final class Transitions {

    private Transitions() {
    }

    /**
     * The phase change a fact causes by itself: the first AgreementSigned while FORMING moves the partnership to
     * AGREED, the first DataDelivered while FORMING or AGREED to OPERATING; on the day of the fact that caused it.
     */
    public static Optional<PhaseChanged> automaticPhaseChange(Phase phase, PartnershipFact fact) {
        if (fact instanceof AgreementSigned && phase == FORMING) {
            return Optional.of(new PhaseChanged(fact.occurredAt(), FORMING, AGREED, "first agreement signed"));
        }
        if (fact instanceof DataDelivered && (phase == FORMING || phase == AGREED)) {
            return Optional.of(new PhaseChanged(fact.occurredAt(), phase, OPERATING, "first data delivered"));
        }
        return Optional.empty();
    }

    /** Whether a PhaseChanged is one the registry made itself (never written in the history format). */
    public static boolean isAutomatic(PhaseChanged change) {
        return (change.from() == FORMING || change.from() == AGREED) && (change.to() == AGREED || change.to() == OPERATING);
    }

    /**
     * LeadershipChanged: {@code lead} (a current partner) gains LEAD, first among its roles, and every other partner
     * loses it; with no lead, no partner holds LEAD. Changes {@code partners} (organization ref to roles) in place.
     */
    public static void changeLead(Map<String, List<Role>> partners, String lead) {
        partners.replaceAll((ref, roles) -> {
            List<Role> next = new ArrayList<>(roles);
            next.remove(Role.LEAD);
            if (ref.equals(lead)) {
                next.addFirst(Role.LEAD);
            }
            return List.copyOf(next);
        });
    }
}
