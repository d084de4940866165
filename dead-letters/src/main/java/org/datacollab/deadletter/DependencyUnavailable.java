package org.datacollab.deadletter;

/** A dependency (the registry, say) did not answer as it should: the record is retried without end, never set aside. */
public class DependencyUnavailable extends RuntimeException {

    public DependencyUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
