package org.datacollab.registry.partnership.rules;

import org.datacollab.contracts.facts.ModelReclassified;
import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.facts.PhaseChanged;
import org.datacollab.lifecycle.Transitions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * DOMAIN.md section 4 as one decision: given what is known and a requested fact, the facts to record (the fact
 * itself, completed, and any phase change the registry makes itself, {@link Transitions}), or the
 * {@link RuleViolation} of the first rule it breaks: its values ({@link FieldRules}), then the lifecycle
 * ({@link LifecyclePolicies}). Pure: no I/O, "now" is a parameter.
 */
public final class LifecycleRules {

    private LifecycleRules() {
    }

    public static List<PartnershipFact> decide(PartnershipState state, PartnershipFact requested, Instant now) {
        FieldRules.check(requested);
        LifecyclePolicies.ALL.forEach(policy -> policy.check(state, requested, now));
        if (requested instanceof PartnershipFormed) {
            return List.of(requested);
        }
        List<PartnershipFact> decided = new ArrayList<>();
        decided.add(complete(state, requested));
        Transitions.automaticPhaseChange(state.phase(), requested).ifPresent(decided::add);
        return decided;
    }

    /** Fills in what the registry knows ({@code from} fields) and a description's normal form. */
    private static PartnershipFact complete(PartnershipState s, PartnershipFact fact) {
        return switch (fact) {
            case ModelReclassified f -> new ModelReclassified(f.occurredAt(), s.model(), f.to(), f.reason());
            case PhaseChanged f -> new PhaseChanged(f.occurredAt(), s.phase(), f.to(), f.reason());
            case PartnershipDescribed f -> DescriptionRules.normal(f);
            default -> fact;
        };
    }
}
