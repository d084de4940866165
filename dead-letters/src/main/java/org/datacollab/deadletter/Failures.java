package org.datacollab.deadletter;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Whether a failure is the record's own (retried a few times, then set aside) or a dependency's (retried without
 * end: setting records aside while MongoDB, Kafka or the registry is down would empty the topic into the dead
 * letters). Told by the causes' types, whatever wraps them.
 */
public final class Failures {

    /** Types (by name: the services' clients differ) that mean a dependency did not answer. */
    private static final Set<String> UNREACHABLE = Set.of(
            "com.mongodb.MongoSocketException", "com.mongodb.MongoTimeoutException", "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException", "com.mongodb.MongoSocketReadTimeoutException",
            "org.apache.kafka.common.errors.RetriableException", "org.springframework.web.client.HttpServerErrorException",
            "org.springframework.web.reactive.function.client.WebClientResponseException$ServiceUnavailable");

    private Failures() {
    }

    /** True when a dependency did not answer (or answered 5xx): the record is not at fault. */
    public static boolean dependencyUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DependencyUnavailable || (t instanceof IOException io && !unreadable(io)) || t instanceof TimeoutException
                    || t instanceof InterruptedException) {
                return true;
            }
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (UNREACHABLE.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An IOException that says the bytes cannot be read (JSON, characters): the record's fault, not a dependency's. */
    private static boolean unreadable(IOException failure) {
        if (failure instanceof CharConversionException || failure instanceof UTFDataFormatException) {
            return true;
        }
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("com.fasterxml.jackson.core.JacksonException")) {
                return true;
            }
        }
        return false;
    }

    /** The first cause that is not a wrapper of the framework's, for a person to read. */
    public static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
