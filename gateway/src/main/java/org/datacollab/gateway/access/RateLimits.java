package org.datacollab.gateway.identity;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller (API key or token subject): {@code capacity} requests at once, refilled at
 * {@code per-second}. Buckets live in this gateway instance: with n instances behind a load balancer a key
 * gets up to n times the rate (docs/security.md).
 */
@Component
public class RateLimits {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long capacity;
    private final long perSecond;

    public RateLimits(@Value("${datacollab.gateway.rate-limit.capacity:200}") long capacity,
                      @Value("${datacollab.gateway.rate-limit.per-second:100}") long perSecond) {
        this.capacity = capacity;
        this.perSecond = perSecond;
    }

    /** Zero when the request may pass; else how long to wait for a token. */
    public Duration take(String subject) {
        Bucket bucket = buckets.computeIfAbsent(subject, s -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }
}
