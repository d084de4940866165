package org.datacollab.registry;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Timeframe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event Kafka refuses (a 1.2 MB name, written straight into the store as data from before the limits could be)
 * is tried three times and set aside on registry.dead-letters by reference, and the partnerships recorded after it
 * are published (decision 0032); the ADMIN listing names it, and a replay that still fails is a 409.
 */
class PublicationDeadLetterTest extends RegistryIntegrationTest {

    @Autowired
    EventStore eventStore;

    @Test
    void anEventThatCannotBePublishedIsSetAsideAndThoseAfterItArePublished() {
        String poisoned = uniqueRef("too-large");
        PartnershipFormed huge = new PartnershipFormed(Instant.parse("2024-01-01T00:00:00Z"), poisoned, "n".repeat(1_200_000),
                PartnershipModel.SOCIAL_ISSUE, Timeframe.FINITE, "issue", "goal", "NL-Utrecht", List.of());
        eventStore.publish(new GenericDomainEventMessage<>("Partnership", poisoned, 0, huge,
                MetaData.with("commitIndex", 0).and("commitSize", 1), UUID.randomUUID().toString(), Instant.now()));

        String after = uniqueRef("after-poison");
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"ref":"%s","name":"After","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g","occurredAt":"2024-01-01"}"""
                .formatted(after)).exchange().expectStatus().isCreated();
        assertThat(PublishedFacts.await(after, 1)).as("published after the poison").hasSize(1);

        String id = await().atMost(Duration.ofSeconds(60)).until(() -> deadLetterOf(poisoned), found -> found != null);
        http.get().uri("/admin/dead-letters").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status.topic").isEqualTo("registry.dead-letters")
                .jsonPath("$.deadLetters[?(@.id == '" + id + "')].byReference").isEqualTo(List.of(true))
                .jsonPath("$.deadLetters[?(@.id == '" + id + "')].exception")
                .isEqualTo(List.of("org.apache.kafka.common.errors.RecordTooLargeException"))
                .jsonPath("$.deadLetters[?(@.id == '" + id + "')].size").value(size -> assertThat(size.toString()).isNotEqualTo("[0]"));
        http.post().uri("/admin/dead-letters/{id}/replay", id).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("replay-failed");
    }

    String deadLetterOf(String ref) {
        byte[] body = http.get().uri("/admin/dead-letters?limit=500").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        Matcher found = Pattern.compile("\"id\":\"(\\d+-\\d+)\"[^}]*\"key\":\"" + ref + "\"").matcher(new String(body, StandardCharsets.UTF_8));
        return found.find() ? found.group(1) : null;
    }
}
