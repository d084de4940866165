package org.datacollab.security;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import java.util.Map;

/**
 * W3C trace context across the asynchronous hops (the event store's publication processor, Kafka): the
 * {@code traceparent} of the current span is written into an event, and work done for that event continues
 * the trace as a child span, so that one trace runs from the gateway to the notification.
 */
public final class Traces {

    public static final String TRACEPARENT = "traceparent";

    /** The current span as a W3C traceparent, or null when there is none. */
    public static String traceparent(Tracer tracer) {
        Span span = tracer == null ? null : tracer.currentSpan();
        if (span == null) {
            return null;
        }
        TraceContext context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-" + (Boolean.FALSE.equals(context.sampled()) ? "00" : "01");
    }

    /** A started span continuing the given trace (a new trace when there is none); end it, and scope it with tracer.withSpan. */
    public static Span continueTrace(Tracer tracer, Propagator propagator, String traceparent, String name) {
        if (traceparent == null || propagator == null) {
            return tracer.nextSpan().name(name).start();
        }
        return propagator.extract(Map.of(TRACEPARENT, traceparent), (carrier, key) -> carrier.get(key)).name(name).start();
    }

    /**
     * Runs {@code work} for an event in a span that continues the trace the event carries ({@code traceparent}), so
     * that a listener's work joins the trace of the request that caused it; where tracing is off, just runs it.
     */
    public static void continued(Tracer tracer, Propagator propagator, String traceparent, String name, Runnable work) {
        if (tracer == null) {
            work.run();
            return;
        }
        Span span = continueTrace(tracer, propagator, traceparent, name);
        try (var scope = tracer.withSpan(span)) {
            work.run();
        } finally {
            span.end();
        }
    }

    private Traces() {
    }
}
