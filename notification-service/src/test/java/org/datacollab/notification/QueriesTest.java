package org.datacollab.notification;

import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.testsupport.QueryShapes;
import org.datacollab.testsupport.RecordedQueries;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every query the notification service sends for a risk change (matching subscriptions by partnership, portfolio
 * and jurisdiction, enqueueing, claiming, retrying when due, the inbox, escalations) and for the reads of
 * subscriptions, delivery logs and the inbox is a key lookup (docs/queries.md), recorded by a driver
 * CommandListener. The compare-and-set claims are lookups of unique keys that include {@code _id}.
 */
class QueriesTest extends NotificationIntegrationTest {

    private static final QueryShapes SHAPES = new QueryShapes(Map.of(
            "deliveries", List.of(Set.of("_id", "claimedUntil")),
            "escalations", List.of(Set.of("_id", "state"))), Set.of());

    @Test
    void aRiskChangeItsDeliveriesRetriesInboxAndReadsAreKeyLookups() throws Exception {
        String ref = "keyed-" + UUID.randomUUID().toString().substring(0, 6);
        int mark = QUERIES.mark();
        String subscription = subscribe(ref, secret());
        http.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"organization":"city","contact":"ops@example.org","jurisdiction":"NL","minimumLevel":"LOW","inApp":true}""")
                .exchange().expectStatus().isCreated();
        failuresLeft.set(1);
        announce(RiskChange.between(ref, "P", "NL", List.of("city"), "city", RiskLevel.NONE, RiskLevel.HIGH, 55,
                List.of(), List.of(), Instant.parse("2026-11-25T00:00:00Z")));
        // the first attempt fails, the retry is found when due
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor(ref) == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/subscriptions/{id}/deliveries", subscription)
                .exchange().expectBody().jsonPath("$[0].status").isEqualTo("DELIVERED").jsonPath("$[0].attempts").isEqualTo(2));
        byte[] inbox = http.get().uri("/inbox/city").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        String alert = new String(inbox).replaceAll("(?s).*?\"id\":\"([^\"]*" + ref + "[^\"]*)\".*", "$1");
        assertThat(alert).contains(ref);
        http.post().uri("/inbox/city/acknowledge?alertId={id}", alert).exchange().expectStatus().is2xxSuccessful();
        http.get().uri("/subscriptions?organization=city").exchange().expectStatus().isOk();

        List<RecordedQueries.Query> sent = QUERIES.since(mark, DATABASE);
        assertThat(sent).as("matching, claims and the due retry were recorded")
                .anyMatch(q -> q.collection().equals("subscription_keys"))
                .anyMatch(q -> q.collection().equals("deliveries") && q.filter().containsKey("claimedUntil"))
                .anyMatch(q -> q.collection().equals("delivery_keys") && q.filter().toJson().contains("due:"));
        assertThat(SHAPES.violations(sent)).isEmpty();
    }
}
