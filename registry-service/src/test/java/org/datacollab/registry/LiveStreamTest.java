package org.datacollab.registry;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A partnership's new facts arrive as Server-Sent Events, and a reconnect with Last-Event-ID resumes after the last seen. */
class LiveStreamTest extends RegistryIntegrationTest {

    @Test
    void newFactsStreamAndResumeFromLastEventId() {
        String ref = uniqueRef("live");
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"ref":"%s","name":"Live","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g","occurredAt":"2024-01-01"}"""
                .formatted(ref)).exchange().expectStatus().isCreated();
        var type = new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { };
        // resume from the beginning of every partition: the formation is replayed, then live facts follow
        Flux<ServerSentEvent<Map<String, Object>>> stream = http.get().uri("/partnerships/{ref}/stream", ref)
                .header("Last-Event-ID", "0:0,1:0,2:0,3:0").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk().returnResult(type).getResponseBody()
                .filter(e -> e.event() != null);
        var collected = stream.take(2).collectList().subscribeOn(Schedulers.boundedElastic()).toFuture();
        http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"fact":"ChallengeRaised","occurredAt":"2024-01-02","challengeId":"c1","challenge":"DATA_QUALITY"}""")
                .exchange().expectStatus().isCreated();
        List<ServerSentEvent<Map<String, Object>>> first = collected.join();
        assertThat(first).extracting(ServerSentEvent::event).containsExactly("PartnershipFormed", "ChallengeRaised");

        String afterFormation = first.get(0).id();
        List<ServerSentEvent<Map<String, Object>>> resumed = http.get().uri("/partnerships/{ref}/stream", ref)
                .header("Last-Event-ID", afterFormation).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().returnResult(type).getResponseBody().filter(e -> e.event() != null)
                .take(1).collectList().block(Duration.ofSeconds(30));
        assertThat(resumed).extracting(ServerSentEvent::event).containsExactly("ChallengeRaised");
        assertThat(resumed.get(0).data().get("sequenceNumber")).isEqualTo(1);
    }
}
