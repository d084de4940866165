package org.datacollab.registry.partnership.rules;

/**
 * A request with an invalid value (400), that breaks a rule of DOMAIN.md section 4 (409) or that makes no
 * sense (422). It names the rule
 * (a stable slug, documented in docs/problems.md), the field at fault and says why in words a person
 * understands. Nothing is recorded when one is thrown.
 */
public class RuleViolation extends RuntimeException {

    public enum Kind { INVALID, CONFLICT, UNPROCESSABLE }

    private final Kind kind;
    private final String rule;
    private final String field;
    private final Long limit;

    public RuleViolation(Kind kind, String rule, String field, String message) {
        this(kind, rule, field, message, null);
    }

    public RuleViolation(Kind kind, String rule, String field, String message, Long limit) {
        super(message);
        this.kind = kind;
        this.rule = rule;
        this.field = field;
        this.limit = limit;
    }

    /** The bound a value went beyond (characters, items, the latest year), when the rule is one of docs/problems.md's limits. */
    public Long limit() {
        return limit;
    }

    public static RuleViolation invalid(String rule, String field, String message) {
        return new RuleViolation(Kind.INVALID, rule, field, message);
    }

    public static RuleViolation conflict(String rule, String field, String message) {
        return new RuleViolation(Kind.CONFLICT, rule, field, message);
    }

    public static RuleViolation unprocessable(String rule, String field, String message) {
        return new RuleViolation(Kind.UNPROCESSABLE, rule, field, message);
    }

    public Kind kind() {
        return kind;
    }

    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }
}
