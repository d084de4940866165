package org.datacollab.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.audit.AuditTrail;
import org.datacollab.contracts.facts.ChallengeRaised;
import org.datacollab.contracts.facts.DataDelivered;
import org.datacollab.contracts.facts.PartnerJoined;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.vocabulary.Challenge;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Organization;
import org.datacollab.contracts.vocabulary.Sector;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /admin/processors}: the consumer of partnership-events, how far its group has read, and its replay (the
 * rebuild), which restores exactly what was there.
 */
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

    @Test
    void theRebuildRestoresExactlyWhatWasThere() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Organization provider = new Organization("org-" + tag, "Provider " + tag, Sector.PRIVATE);
        Instant today = AssessmentServiceTest.today();
        List<String> refs = List.of(uniqueRef("rebuilt-risk"), uniqueRef("rebuilt-challenge"), uniqueRef("rebuilt-plain"));
        for (String ref : refs) {
            publish(ref, 0, AssessmentServiceTest.formed(ref, PartnershipModel.SOCIAL_ISSUE, today),
                    new PartnerJoined(today, provider, AssessmentServiceTest.provider(today).roles()));
        }
        // data delivered without an agreement (a risk raised); a challenge open; nothing more
        publish(refs.get(0), 2, new DataDelivered(today, provider.ref(), "d", null, null));
        publish(refs.get(1), 2, new ChallengeRaised(today, "c1", Challenge.PARTNER_FIT, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(refs.get(0)).size() == 1);
        List<String> reads = new ArrayList<>();
        for (String ref : refs) {
            reads.addAll(List.of("/partnerships/" + ref + "/assessment", "/partnerships/" + ref + "/timeline", "/partnerships/" + ref + "/risk-history"));
        }
        reads.addAll(List.of("/portfolios/organizations/" + provider.ref(), "/portfolios/organizations/" + provider.ref() + "/figures"));
        List<JsonNode> before = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            before.clear();
            for (String path : reads) {
                before.add(read(path));
            }
            assertThat(before.get(reads.size() - 2).get("total").asInt()).isEqualTo(3);
        });
        assertThat(before.get(0).get("level").asText()).isNotEqualTo("NONE");
        assertThat(before.get(3).get("openChallenges")).hasSize(1);
        int announced = changesOf(refs.get(0)).size() + changesOf(refs.get(1)).size() + changesOf(refs.get(2)).size();

        http.post().uri("/admin/processors/assessment/replay").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> http.get().uri("/admin/rebuild").exchange()
                .expectBody().jsonPath("$.state").isEqualTo("DONE"));
        // the new generation answers every read as the old one did, and announced nothing again
        for (int i = 0; i < reads.size(); i++) {
            assertThat(read(reads.get(i))).as(reads.get(i)).isEqualTo(before.get(i));
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                changesOf(refs.get(0)).size() + changesOf(refs.get(1)).size() + changesOf(refs.get(2)).size() == announced);
    }

    private JsonNode read(String path) throws Exception {
        return ContractJson.mapper().readTree(http.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }
}
