package org.datacollab.processors;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The last error each processor or consumer (by name) raised on this instance, for its status. */
public final class LastErrors {

    public record LastError(String message, Instant at) {
    }

    private final Map<String, LastError> errors = new ConcurrentHashMap<>();

    public void record(String name, Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        errors.put(name, new LastError(root.getClass().getSimpleName() + ": " + root.getMessage(), Instant.now()));
    }

    public Optional<LastError> of(String name) {
        return Optional.ofNullable(errors.get(name));
    }
}
