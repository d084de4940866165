package org.datacollab.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /admin/processors}: the registry's two tracking processors with their position and lag in commits, and
 * their replay (publication sends the history again; the read models rebuild the search index). ADMIN only.
 */
class ProcessorsTest extends RegistryIntegrationTest {

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

        // publication replayed from the last commit: that commit is on the topic twice, nothing else moves
        http.post().uri("/admin/processors/kafka-publication/replay?from={p}", head).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).until(() -> PublishedFacts.all(ref).size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> PublishedFacts.all(ref).size() == 2);
        // the read models replayed from the start: search finds the partnership again
        http.post().uri("/admin/processors/read-models/replay").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/partnerships?q={q}", ref).exchange()
                .expectBody().jsonPath("$.total").isEqualTo(1));

        as(Caller.of("k", "ngo", List.of(Role.STEWARD), List.of())).get().uri("/admin/processors").exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.rule").isEqualTo("role-required");
        http.post().uri("/admin/processors/no-such/replay").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-processor");
    }
}
