package org.datacollab.registry;

import org.datacollab.contracts.facts.RecordedFact;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every recorded fact reaches partnership-events as a CloudEvent keyed by ref, in sequence order. */
class PublicationTest extends RegistryIntegrationTest {

    @Test
    void recordedFactsArePublishedInOrderAsCloudEvents() {
        String ref = uniqueRef("published");
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"ref":"%s","name":"Published","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s",
                 "intendedGoal":"g","occurredAt":"2024-01-10"}""".formatted(ref))
                .exchange().expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"0\"");
        http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"fact":"PartnerJoined","occurredAt":"2024-01-11","organization":{"ref":"telco","name":"Telco","sector":"PRIVATE"},
                 "roles":["DATA_PROVIDER"]}""")
                .exchange().expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"1\"");
        http.post().uri("/partnerships/{ref}/facts/DataDelivered", ref).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"occurredAt":"2024-01-12","provider":"telco","dataset":"call records"}""")
                .exchange().expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"3\"");

        List<RecordedFact> received = PublishedFacts.await(ref, 4);
        assertThat(received).extracting(RecordedFact::sequenceNumber).containsExactly(0L, 1L, 2L, 3L);
        assertThat(received).extracting(r -> r.fact().factName())
                .containsExactly("PartnershipFormed", "PartnerJoined", "DataDelivered", "PhaseChanged");
        assertThat(received).allSatisfy(r -> assertThat(r.ref()).isEqualTo(ref));
        assertThat(received.get(2).commitSize()).isEqualTo(2);
        assertThat(received.get(3).endsCommit()).isTrue();

        String metrics = management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("registry_commands_seconds_count{application=\"registry-service\",outcome=\"accepted\",type=\"DataDelivered\"}")
                .contains("registry_eventstore_append_seconds_count")
                .contains("registry_publication_pending");

        String openApi = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(openApi).contains("/partnerships/{ref}/facts").contains("/partnerships/import").contains("/organizations");
    }
}
