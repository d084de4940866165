package org.datacollab.gateway.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Failed authentications per client address: each failure takes a token; an address with none left is answered
 * 429 (with Retry-After) before its credential is even looked at, until a token is refilled. Guessing keys from
 * one address is slowed to one guess per {@code per} after the first {@code capacity}.
 */
@Component
public class FailedLogins {

    private final IdleBuckets buckets;

    public FailedLogins(AccessProperties properties) {
        AccessProperties.FailedLogins limit = properties.failedLogins();
        this.buckets = new IdleBuckets(() -> Bucket.builder().addLimit(Bandwidth.builder().capacity(limit.capacity())
                .refillGreedy(1, limit.per()).build()).build(), limit.per().multipliedBy(limit.capacity()).plusMinutes(1));
    }

    /** Records a failure of this address. */
    public void failed(String address) {
        buckets.bucket(address).tryConsume(1);
    }

    /** Zero when the address may try; else how long until it may. */
    public Duration wait(String address) {
        Bucket bucket = buckets.existing(address);
        if (bucket == null) {
            return Duration.ZERO;
        }
        EstimationProbe estimate = bucket.estimateAbilityToConsume(1);
        return estimate.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(estimate.getNanosToWaitForRefill());
    }
}
