package org.datacollab.contracts.facts;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The catalogue of fact names and their records, in DOMAIN.md section 3's order. */
public final class FactTypes {

    private static final Map<String, Class<? extends PartnershipFact>> BY_NAME = new LinkedHashMap<>();

    static {
        Arrays.stream(PartnershipFact.class.getPermittedSubclasses())
                .forEach(c -> BY_NAME.put(c.getSimpleName(), c.asSubclass(PartnershipFact.class)));
    }

    private FactTypes() {
    }

    public static Optional<Class<? extends PartnershipFact>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }
}
