package org.datacollab.gateway.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Token buckets for requests: one per caller (API key or token subject), and one per client address for the
 * requests without a credential that a service answers ({@link PublicPaths#FORWARDED_READS}: the public catalogue,
 * the API descriptions). Idle buckets are forgotten ({@link IdleBuckets}). Buckets live in this gateway instance:
 * with n instances behind a load balancer a key (or an address) gets up to n times the rate (docs/security.md).
 */
@Component
public class RateLimits {

    private final IdleBuckets callers;
    private final IdleBuckets addresses;

    public RateLimits(AccessProperties properties) {
        AccessProperties.RateLimit keyed = properties.rateLimit();
        AccessProperties.AnonymousReads anonymous = properties.anonymousReads();
        this.callers = buckets(keyed.capacity(), keyed.perSecond(), Duration.ofSeconds(1));
        this.addresses = buckets(anonymous.capacity(), 1, anonymous.per());
    }

    /** {@code capacity} at once, {@code tokens} more every {@code period}; forgotten once idle long enough to be full. */
    private static IdleBuckets buckets(long capacity, long tokens, Duration period) {
        Duration full = period.multipliedBy(Math.max(1, capacity / Math.max(1, tokens)));
        return new IdleBuckets(() -> Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity)
                .refillGreedy(tokens, period).build()).build(), full.plusMinutes(1));
    }

    /** Zero when the caller's request may pass; else how long to wait for a token. */
    public Duration take(String subject) {
        return take(callers, subject);
    }

    /** Zero when a request without a credential from this client address may pass; else how long to wait. */
    public Duration takeAnonymous(String address) {
        return take(addresses, address);
    }

    private static Duration take(IdleBuckets buckets, String key) {
        ConsumptionProbe probe = buckets.bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    int tracked() {
        return callers.size() + addresses.size();
    }
}
