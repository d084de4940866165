package org.datacollab.registry.partnership;

import org.datacollab.registry.partnership.rules.RuleViolation;

/** An imported history broke a rule at one entry: its index in {@code history}, its fact, the rule. */
public class HistoryRejected extends RuntimeException {

    private final int index;
    private final String fact;
    private final RuleViolation violation;

    public HistoryRejected(int index, String fact, RuleViolation violation) {
        super("history[" + index + "] (" + fact + "): " + violation.getMessage());
        this.index = index;
        this.fact = fact;
        this.violation = violation;
    }

    public int index() {
        return index;
    }

    public String fact() {
        return fact;
    }

    public RuleViolation violation() {
        return violation;
    }
}
