package org.datacollab.registry;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Search and organizations, from the read models the second tracking processor projects. */
class ReadModelTest extends RegistryIntegrationTest {

    @Test
    void partnershipsAreFoundByModelPhaseJurisdictionOrganizationAndText() {
        String ref = uniqueRef("searchable");
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"ref":"%s","name":"Flood sensors","model":"SOCIETAL_SECTOR","timeframe":"OPEN_ENDED","societalIssue":"River floods",
                 "intendedGoal":"Early warning","jurisdiction":"%s","occurredAt":"2024-01-01"}""".formatted(ref, ref.toUpperCase()))
                .exchange().expectStatus().isCreated();
        http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"fact":"PartnerJoined","occurredAt":"2024-01-02","organization":{"ref":"%s-water","name":"Water board","sector":"PUBLIC"},
                 "roles":["LEAD","DATA_PROVIDER"]}""".formatted(ref)).exchange().expectStatus().isCreated();
        http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"fact":"DataDelivered","occurredAt":"2024-01-03","provider":"%s-water","dataset":"levels"}""".formatted(ref))
                .exchange().expectStatus().isCreated();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/partnerships?jurisdiction={j}&phase=OPERATING&model=SOCIETAL_SECTOR", ref.toUpperCase())
                        .exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].ref").isEqualTo(ref));
        http.get().uri("/partnerships?organization={o}", ref + "-water").exchange().expectBody()
                .jsonPath("$.items[0].ref").isEqualTo(ref);
        http.get().uri("/partnerships?q=RIVER FLOOD&jurisdiction={j}", ref.toUpperCase()).exchange().expectBody()
                .jsonPath("$.total").isEqualTo(1);
        http.get().uri("/partnerships?q=volcano&jurisdiction={j}", ref.toUpperCase()).exchange().expectBody()
                .jsonPath("$.total").isEqualTo(0);
        http.get().uri("/partnerships?phase=SCALING&jurisdiction={j}", ref.toUpperCase()).exchange().expectBody()
                .jsonPath("$.total").isEqualTo(0);
        http.get().uri("/organizations/{o}", ref + "-water").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Water board")
                .jsonPath("$.partnerships[0].ref").isEqualTo(ref)
                .jsonPath("$.partnerships[0].roles[0]").isEqualTo("LEAD");
        http.get().uri("/partnerships?phase=NOT_A_PHASE").exchange().expectStatus().isBadRequest();
    }
}
