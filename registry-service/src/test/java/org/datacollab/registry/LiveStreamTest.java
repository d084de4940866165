package org.datacollab.registry;

import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.datacollab.testsupport.StreamCaps;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partnership's new facts arrive as Server-Sent Events, and a reconnect with Last-Event-ID resumes after the last
 * seen, within the window the instance holds (20 events in these tests): one that stopped before it is told to
 * resynchronise, and the topic is not replayed. A key holds at most five streams (decision 0034).
 */
class LiveStreamTest extends RegistryIntegrationTest {

    static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENTS = new ParameterizedTypeReference<>() { };

    @Test
    void newFactsStreamAndResumeFromLastEventId() {
        String ref = uniqueRef("live");
        // an administrator may wait for a partnership not formed yet
        var collected = stream(http, ref, null).take(2).collectList().subscribeOn(Schedulers.boundedElastic()).toFuture();
        form(ref);
        record(ref, "c1");
        List<ServerSentEvent<Map<String, Object>>> first = collected.join();
        assertThat(first).extracting(ServerSentEvent::event).containsExactly("PartnershipFormed", "ChallengeRaised");

        String afterFormation = first.get(0).id();
        List<ServerSentEvent<Map<String, Object>>> resumed = stream(http, ref, afterFormation).take(1).collectList().block(Duration.ofSeconds(30));
        assertThat(resumed).extracting(ServerSentEvent::event).containsExactly("ChallengeRaised");
        assertThat(resumed.get(0).data().get("sequenceNumber")).isEqualTo(1);
    }

    @Test
    void aClientThatStoppedBeforeTheWindowIsToldToResyncAndGetsOnlyTheWindow() {
        String ref = uniqueRef("window");
        var formation = stream(http, ref, null).take(1).collectList().subscribeOn(Schedulers.boundedElastic()).toFuture();
        form(ref);
        String afterFormation = formation.join().getFirst().id();
        // a client that stays connected sees all 25: once it has the last, the instance holds it too
        var live = stream(http, ref, afterFormation).filter(e -> !"resync".equals(e.event())).takeUntil(e -> "c25".equals(challengeId(e))).collectList()
                .subscribeOn(Schedulers.boundedElastic()).toFuture();
        for (int i = 1; i <= 25; i++) {
            record(ref, "c" + i);
        }
        assertThat(live.join()).extracting(LiveStreamTest::challengeId).hasSize(25);
        List<ServerSentEvent<Map<String, Object>>> resumed = stream(http, ref, afterFormation)
                .takeUntil(e -> "c25".equals(challengeId(e))).collectList().block(Duration.ofSeconds(30));
        assertThat(resumed.getFirst().event()).isEqualTo("resync");
        List<String> challenges = resumed.stream().skip(1).map(LiveStreamTest::challengeId).toList();
        assertThat(challenges).hasSizeLessThanOrEqualTo(20).doesNotContain("c1").endsWith("c25");
    }

    @Test
    void aKeyHoldsAtMostFiveStreams() {
        StreamCaps.assertAtMost(as(Caller.of("key-streams-" + uniqueRef("k"), "ngo-streams", List.of(Role.DASHBOARD), List.of())),
                "/partnerships/stream", 5);
    }

    Flux<ServerSentEvent<Map<String, Object>>> stream(WebTestClient client, String ref, String lastEventId) {
        return client.get().uri("/partnerships/{ref}/stream", ref).headers(h -> {
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                }).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk().returnResult(EVENTS).getResponseBody()
                .filter(e -> e.event() != null);
    }

    void form(String ref) {
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"ref":"%s","name":"Live","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g","occurredAt":"2024-01-01"}"""
                .formatted(ref)).exchange().expectStatus().isCreated();
    }

    void record(String ref, String challengeId) {
        http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"fact":"ChallengeRaised","occurredAt":"2024-01-02","challengeId":"%s","challenge":"DATA_QUALITY"}""".formatted(challengeId))
                .exchange().expectStatus().isCreated();
    }

    @SuppressWarnings("unchecked")
    static String challengeId(ServerSentEvent<Map<String, Object>> event) {
        Object fact = event.data() == null ? null : event.data().get("fact");
        return fact instanceof Map<?, ?> map ? (String) ((Map<String, Object>) map).get("challengeId") : null;
    }
}
