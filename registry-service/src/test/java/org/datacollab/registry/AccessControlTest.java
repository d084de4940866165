package org.datacollab.registry;

import org.datacollab.security.Caller;
import org.datacollab.security.InternalTokens;
import org.datacollab.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles and tenancy, enforced by the registry itself from the internal token: per role each allowed and each
 * refused action; another organization's partnership answers 404 wherever it could show (read, record, export,
 * search, organizations, streams); requests without a valid internal token reach nothing.
 */
class AccessControlTest extends RegistryIntegrationTest {

    String telcoRef;
    WebTestClient telcoSteward;

    @BeforeEach
    void telcoFormsAPartnership() {
        telcoRef = uniqueRef("acl");
        String telco = "telco-" + telcoRef;
        telcoSteward = as(Caller.of("key-telco", telco, List.of(Role.STEWARD), List.of()));
        telcoSteward.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue(formation(telcoRef, "NL-Amsterdam"))
                .exchange().expectStatus().isCreated();
        // the steward (the organization that formed it) records facts before being a partner, then joins
        telcoSteward.post().uri("/partnerships/{ref}/facts", telcoRef).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"fact":"PartnerJoined","occurredAt":"2024-01-02","organization":{"ref":"%s","name":"Telco","sector":"PRIVATE"},
                 "roles":["LEAD","DATA_PROVIDER"]}""".formatted(telco)).exchange().expectStatus().isCreated();
    }

    static String formation(String ref, String jurisdiction) {
        return """
                {"ref":"%s","name":"Access %s","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g",
                 "jurisdiction":"%s","occurredAt":"2024-01-01"}""".formatted(ref, ref, jurisdiction);
    }

    static String challenge(String id) {
        return """
                {"fact":"ChallengeRaised","occurredAt":"2024-01-03","challengeId":"%s","challenge":"DATA_QUALITY"}""".formatted(id);
    }

    @Test
    void withoutAValidInternalTokenNothingIsReachable() {
        anonymous().get().uri("/partnerships/{ref}", telcoRef).exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo("internal-token-required").jsonPath("$.field").isEqualTo("Authorization");
        anonymous().post().uri("/partnerships/{ref}/facts", telcoRef).contentType(MediaType.APPLICATION_JSON).bodyValue(challenge("x"))
                .exchange().expectStatus().isUnauthorized();
        // identity headers are not trusted, and a token signed with another secret is refused
        String forged = new InternalTokens("some-other-secret-that-is-long-enough").mint(Caller.admin("mallory"), "r");
        anonymous().get().uri("/partnerships/{ref}", telcoRef).header("X-Organization", "telco").header("Authorization", "Bearer " + forged)
                .exchange().expectStatus().isUnauthorized();
        // the actuator is on the management port only (health for the kubelet, metrics for Prometheus)
        management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        anonymous().get().uri("/actuator/health/liveness").exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
        http.get().uri("/partnerships/{ref}/facts", telcoRef).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(2);
    }

    @Test
    void aStewardRecordsForItsOwnPartnershipsAndAnotherOrganizationsAreNotThere() {
        telcoSteward.post().uri("/partnerships/{ref}/facts", telcoRef).contentType(MediaType.APPLICATION_JSON).bodyValue(challenge("c1"))
                .exchange().expectStatus().isCreated();
        telcoSteward.get().uri("/partnerships/{ref}", telcoRef).exchange().expectStatus().isOk();

        WebTestClient ngo = as(Caller.of("key-ngo", "ngo-" + telcoRef, List.of(Role.STEWARD, Role.MONITOR), List.of()));
        for (String path : List.of("/partnerships/{ref}", "/partnerships/{ref}/facts", "/partnerships/{ref}/export")) {
            ngo.get().uri(path, telcoRef).exchange().expectStatus().isNotFound()
                    .expectBody().jsonPath("$.rule").isEqualTo("unknown-partnership");
        }
        ngo.post().uri("/partnerships/{ref}/facts", telcoRef).contentType(MediaType.APPLICATION_JSON).bodyValue(challenge("c2"))
                .exchange().expectStatus().isNotFound();
        ngo.get().uri("/partnerships/{ref}/stream", telcoRef).accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isNotFound();
        ngo.get().uri("/partnerships?q={q}", telcoRef).exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
        ngo.get().uri("/organizations/{o}", "telco-" + telcoRef).exchange().expectStatus().isNotFound();
        // the refused attempt recorded nothing
        http.get().uri("/partnerships/{ref}/facts", telcoRef).exchange().expectBody().jsonPath("$.total").isEqualTo(3);
        // but the NGO creates its own
        String own = uniqueRef("ngo");
        ngo.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue(formation(own, "NL-Utrecht"))
                .exchange().expectStatus().isCreated();
        ngo.get().uri("/partnerships/{ref}", own).exchange().expectStatus().isOk();
    }

    @Test
    void aMonitorReadsItsJurisdictionAndChangesNothing() {
        WebTestClient city = as(Caller.of("key-city", "city-office", List.of(Role.MONITOR), List.of("NL-Amsterdam")));
        city.get().uri("/partnerships/{ref}", telcoRef).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.ref").isEqualTo(telcoRef);
        // the search reads the read model, which its own processor projects a moment after the facts are stored
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                city.get().uri("/partnerships?q={q}", telcoRef).exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1));
        city.get().uri("/organizations/{o}", "telco-" + telcoRef).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.partnerships[0].ref").isEqualTo(telcoRef);
        city.post().uri("/partnerships/{ref}/facts", telcoRef).contentType(MediaType.APPLICATION_JSON).bodyValue(challenge("c3"))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.rule").isEqualTo("role-required");
        city.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue(formation(uniqueRef("m"), "NL-Amsterdam"))
                .exchange().expectStatus().isForbidden();

        WebTestClient otherCity = as(Caller.of("key-utrecht", "utrecht-office", List.of(Role.MONITOR), List.of("NL-Utrecht")));
        otherCity.get().uri("/partnerships/{ref}", telcoRef).exchange().expectStatus().isNotFound();
        http.get().uri("/partnerships/{ref}/facts", telcoRef).exchange().expectBody().jsonPath("$.total").isEqualTo(2);
    }

    @Test
    void anOrganizationIsNamedOnlyAsThePartnershipsTheCallerSeesNameIt() {
        // another steward names the telco in a partnership of its own, elsewhere, under another name
        String telco = "telco-" + telcoRef;
        String rivals = uniqueRef("aaa");
        WebTestClient rival = as(Caller.of("key-rival", "rival-" + telcoRef, List.of(Role.STEWARD), List.of()));
        rival.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue(formation(rivals, "NL-Utrecht"))
                .exchange().expectStatus().isCreated();
        rival.post().uri("/partnerships/{ref}/facts", rivals).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"fact":"PartnerJoined","occurredAt":"2024-01-02","organization":{"ref":"%s","name":"Named by the rival","sector":"PUBLIC"},
                 "roles":["DATA_USER"]}""".formatted(telco)).exchange().expectStatus().isCreated();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/organizations/{o}", telco).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.partnerships.length()").isEqualTo(2));

        // a monitor of Amsterdam sees the telco's partnership there, not the rival's, nor what the rival calls the telco
        WebTestClient city = as(Caller.of("key-city", "city-office", List.of(Role.MONITOR), List.of("NL-Amsterdam")));
        String one = new String(city.get().uri("/organizations/{o}", telco).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Telco").jsonPath("$.sector").isEqualTo("PRIVATE")
                .jsonPath("$.partnerships.length()").isEqualTo(1).returnResult().getResponseBody());
        String all = new String(city.get().uri("/organizations?size=200").exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody());
        assertThat(one + all).doesNotContain("Named by the rival").doesNotContain(rivals);
    }

    @Test
    void aDashboardKeyReadsAndStreamsButRecordsNothing() {
        WebTestClient dashboard = as(Caller.of("key-dash", "telco-" + telcoRef, List.of(Role.DASHBOARD), List.of()));
        dashboard.get().uri("/partnerships/{ref}", telcoRef).exchange().expectStatus().isOk();
        dashboard.get().uri("/partnerships/{ref}/stream", telcoRef).accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().subscribe().dispose();
        dashboard.post().uri("/partnerships/{ref}/facts", telcoRef).contentType(MediaType.APPLICATION_JSON).bodyValue(challenge("c4"))
                .exchange().expectStatus().isForbidden();
        dashboard.post().uri("/partnerships/import").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"format\":\"partnership-history/v1\"}").exchange().expectStatus().isForbidden();
    }

    @Test
    void theStreamOfAllFactsCarriesOnlyTheCallersPartnerships() {
        String ngoOrg = "ngo-stream-" + telcoRef;
        WebTestClient ngo = as(Caller.of("key-ngo-stream", ngoOrg, List.of(Role.STEWARD), List.of()));
        var type = new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { };
        String own = uniqueRef("mine");
        // from the beginning of every partition: everything this Kafka topic holds passes the filter
        var seen = ngo.get().uri("/partnerships/stream").header("Last-Event-ID", "0:0,1:0,2:0,3:0").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk().returnResult(type).getResponseBody()
                .filter(e -> e.event() != null && !"resync".equals(e.event()))
                .takeUntil(e -> own.equals(e.data().get("ref")) && "ChallengeRaised".equals(e.event()))
                .collectList().subscribeOn(Schedulers.boundedElastic()).toFuture();
        telcoSteward.post().uri("/partnerships/{ref}/facts", telcoRef).contentType(MediaType.APPLICATION_JSON).bodyValue(challenge("c5"))
                .exchange().expectStatus().isCreated();
        ngo.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue(formation(own, "NL-Utrecht"))
                .exchange().expectStatus().isCreated();
        ngo.post().uri("/partnerships/{ref}/facts", own).contentType(MediaType.APPLICATION_JSON).bodyValue(challenge("c6"))
                .exchange().expectStatus().isCreated();
        List<ServerSentEvent<Map<String, Object>>> events = seen.orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(events).extracting(e -> e.data().get("ref")).containsOnly(own);
        assertThat(events).extracting(ServerSentEvent::event).containsExactly("PartnershipFormed", "ChallengeRaised");
    }
}
