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
}
