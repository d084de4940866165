package org.datacollab.security;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as the gateway vouches for it in the internal token: the API key or token subject, its
 * organization, its roles, and the jurisdictions it monitors (a city data office's own). The access rules
 * of every service are here, so that they are the same everywhere.
 */
public record Caller(String subject, String organization, Set<Role> roles, Set<String> jurisdictions) {

    /**
     * The subject of the anonymous caller: the gateway forwards a read of a public path (the public catalogue)
     * with an internal token for it. No key or token has it (keys are {@code key:<id>}, OIDC subjects {@code jwt:...}).
     */
    public static final String ANONYMOUS_SUBJECT = "anonymous";

    public Caller {
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
        jurisdictions = jurisdictions == null ? Set.of() : Set.copyOf(jurisdictions);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The anonymous caller: no organization, no role; a service lets it read only its public paths. */
    public boolean isAnonymous() {
        return subject.equals(ANONYMOUS_SUBJECT);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** May record facts and create partnerships at all (which ones: {@link #mayRecord}). */
    public boolean mayWrite() {
        return isAdmin() || has(Role.STEWARD);
    }

    /**
     * Whether the partnership exists for this caller: its organization is a partner or the steward (the
     * organization that formed or imported it), or the partnership lies in one of the caller's jurisdictions.
     * A partnership that is not visible answers 404, as if it did not exist.
     */
    public boolean maySee(Collection<String> partners, String steward, String jurisdiction) {
        if (isAdmin()) {
            return true;
        }
        if (organization != null && (organization.equals(steward) || (partners != null && partners.contains(organization)))) {
            return true;
        }
        return jurisdiction != null && jurisdictions.contains(jurisdiction);
    }

    /** Whether the caller may record facts for the partnership: a STEWARD of a partner or of the steward organization. */
    public boolean mayRecord(Collection<String> partners, String steward) {
        if (isAdmin()) {
            return true;
        }
        return has(Role.STEWARD) && organization != null
                && (organization.equals(steward) || (partners != null && partners.contains(organization)));
    }

    /** Whether the caller may act for the organization (its subscriptions, inbox, alerts). */
    public boolean actsFor(String organization) {
        return isAdmin() || (this.organization != null && this.organization.equals(organization));
    }

    /** For tests and tools: an administrator. */
    public static Caller admin(String subject) {
        return new Caller(subject, null, Set.of(Role.ADMIN), Set.of());
    }

    /** Whoever reads a public path without a credential. */
    public static Caller anonymous() {
        return new Caller(ANONYMOUS_SUBJECT, null, Set.of(), Set.of());
    }

    public static Caller of(String subject, String organization, List<Role> roles, List<String> jurisdictions) {
        return new Caller(subject, organization, Set.copyOf(roles), Set.copyOf(jurisdictions));
    }
}
