package org.datacollab.bounds;

import org.datacollab.problem.Problem;
import org.datacollab.problem.ProblemException;
import org.datacollab.security.Caller;
import org.springframework.http.HttpStatus;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits a Server-Sent Events stream within {@link StreamLimits}: a caller with its share open, or an instance with
 * all its streams open, is refused (429 stream-limit, Retry-After); an admitted stream holds its place until it
 * ends, and a client that stops reading is dropped once {@code buffer} events wait for it. One per service.
 */
public final class StreamGate {

    private final StreamLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> byCaller = new ConcurrentHashMap<>();

    public StreamGate(StreamLimits limits) {
        this.limits = limits;
    }

    public StreamLimits limits() {
        return limits;
    }

    /** Streams open on this instance. */
    public int open() {
        return open.get();
    }

    /** The stream, admitted now (or refused by throwing), bounded for slow clients, its place freed when it ends. */
    public <T> Flux<T> admit(Caller caller, Flux<T> stream) {
        AtomicInteger mine = byCaller.computeIfAbsent(caller.subject(), subject -> new AtomicInteger());
        if (mine.incrementAndGet() > limits.perCaller()) {
            release(caller, mine);
            throw refusal("This key has " + limits.perCaller() + " streams open, the most one key may; close one first.");
        }
        if (open.incrementAndGet() > limits.total()) {
            open.decrementAndGet();
            release(caller, mine);
            throw refusal("This instance serves the most streams it may (" + limits.total() + "); retry shortly.");
        }
        AtomicBoolean released = new AtomicBoolean();
        return dropWhenBehind(stream, limits.buffer())
                .doFinally(signal -> {
                    if (released.compareAndSet(false, true)) {
                        open.decrementAndGet();
                        release(caller, mine);
                    }
                });
    }

    /**
     * The stream through a queue of {@code buffer} events: once the client has that many unread, it is dropped at
     * once (an error ends the response), not after what waits for it is read.
     */
    static <T> Flux<T> dropWhenBehind(Flux<T> stream, int buffer) {
        return Flux.defer(() -> {
            Sinks.Many<T> queue = Sinks.many().unicast().onBackpressureBuffer(Queues.<T>get(buffer).get());
            Sinks.One<T> dropped = Sinks.one();
            Disposable upstream = stream.subscribe(
                    item -> {
                        if (queue.tryEmitNext(item).isFailure()) {
                            dropped.tryEmitError(new IllegalStateException("the client does not read its stream; dropped"));
                        }
                    },
                    error -> {
                        queue.tryEmitError(error);
                        dropped.tryEmitEmpty();
                    },
                    () -> {
                        queue.tryEmitComplete();
                        dropped.tryEmitEmpty();
                    });
            return Flux.merge(queue.asFlux(), dropped.asMono()).doFinally(signal -> upstream.dispose());
        });
    }

    private void release(Caller caller, AtomicInteger mine) {
        if (mine.decrementAndGet() <= 0) {
            byCaller.remove(caller.subject(), mine);
        }
    }

    private ProblemException refusal(String detail) {
        return new ProblemException(Problem.of(HttpStatus.TOO_MANY_REQUESTS, "stream-limit", null, detail), limits.retryAfter());
    }
}
