package org.datacollab.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimOutlastsAttemptTest {

    static WebhookSettings with(Duration deadline, Duration claim) {
        return new WebhookSettings(Set.of(), false, Duration.ofSeconds(5), deadline, 2, Duration.ofSeconds(15), 13, claim, 16);
    }

    @Test
    void aClaimShorterThanAnAttemptStopsTheServiceFromStarting() {
        assertThatThrownBy(() -> ClaimOutlastsAttempt.check(with(Duration.ofSeconds(10), Duration.ofSeconds(5))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("datacollab.webhooks.claim (PT5S)");
        assertThatThrownBy(() -> ClaimOutlastsAttempt.check(with(Duration.ofSeconds(10), Duration.ofSeconds(10))))
                .as("as long is not longer").isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> ClaimOutlastsAttempt.check(with(Duration.ofSeconds(10), Duration.ofMinutes(2)))).as("the defaults")
                .doesNotThrowAnyException();
    }
}
