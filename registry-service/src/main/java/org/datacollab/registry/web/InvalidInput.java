package org.datacollab.registry.web;

/** A request body that cannot be read as the fact it claims to be (400): names the field and the rule. */
public class InvalidInput extends RuntimeException {

    private final String field;
    private final String rule;

    public InvalidInput(String field, String rule, String message) {
        super(message);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
