package org.datacollab.registry;

import org.datacollab.testsupport.QueryShapes;
import org.datacollab.testsupport.RecordedQueries;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every query the registry sends for a command, for the events it causes (publication, read models) and
 * while idle is a key lookup (docs/queries.md), recorded by a driver CommandListener: {@code _id} (one or
 * {@code $in}) or the commits' unique (aggregate, first sequence number). The token store's few documents are
 * axon-mongo's and exempt.
 */
class QueriesTest extends RegistryIntegrationTest {

    private static final QueryShapes SHAPES = new QueryShapes(
            Map.of("event_commits", List.of(Set.of("aggregateIdentifier", "firstSequenceNumber"))),
            Set.of("trackingtokens"));

    @Test
    void aCommandItsEventsAndTheReadsOfAPartnershipAreKeyLookups() {
        String ref = uniqueRef("keyed");
        int mark = QUERIES.mark();
        http.post().uri("/partnerships").header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"ref":"%s","name":"Keyed","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s",
                 "intendedGoal":"g","jurisdiction":"NL-Utrecht","occurredAt":"2024-01-10"}""".formatted(ref))
                .exchange().expectStatus().isCreated();
        http.post().uri("/partnerships/{ref}/facts", ref).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"fact":"PartnerJoined","occurredAt":"2024-01-11","organization":{"ref":"%s-org","name":"Org","sector":"PRIVATE"},
                 "roles":["DATA_PROVIDER"]}""".formatted(ref)).exchange().expectStatus().isCreated();
        assertThat(PublishedFacts.await(ref, 2)).hasSize(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/partnerships?organization={o}", ref + "-org")
                .exchange().expectBody().jsonPath("$.total").isEqualTo(1));
        http.get().uri("/partnerships/{ref}", ref).exchange().expectStatus().isOk();
        http.get().uri("/partnerships/{ref}/facts", ref).exchange().expectStatus().isOk();
        http.get().uri("/partnerships/{ref}/export", ref).exchange().expectStatus().isOk();
        http.get().uri("/organizations/{o}", ref + "-org").exchange().expectStatus().isOk();

        List<RecordedQueries.Query> sent = QUERIES.since(mark, DATABASE);
        assertThat(sent).as("the command's appends and the processors' reads were recorded")
                .anyMatch(q -> q.collection().equals("event_commits") && q.filter().toJson().contains("$in"))
                .anyMatch(q -> q.collection().equals("event_positions"))
                .anyMatch(q -> q.collection().equals("idempotency_keys"));
        assertThat(SHAPES.violations(sent)).isEmpty();
    }

    @Test
    void anIdleRegistryReadsOnlyByKey() {
        int mark = QUERIES.mark();
        // three polls of each processor (every second when nothing is appended)
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        List<RecordedQueries.Query> sent = QUERIES.since(mark, DATABASE);
        assertThat(sent).anyMatch(q -> q.collection().equals("event_positions"));
        assertThat(SHAPES.violations(sent)).isEmpty();
    }
}
