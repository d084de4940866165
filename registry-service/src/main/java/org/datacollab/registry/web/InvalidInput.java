package org.datacollab.registry.web;

/** A request body that cannot be read as the fact it claims to be (400): names the field and the rule. */
public class InvalidInput extends RuntimeException {

    private final String field;
    private final String rule;
    private final Long limit;

    public InvalidInput(String field, String rule, String message) {
        this(field, rule, message, null);
    }

    /** A value beyond a bound: {@code limit} is the bound (characters, items, the latest year), sent as a member. */
    public InvalidInput(String field, String rule, String message, Long limit) {
        super(message);
        this.field = field;
        this.rule = rule;
        this.limit = limit;
    }

    public Long limit() {
        return limit;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
