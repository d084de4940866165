package org.datacollab.gateway.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IdleBucketsTest {

    @Test
    void bucketsUnusedForTheIdlePeriodAreForgottenAndActiveOnesKept() {
        IdleBuckets buckets = new IdleBuckets(() -> Bucket.builder().addLimit(Bandwidth.builder().capacity(5)
                .refillGreedy(5, Duration.ofMillis(50)).build()).build(), Duration.ofSeconds(2));
        for (int key = 0; key < 100; key++) {
            buckets.bucket("key-" + key).tryConsume(1);
        }
        assertThat(buckets.size()).isEqualTo(100);
        // only "busy" goes on being used: the 100 idle ones are dropped, the busy one keeps its state (an idle period
        // of 2 s, so that creating the 100 does not outlast it on a loaded machine)
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            buckets.bucket("busy").tryConsume(1);
            return buckets.size() == 1;
        });
        assertThat(buckets.existing("busy")).isNotNull();
        assertThat(buckets.existing("key-1")).isNull();
    }
}
