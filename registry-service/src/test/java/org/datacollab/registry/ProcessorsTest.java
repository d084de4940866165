package org.datacollab.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.audit.AuditTrail;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /admin/processors}: the registry's two tracking processors with their position and lag in commits, and
 * their replay (publication sends the history again; the read models rebuild the search index). ADMIN only.
 */
class ProcessorsTest extends RegistryIntegrationTest {

    @Autowired
    AuditTrail audit;

    private JsonNode processor(String name) throws Exception {
        byte[] body = http.get().uri("/admin/processors").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        for (JsonNode processor : ContractJson.mapper().readTree(body)) {
            if (processor.get("name").asText().equals(name)) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + name + " in " + new String(body));
    }

    @Test
    void processorsShowTheirPositionAndLagAndReplay() throws Exception {
        String ref = uniqueRef("processed");
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"ref":"%s","name":"Processed","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s",
                 "intendedGoal":"g","occurredAt":"2024-01-10"}""".formatted(ref)).exchange().expectStatus().isCreated();
        assertThat(PublishedFacts.await(ref, 1)).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode publication = processor("kafka-publication");
            assertThat(publication.get("runningHere").asBoolean()).isTrue();
            assertThat(publication.get("head").asLong()).isPositive();
            assertThat(publication.get("lag").asLong()).isZero();
            assertThat(publication.get("unit").asText()).isEqualTo("commits");
            assertThat(processor("read-models").get("lag").asLong()).isZero();
        });
        long head = processor("kafka-publication").get("head").asLong();
        // an ADMIN key of an organization (a city's data office runs the registry) replays: the audit trail names it
        String keyId = "key:ops-" + UUID.randomUUID().toString().substring(0, 8);
        WebTestClient operator = as(Caller.of(keyId, "city-data-office", List.of(Role.ADMIN), List.of()));
        Instant before = Instant.now();

        // publication replayed from the last commit: that commit is on the topic twice, nothing else moves
        operator.post().uri("/admin/processors/kafka-publication/replay?from={p}", head).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).until(() -> PublishedFacts.all(ref).size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> PublishedFacts.all(ref).size() == 2);
        // the read models replayed from the start: search finds the partnership again
        operator.post().uri("/admin/processors/read-models/replay").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/partnerships?q={q}", ref).exchange()
                .expectBody().jsonPath("$.total").isEqualTo(1));

        as(Caller.of("k", "ngo", List.of(Role.STEWARD), List.of())).get().uri("/admin/processors").exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.rule").isEqualTo("role-required");
        operator.post().uri("/admin/processors/no-such/replay").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-processor");

        // both replays are in the audit trail with who started them and from where; the refused one is not
        List<AuditTrail.Entry> replays = audit.latest(100, "processor.replay-started", before).stream()
                .filter(entry -> entry.subject().equals(keyId)).toList();
        assertThat(replays).extracting(AuditTrail.Entry::target).containsExactly("read-models", "kafka-publication");
        assertThat(replays).allSatisfy(entry -> {
            assertThat(entry.organization()).isEqualTo("city-data-office");
            assertThat(entry.roles()).containsExactly("ADMIN");
            assertThat(entry.service()).isEqualTo("registry-service");
        });
        assertThat(replays.get(1).details()).containsEntry("from", String.valueOf(head));
        assertThat(replays.get(0).details()).containsEntry("from", "start");
    }

    @Test
    void theSearchIndexReplayedRebuildsExactlyWhatWasThere() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String org = "org-" + tag;
        for (int i = 0; i < 3; i++) {
            String ref = uniqueRef("replayed-" + tag);
            http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                    {"ref":"%s","name":"Replayed %s %d","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s",
                     "intendedGoal":"g","jurisdiction":"NL-Z%d","occurredAt":"2024-01-10"}""".formatted(ref, tag, i, i)).exchange().expectStatus().isCreated();
            for (String partner : List.of(org, "other-" + tag + "-" + i)) {
                http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"fact":"PartnerJoined","occurredAt":"2024-01-11","organization":{"ref":"%s","name":"%s","sector":"NONPROFIT"},
                         "roles":["DATA_PROVIDER"]}""".formatted(partner, partner)).exchange().expectStatus().isCreated();
            }
            if (i == 1) { // one partnership's own partner leaves: the index must not bring it back
                http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"fact":"PartnerLeft","occurredAt":"2024-01-12","organization":"other-%s-1"}""".formatted(tag))
                        .exchange().expectStatus().isCreated();
            }
        }
        List<String> reads = List.of("/partnerships?q=" + tag, "/partnerships?organization=" + org, "/partnerships?jurisdiction=NL-Z1&q=" + tag,
                "/organizations/" + org, "/organizations/other-" + tag + "-1", "/organizations/other-" + tag + "-2");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(processor("read-models").get("lag").asLong()).isZero();
            assertThat(read("/partnerships?q=" + tag)).startsWith("200 ").contains("\"total\":3");
        });
        List<String> before = new ArrayList<>();
        for (String path : reads) {
            before.add(read(path));
        }
        assertThat(before.get(1)).startsWith("200 ").contains("\"total\":3");
        assertThat(before.get(4)).startsWith("404 ");
        assertThat(before.get(5)).startsWith("200 ");

        // from a position: refused, the index untouched
        http.post().uri("/admin/processors/read-models/replay?from=2").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rule").isEqualTo("replay-from-start").jsonPath("$.field").isEqualTo("from");
        // from the start: emptied, then read again from the store up to its head, every answer as it was
        http.post().uri("/admin/processors/read-models/replay").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(processor("read-models").get("lag").asLong()).isZero();
            for (int i = 0; i < reads.size(); i++) {
                assertThat(read(reads.get(i))).as(reads.get(i)).isEqualTo(before.get(i));
            }
        });
    }

    /** The answer's status and body: an organization no longer anyone's partner is 404, before and after alike. */
    private String read(String path) {
        var answer = http.get().uri(path).exchange().expectBody().returnResult();
        return answer.getStatus().value() + " " + new String(answer.getResponseBody());
    }
}
