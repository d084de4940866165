package org.datacollab.registry.partnership.rules;

import org.datacollab.contracts.facts.PartnershipFact;

import java.time.Instant;

/**
 * One lifecycle rule, named by the slug of the problem it answers with ({@code delivery-needs-provider}). It looks at
 * what is known and the requested fact and throws the {@link RuleViolation} that refuses it, or does nothing. A rule
 * that needs something to exist first (the agreement an AgreementEnded ends) says {@code unknown-...} when it does not.
 */
record Policy(String rule, Check check) {

    @FunctionalInterface
    interface Check {
        void check(PartnershipState state, PartnershipFact requested, Instant now);
    }

    static Policy of(String rule, Check check) {
        return new Policy(rule, check);
    }

    void check(PartnershipState state, PartnershipFact requested, Instant now) {
        check.check(state, requested, now);
    }
}
