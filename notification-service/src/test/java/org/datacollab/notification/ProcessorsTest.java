package org.datacollab.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** {@code /admin/processors}: the consumer of sustainability-risks and the delivery queue, neither replayable. */
class ProcessorsTest extends NotificationIntegrationTest {

    @Test
    void theConsumerAndTheQueueShowTheirStateAndRefuseReplay() throws Exception {
        String ref = "processed-" + UUID.randomUUID().toString().substring(0, 6);
        subscribe(ref, secret());
        announce(raised(ref));
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor(ref) == 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/admin/processors").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[0].name").isEqualTo("notification")
                .jsonPath("$[0].source").isEqualTo("sustainability-risks")
                .jsonPath("$[0].lag").isEqualTo(0)
                .jsonPath("$[0].replayable").isEqualTo(false)
                .jsonPath("$[1].name").isEqualTo("deliveries")
                .jsonPath("$[1].lag").isEqualTo(0));
        http.post().uri("/admin/processors/notification/replay").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("replay-unsafe");
        // nor the queue, from a position or not: its deliveries would reach subscribers a second time
        http.post().uri("/admin/processors/deliveries/replay").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("replay-unsafe");
        http.post().uri("/admin/processors/deliveries/replay?from=1").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("replay-unsafe");
    }
}
