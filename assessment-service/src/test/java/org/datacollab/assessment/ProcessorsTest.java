package org.datacollab.assessment;

import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;

/** {@code /admin/processors}: the consumer of partnership-events, how far its group has read, and its replay (the rebuild). */
class ProcessorsTest extends AssessmentIntegrationTest {

    @Test
    void theConsumerShowsItsLagAndItsReplayIsTheRebuild() throws Exception {
        String ref = uniqueRef("processed");
        publish(ref, 0, AssessmentServiceTest.formed(ref, PartnershipModel.SOCIAL_ISSUE, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/admin/processors").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[0].name").isEqualTo("assessment")
                .jsonPath("$[0].source").isEqualTo("partnership-events")
                .jsonPath("$[0].lag").isEqualTo(0)
                .jsonPath("$[0].head").value(head -> org.assertj.core.api.Assertions.assertThat(((Number) head).longValue()).isPositive())
                .jsonPath("$[0].replayable").isEqualTo(true));

        http.post().uri("/admin/processors/assessment/replay?from=5").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rule").isEqualTo("replay-from-start");
        http.post().uri("/admin/processors/assessment/replay").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> http.get().uri("/admin/rebuild").exchange()
                .expectBody().jsonPath("$.state").isEqualTo("DONE"));
        http.get().uri("/partnerships/{ref}/assessment", ref).exchange().expectStatus().isOk();
    }
}
