package org.datacollab.registry.partnership;

import org.axonframework.messaging.MetaData;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caller travels with each command as metadata. Only {@code recordedBy} (the caller's organization) is
 * copied onto the events (a correlation data provider): the recorder of PartnershipFormed is the steward.
 */
public final class CallerMetaData {

    public static final String RECORDED_BY = "recordedBy";
    /** The request's Idempotency-Key (scoped to the caller), kept on the events it recorded. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    static final String SUBJECT = "callerSubject";
    static final String ROLES = "callerRoles";
    static final String JURISDICTIONS = "callerJurisdictions";

    public static MetaData of(Caller caller) {
        Map<String, Object> values = new HashMap<>();
        if (caller.organization() != null) {
            values.put(RECORDED_BY, caller.organization());
        }
        values.put(SUBJECT, caller.subject());
        values.put(ROLES, caller.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        values.put(JURISDICTIONS, String.join(",", caller.jurisdictions()));
        return MetaData.from(values);
    }

    /** The caller, or null for a command sent without one (the system itself, the aggregate's fixture tests). */
    static Caller from(MetaData metaData) {
        Object subject = metaData.get(SUBJECT);
        if (subject == null) {
            return null;
        }
        Set<Role> roles = split(metaData.get(ROLES)).stream().map(Role::valueOf).collect(Collectors.toSet());
        return new Caller(String.valueOf(subject), (String) metaData.get(RECORDED_BY), roles, split(metaData.get(JURISDICTIONS)));
    }

    private static Set<String> split(Object value) {
        if (value == null || String.valueOf(value).isBlank()) {
            return Set.of();
        }
        return Arrays.stream(String.valueOf(value).split(",")).collect(Collectors.toSet());
    }

    private CallerMetaData() {
    }
}
