package org.datacollab.gateway.identity;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ends what a revoked key still has open. A request forwarded for a key runs until its key is revoked: on this
 * instance at once, on the others within {@code datacollab.gateway.revocation-check} (they look up, in the
 * shared key store, the keys of the requests they have open). A live stream of a revoked key therefore closes.
 */
@Component
public class Revocations {

    private final ApiKeys keys;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Sinks.Many<String> revoked = Sinks.many().multicast().directBestEffort();

    public Revocations(ApiKeys keys) {
        this.keys = keys;
    }

    /** The forwarded request, cut short (and {@code onRevoked} run) when the caller's key is revoked. */
    public Mono<Void> untilRevoked(String subject, Mono<Void> forwarded, Runnable onRevoked) {
        String keyId = ApiKeys.keyId(subject);
        if (keyId == null) {
            return forwarded;
        }
        return Mono.defer(() -> {
            open.computeIfAbsent(keyId, id -> new AtomicInteger()).incrementAndGet();
            return forwarded.takeUntilOther(revoked.asFlux().filter(keyId::equals).next().doOnNext(id -> onRevoked.run()))
                    .doFinally(signal -> open.computeIfPresent(keyId, (id, count) -> count.decrementAndGet() == 0 ? null : count));
        });
    }

    /** Revoked here: this instance's requests of the key end now. */
    public void revoked(String keyId) {
        synchronized (revoked) {
            revoked.tryEmitNext(keyId);
        }
    }

    @Scheduled(fixedDelayString = "${datacollab.gateway.revocation-check:PT5S}")
    public void checkOpen() {
        if (open.isEmpty()) {
            return;
        }
        List<String> gone = keys.revokedAmong(List.copyOf(open.keySet()));
        gone.forEach(this::revoked);
    }

    int open() {
        return open.size();
    }
}
