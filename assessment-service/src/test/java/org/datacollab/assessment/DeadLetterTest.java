package org.datacollab.assessment;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.datacollab.audit.AuditTrail;
import org.datacollab.contracts.facts.ChallengeRaised;
import org.datacollab.contracts.facts.DataDelivered;
import org.datacollab.contracts.facts.FundingSecured;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PhaseChanged;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.contracts.vocabulary.Challenge;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import java.util.ArrayList;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison isolated, never blocking (decision 0032): an event the assessment cannot evaluate, or whose gap the
 * registry cannot fill, is tried three times and set aside on assessment.dead-letters, listed for an ADMIN and
 * replayable once fixed, while the events behind it on its partition flow on; an event whose registry is down is
 * retried until it answers, and never set aside.
 */
class DeadLetterTest extends AssessmentIntegrationTest {

    @Autowired
    AuditTrail audit;

    static final Instant TODAY = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();

    @Test
    void anEventThatCannotBeEvaluatedIsSetAsideAndThoseBehindItFlowOn() throws Exception {
        String poisoned = uniqueRef("poisoned");
        String healthy = uniqueRef("healthy");
        // old data, recorded before the registry bounded dates: a day after this funding's end cannot be computed
        sendToPartitionZero(commit(poisoned, 0, AssessmentServiceTest.formed(poisoned, PartnershipModel.SOCIAL_ISSUE, TODAY),
                new FundingSecured(TODAY, "f1", "EU", null, LocalDate.MAX)));
        sendToPartitionZero(commit(healthy, 0, AssessmentServiceTest.formed(healthy, PartnershipModel.SOCIAL_ISSUE, TODAY),
                AssessmentServiceTest.provider(TODAY), new DataDelivered(TODAY, "telco", "d", null, null),
                new PhaseChanged(TODAY, Phase.FORMING, Phase.OPERATING, "first data delivered")));

        await().atMost(Duration.ofSeconds(60)).until(() -> changesOf(healthy).size() == 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/admin/dead-letters").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.deadLetters[?(@.key == '" + poisoned + "')].exception").isEqualTo(List.of("java.time.DateTimeException"))
                .jsonPath("$.deadLetters[?(@.key == '" + poisoned + "')].originTopic").isEqualTo(List.of(Topics.PARTNERSHIP_EVENTS))
                .jsonPath("$.status.topic").isEqualTo("assessment.dead-letters"));
        assertThat(changesOf(poisoned)).isEmpty();
    }

    @Test
    void aGapTheRegistryCannotFillIsSetAsideAndReplayedOnceFilled() throws Exception {
        String ref = uniqueRef("gap");
        publish(ref, 0, AssessmentServiceTest.formed(ref, PartnershipModel.SOCIAL_ISSUE, TODAY));
        RecordedFact second = commit(ref, 1, challenge("c1")).getFirst();
        RecordedFact third = commit(ref, 2, challenge("c2")).getFirst();
        send(third); // #1 is missing, and the registry does not have it either
        String id = await().atMost(Duration.ofSeconds(60)).until(() -> deadLetterOf(ref), found -> found != null);

        as(Caller.of("k-monitor", "city", List.of(Role.MONITOR), List.of())).post().uri("/admin/dead-letters/{id}/replay", id)
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.rule").isEqualTo("role-required");
        // an ADMIN key of an organization replays: the audit trail names it, once the replay processed the record
        String keyId = "key:ops-" + UUID.randomUUID().toString().substring(0, 8);
        WebTestClient operator = as(Caller.of(keyId, "city-data-office", List.of(Role.ADMIN), List.of()));
        Instant before = Instant.now();
        operator.post().uri("/admin/dead-letters/{id}/replay", id).exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo("replay-failed");
        assertThat(audit.latest(100, "dead-letter.replayed", before)).noneMatch(entry -> entry.target().equals(id));

        REGISTRY.record(second);
        REGISTRY.record(third);
        operator.post().uri("/admin/dead-letters/{id}/replay", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("processed").jsonPath("$.key").isEqualTo(ref);
        http.get().uri("/partnerships/{ref}/timeline", ref).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.challenges.length()").isEqualTo(2);
        http.get().uri("/admin/dead-letters").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.deadLetters[?(@.id == '" + id + "')].replayedAt").value(v -> assertThat(v.toString()).isNotEqualTo("[null]"));
        assertThat(audit.latest(100, "dead-letter.replayed", before)).filteredOn(entry -> entry.target().equals(id)).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.subject()).isEqualTo(keyId);
                    assertThat(entry.organization()).isEqualTo("city-data-office");
                    assertThat(entry.service()).isEqualTo("assessment-service");
                    assertThat(entry.details()).containsEntry("topic", "assessment.dead-letters").containsEntry("key", ref);
                });
    }

    @Test
    void anEventWhoseRegistryIsDownWaitsForItAndIsNeverSetAside() throws Exception {
        String ref = uniqueRef("waits");
        publish(ref, 0, AssessmentServiceTest.formed(ref, PartnershipModel.SOCIAL_ISSUE, TODAY));
        RecordedFact second = commit(ref, 1, challenge("c1")).getFirst();
        RecordedFact third = commit(ref, 2, challenge("c2")).getFirst();
        REGISTRY.record(second);
        REGISTRY.record(third);
        REGISTRY.unavailable = true;
        try {
            send(third);
            // far more than three attempts' worth: still not set aside
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> deadLetterOf(ref) == null);
        } finally {
            REGISTRY.unavailable = false;
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> http.get().uri("/partnerships/{ref}/timeline", ref).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.challenges.length()").isEqualTo(2));
        assertThat(deadLetterOf(ref)).isNull();
    }

    WebTestClient as(Caller caller) {
        return GATEWAY.client(port, caller);
    }

    /** The id of the dead letter whose key is this ref, or null. */
    String deadLetterOf(String ref) {
        byte[] body = http.get().uri("/admin/dead-letters?limit=500").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        String json = new String(body, StandardCharsets.UTF_8);
        var matcher = Pattern.compile("\"id\":\"(\\d+-\\d+)\"[^}]*\"key\":\"" + ref + "\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    static ChallengeRaised challenge(String id) {
        return new ChallengeRaised(TODAY, id, Challenge.DATA_QUALITY, null, null);
    }

    /** Facts as one commit, not recorded in the stub registry. */
    static List<RecordedFact> commit(String ref, long first, PartnershipFact... facts) {
        List<RecordedFact> recorded = new ArrayList<>();
        for (int i = 0; i < facts.length; i++) {
            recorded.add(new RecordedFact(UUID.randomUUID().toString(), ref, first + i, Instant.now(), facts[i], i, facts.length, "ngo"));
        }
        return recorded;
    }

    /** Both partnerships' events on one partition, so that one's poison would block the other if it were not set aside. */
    static void sendToPartitionZero(List<RecordedFact> facts) throws Exception {
        for (RecordedFact fact : facts) {
            REGISTRY.record(fact);
            ProducerRecord<String, byte[]> record = PartnershipEventCodec.record(fact);
            producer.send(new ProducerRecord<>(record.topic(), 0, record.key(), record.value(), record.headers())).get();
        }
    }
}
