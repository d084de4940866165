package org.datacollab.testsupport.machine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The switch that turns every skip for a missing capability into a failure: {@code -Ddatacollab.require-all=true}
 * (or DATACOLLAB_REQUIRE_ALL=true), which .ci/run sets so that CI never passes by skipping.
 */
public final class RequireAll {

    public static final String PROPERTY = "datacollab.require-all";

    private RequireAll() {
    }

    public static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty(PROPERTY, System.getenv().getOrDefault("DATACOLLAB_REQUIRE_ALL", "false")));
    }

    /** Why these capabilities keep {@code what} from running here ("needs KUBECTL: kubectl not found on the PATH"), or empty. */
    public static String missing(List<Capability> capabilities) {
        return capabilities.stream().filter(capability -> !capability.present())
                .map(capability -> "needs " + capability + " (" + capability.neededFor() + "): " + capability.absence().orElseThrow())
                .collect(Collectors.joining("; "));
    }

    /**
     * For code that adapts rather than skips (e.g. runs the services from their jars when images cannot run):
     * throws where {@link #enabled()}, else returns the reason the capabilities are missing (empty when none is).
     */
    public static String orFail(String what, List<Capability> capabilities) {
        String missing = missing(capabilities);
        if (!missing.isEmpty() && enabled()) {
            throw new MissingCapabilityException(what + " " + missing + ", and " + PROPERTY + " is set");
        }
        return missing;
    }

    /** A capability is missing where the build requires all of them. */
    public static final class MissingCapabilityException extends IllegalStateException {
        public MissingCapabilityException(String message) {
            super(message);
        }
    }
}
