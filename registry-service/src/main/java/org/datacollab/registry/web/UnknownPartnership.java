package org.datacollab.registry.web;

/** No partnership has this ref (404). */
public class UnknownPartnership extends RuntimeException {

    private final String ref;

    public UnknownPartnership(String ref) {
        super("No partnership has ref '" + ref + "'.");
        this.ref = ref;
    }

    public String ref() {
        return ref;
    }
}
