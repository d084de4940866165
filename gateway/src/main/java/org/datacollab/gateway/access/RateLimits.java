package org.datacollab.gateway.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * A token bucket per caller (API key or token subject): {@code capacity} requests at once, refilled at
 * {@code per-second}; idle buckets are forgotten ({@link IdleBuckets}). Buckets live in this gateway instance:
 * with n instances behind a load balancer a key gets up to n times the rate (docs/security.md).
 */
@Component
public class RateLimits {

    private final IdleBuckets buckets;

    public RateLimits(AccessProperties properties) {
        AccessProperties.RateLimit limit = properties.rateLimit();
        Duration refill = Duration.ofMillis(Math.max(1000, 1000 * limit.capacity() / Math.max(1, limit.perSecond())));
        this.buckets = new IdleBuckets(() -> Bucket.builder().addLimit(Bandwidth.builder().capacity(limit.capacity())
                .refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build()).build(), refill.plusMinutes(1));
    }

    /** Zero when the request may pass; else how long to wait for a token. */
    public Duration take(String subject) {
        ConsumptionProbe probe = buckets.bucket(subject).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    int tracked() {
        return buckets.size();
    }
}
