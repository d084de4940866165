package org.datacollab.assessment;

import org.datacollab.audit.AuditTrail;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /admin/processors}: the consumer of partnership-events, how far its group has read, and its replay (the rebuild). */
class ProcessorsTest extends AssessmentIntegrationTest {

    @Autowired
    AuditTrail audit;

    @Test
    void theConsumerShowsItsLagAndItsReplayIsTheRebuild() throws Exception {
        String ref = uniqueRef("processed");
        publish(ref, 0, AssessmentServiceTest.formed(ref, PartnershipModel.SOCIAL_ISSUE, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/admin/processors").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[0].name").isEqualTo("assessment")
                .jsonPath("$[0].source").isEqualTo("partnership-events")
                .jsonPath("$[0].lag").isEqualTo(0)
                .jsonPath("$[0].head").value(head -> assertThat(((Number) head).longValue()).isPositive())
                .jsonPath("$[0].replayable").isEqualTo(true));

        http.post().uri("/admin/processors/assessment/replay?from=5").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rule").isEqualTo("replay-from-start");
        String keyId = "key:ops-" + UUID.randomUUID().toString().substring(0, 8);
        Instant before = Instant.now();
        GATEWAY.client(port, Caller.of(keyId, "city-data-office", List.of(Role.ADMIN), List.of()))
                .post().uri("/admin/processors/assessment/replay").exchange().expectStatus().isOk();
        // the audit trail names who replayed it (the refused replay from 5 is not in it)
        assertThat(audit.latest(100, "processor.replay-started", before)).filteredOn(entry -> entry.subject().equals(keyId)).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.organization()).isEqualTo("city-data-office");
                    assertThat(entry.target()).isEqualTo("assessment");
                    assertThat(entry.details()).containsEntry("from", "start");
                });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> http.get().uri("/admin/rebuild").exchange()
                .expectBody().jsonPath("$.state").isEqualTo("DONE"));
        http.get().uri("/partnerships/{ref}/assessment", ref).exchange().expectStatus().isOk();
    }
}
