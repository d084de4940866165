package org.datacollab.contracts.json;

/**
 * Trace context in events: the W3C {@code traceparent} of the work that produced an event travels in the
 * CloudEvents distributed tracing extension of the same name, from the request through the registry, Kafka,
 * the assessment and Kafka again to the notification.
 */
public final class Tracing {

    public static final String TRACEPARENT = "traceparent";

    private Tracing() {
    }
}
