package org.datacollab.registry.partnership.rules;

/**
 * The caller may not do this. NOT_VISIBLE: the partnership is not the caller's to see, and it is answered as
 * if it did not exist (404), so that its existence does not leak; NOT_PERMITTED: the caller sees it but its
 * roles do not allow the action (403).
 */
public class AccessRefused extends RuntimeException {

    public enum Kind { NOT_VISIBLE, NOT_PERMITTED }

    private final Kind kind;
    private final String ref;

    public AccessRefused(Kind kind, String ref, String message) {
        super(message);
        this.kind = kind;
        this.ref = ref;
    }

    public static AccessRefused notVisible(String ref) {
        return new AccessRefused(Kind.NOT_VISIBLE, ref, "No partnership has ref '" + ref + "'.");
    }

    public static AccessRefused notPermitted(String ref, String why) {
        return new AccessRefused(Kind.NOT_PERMITTED, ref, why);
    }

    public Kind kind() {
        return kind;
    }

    public String ref() {
        return ref;
    }
}
