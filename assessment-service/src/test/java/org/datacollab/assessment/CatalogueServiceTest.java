package org.datacollab.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.catalogue.CatalogueFile;
import org.datacollab.catalogue.Sheet;
import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.assessment.projection.PartnershipEventsListener;
import org.datacollab.security.Caller;
import org.datacollab.testsupport.AsGateway;
import org.datacollab.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The searchable catalogue against real MongoDB (and Kafka for risk changes): the test hands the projection three
 * catalogued partnerships of one steward and one of another organization, then searches, exports and reads
 * the public catalogue as the gateway would call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogueServiceTest {

    static final String SECRET = "catalogue-test-secret-0123456789abcdef";
    static final AsGateway GATEWAY = new AsGateway(SECRET);
    static final String TAG = UUID.randomUUID().toString().substring(0, 6);
    static final String STEWARD = "ngo-" + TAG;
    static final String OTHER = "city-" + TAG;
    static final Instant FORMED = LocalDate.now(ZoneOffset.UTC).minusDays(60).atStartOfDay(ZoneOffset.UTC).toInstant();
    static boolean published;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceUnderTest.register(registry, ServiceUnderTest.database("catalogue-test"), SECRET);
        // the events are handed to the listener directly (its Kafka path is AssessmentServiceTest's): this service
        // consumes nothing, so it neither takes other tests' events nor waits on them
        registry.add("spring.kafka.listener.auto-startup", () -> "false");
        registry.add("datacollab.registry.url", () -> "http://127.0.0.1:9");
    }

    @LocalServerPort
    int port;
    @Autowired
    PartnershipEventsListener listener;

    /** Once, with the service up: three catalogued partnerships of one steward, one of another organization. */
    @BeforeEach
    void publishTheCatalogueOnce() {
        if (published) {
            return;
        }
        published = true;
        publish("harbour-" + TAG, STEWARD, formed("harbour-" + TAG, "Harbour Emissions", "NL"),
                described(CollaborationType.DATA_POOL, List.of(Purpose.RESEARCH), List.of("Environment", "Transport"), Region.EUROPE, true),
                new PartnerJoined(FORMED, new Organization("port-" + TAG, "Port Authority", Sector.PUBLIC), List.of(Role.DATA_PROVIDER, Role.LEAD)),
                new DataDelivered(FORMED, "port-" + TAG, "ais", 100L, null),
                new PhaseChanged(FORMED, Phase.FORMING, Phase.OPERATING, "first data delivered"));
        publish("epidemics-" + TAG, STEWARD, formed("epidemics-" + TAG, "Mobility for Epidemics", null),
                described(CollaborationType.RESEARCH_PARTNERSHIP, List.of(Purpose.RESEARCH, Purpose.POLICY_AND_PUBLIC_DECISIONS),
                        List.of("Health"), Region.WORLDWIDE, false));
        publish("floods-" + TAG, STEWARD, formed("floods-" + TAG, "Flood Maps", "BD"),
                described(CollaborationType.PRIZE_OR_CHALLENGE, List.of(Purpose.CITIZEN_DECISIONS), List.of("health", "Resilience"),
                        Region.ASIA, true),
                new PartnershipEnded(FORMED, Outcome.NOT_RECORDED, null));
        publish("elsewhere-" + TAG, OTHER, formed("elsewhere-" + TAG, "Someone else's", "NL"),
                described(CollaborationType.DATA_POOL, List.of(Purpose.RESEARCH), List.of("Health"), Region.EUROPE, true));
    }

    static PartnershipFormed formed(String ref, String name, String jurisdiction) {
        return new PartnershipFormed(FORMED, ref, name, null, null, null, null, jurisdiction, List.of(), true);
    }

    static PartnershipDescribed described(CollaborationType type, List<Purpose> purposes, List<String> topics, Region region, boolean published) {
        return new PartnershipDescribed(FORMED, type, purposes, topics, region, null, List.of(), null, null, null, null, null,
                List.of(), null, null, "About " + topics.getFirst(), List.of(), null, published);
    }

    void publish(String ref, String steward, PartnershipFact... facts) {
        for (int i = 0; i < facts.length; i++) {
            listener.apply(new RecordedFact(UUID.randomUUID().toString(), ref, i, Instant.now(), facts[i], i, facts.length, steward));
        }
    }

    WebTestClient as(String organization) {
        return GATEWAY.client(port, Caller.of("key-" + organization, organization, List.of(org.datacollab.security.Role.STEWARD), List.of()));
    }

    JsonNode get(WebTestClient client, String uri) {
        return json(client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    JsonNode awaitTotal(WebTestClient client, String uri, int total) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> get(client, uri), answer -> answer.path("total").asInt() == total);
    }

    @Test
    void facetsCountWithEveryFilterButTheirOwn() {
        WebTestClient steward = as(STEWARD);
        JsonNode all = awaitTotal(steward, "/catalogue", 3);
        assertThat(all.path("items").valueStream().map(i -> i.path("ref").asText()).toList()).containsExactly("epidemics-" + TAG, "floods-" + TAG, "harbour-" + TAG);
        assertThat(all.path("facets").path("topic").toString()).isEqualTo("{\"Health\":2,\"Environment\":1,\"Resilience\":1,\"Transport\":1}");
        assertThat(all.path("facets").path("status").toString()).isEqualTo("{\"ANNOUNCED\":1,\"ENDED\":1,\"ONGOING\":1}");
        assertThat(all.path("facets").path("model").toString()).isEqualTo("{\"UNCLASSIFIED\":3}");
        assertThat(all.path("facets").path("organization").toString())
                .isEqualTo("{\"" + STEWARD + "\":3,\"port-" + TAG + "\":1}");
        JsonNode health = get(steward, "/catalogue?topic=health&purpose=POLICY_AND_PUBLIC_DECISIONS&purpose=citizen decisionmaking");
        assertThat(health.path("items").valueStream().map(i -> i.path("ref").asText()).toList()).containsExactly("epidemics-" + TAG, "floods-" + TAG);
        assertThat(health.path("facets").path("topic").path("Transport").asInt()).isZero();
        assertThat(health.path("facets").path("topic").path("Health").asInt()).isEqualTo(2);
        assertThat(health.path("facets").path("purpose").toString())
                .isEqualTo("{\"CITIZEN_DECISIONS\":1,\"POLICY_AND_PUBLIC_DECISIONS\":1,\"RESEARCH\":1}");
        assertThat(get(steward, "/catalogue?organization=port-" + TAG + "&q=emissions").path("total").asInt()).isEqualTo(1);
        assertThat(get(steward, "/catalogue?q=about resilience").path("items").valueStream().map(i -> i.path("ref").asText()).toList()).containsExactly("floods-" + TAG);
        JsonNode harbour = get(steward, "/catalogue?type=data collaboratives").path("items").get(0);
        assertThat(harbour.path("level").asText()).isEqualTo("LOW"); // data delivered without an agreement: its life is recorded
        assertThat(harbour.path("sharedBy").asText()).isEqualTo("Port Authority");
        assertThat(get(steward, "/catalogue?status=ANNOUNCED").path("items").get(0).path("level").asText()).isEqualTo("NONE");
    }

    @Test
    void anotherOrganizationSeesOnlyItsOwnAndBadFiltersAreNamed() {
        WebTestClient other = as(OTHER);
        JsonNode own = awaitTotal(other, "/catalogue", 1);
        assertThat(own.path("items").get(0).path("ref").asText()).isEqualTo("elsewhere-" + TAG);
        other.get().uri("/catalogue?region=Mars").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rule").isEqualTo("enum-value").jsonPath("$.field").isEqualTo("region");
        other.get().uri("/catalogue?size=201").exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("size");
    }

    @Test
    void theExportIsGovLabsColumnsThenTheRegistrysAndImportsBack() throws IOException {
        WebTestClient steward = as(STEWARD);
        awaitTotal(steward, "/catalogue", 3);
        String csv = steward.get().uri("/catalogue/export?format=csv&status=ONGOING,ENDED").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv").expectBody(String.class).returnResult().getResponseBody();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).startsWith("Title,Status,Type of Activity,Region,Location,Sector,").endsWith(",ref,phase,model,level");
        assertThat(lines.get(1)).startsWith("Flood Maps,Ended,Prizes & Challenges,Asia,BD,health,Resilience,Citizen Decisionmaking,")
                .endsWith(",floods-" + TAG + ",ENDED,UNCLASSIFIED,NONE");
        assertThat(lines.get(2)).contains("Harbour Emissions,Ongoing,Data Collaboratives,Europe,NL,Environment,Transport,Research,")
                .contains(",Port Authority,").endsWith(",harbour-" + TAG + ",OPERATING,UNCLASSIFIED,LOW");
        Sheet sheet = CatalogueFile.csv(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(sheet.rows()).hasSize(2);
        JsonNode json = json(steward.get().uri("/catalogue/export?format=json&q=flood").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        assertThat(json).hasSize(1);
        assertThat(json.get(0).path("Type of Activity").asText()).isEqualTo("Prizes & Challenges");
        assertThat(json.get(0).path("level").asText()).isEqualTo("NONE");
    }

    @Test
    void thePublicCatalogueHasPublishedEntriesWithoutRisk() {
        WebTestClient anyone = GATEWAY.client(port, Caller.anonymous());
        JsonNode published = await().atMost(Duration.ofSeconds(60))
                .until(() -> get(anyone, "/catalogue/public?organization=" + STEWARD), a -> a.path("total").asInt() == 2);
        assertThat(published.path("items").valueStream().map(i -> i.path("ref").asText()).toList()).containsExactly("floods-" + TAG, "harbour-" + TAG);
        JsonNode harbour = published.path("items").get(1);
        assertThat(harbour.has("level")).isFalse();
        assertThat(harbour.has("phase")).isFalse();
        assertThat(harbour.path("partners").toString()).isEqualTo("[\"Port Authority\"]");
        assertThat(harbour.path("status").asText()).isEqualTo("ONGOING");
        assertThat(published.path("facets").path("region").toString()).isEqualTo("{\"ASIA\":1,\"EUROPE\":1}");
    }

    /** The gateway's anonymous caller reads the public catalogue and nothing else; without any token, not even that. */
    @Test
    void theAnonymousCallerReadsThePublicCatalogueOnly() {
        WebTestClient anyone = GATEWAY.client(port, Caller.anonymous());
        await().atMost(Duration.ofSeconds(60)).until(() -> get(anyone, "/catalogue/public?organization=" + STEWARD), a -> a.path("total").asInt() == 2);
        for (String path : List.of("/catalogue", "/catalogue/export", "/portfolios/mine", "/portfolios/mine/figures", "/statistics",
                "/partnerships/floods-" + TAG + "/assessment", "/admin/processors")) {
            anyone.get().uri(path).exchange().expectStatus().isForbidden().expectBody().jsonPath("$.rule").isEqualTo("role-required");
        }
        AsGateway.anonymous(port).get().uri("/catalogue/public").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.rule").isEqualTo("internal-token-required");
    }

    @Test
    void portfolioFiguresOverThePartnershipsTheCallerMaySee() {
        WebTestClient steward = as(STEWARD);
        awaitTotal(steward, "/catalogue", 3);
        JsonNode mine = get(steward, "/portfolios/mine/figures");
        assertThat(mine.path("portfolio").asText()).isEqualTo("mine");
        JsonNode figures = mine.path("figures");
        assertThat(figures.path("partnerships").asInt()).isEqualTo(3);
        assertThat(figures.path("byCatalogueStatus").toString()).isEqualTo("{\"ANNOUNCED\":1,\"PILOT\":0,\"ONGOING\":1,\"ENDED\":1}");
        assertThat(figures.path("byPhase").path("OPERATING").asInt()).isEqualTo(1);
        assertThat(figures.path("agreementsInForce").asInt()).isZero();
        JsonNode months = figures.path("deliveriesPerMonth");
        assertThat(months.get(0).path("month").asText()).isEqualTo(FORMED.toString().substring(0, 7));
        assertThat(months.get(0).path("count").asInt()).isEqualTo(1);
        assertThat(months.get(0).path("records").asInt()).isEqualTo(100);
        assertThat(months.get(months.size() - 1).path("count").asInt()).isZero();
        assertThat(figures.path("newPerQuarter").valueStream().mapToInt(q -> q.path("count").asInt()).sum()).isEqualTo(3);
        JsonNode port = get(steward, "/portfolios/organizations/port-" + TAG + "/figures").path("figures");
        assertThat(port.path("partnerships").asInt()).isEqualTo(1);
        assertThat(get(as(OTHER), "/portfolios/organizations/port-" + TAG + "/figures").path("figures").path("partnerships").asInt()).isZero();
        assertThat(get(as(OTHER), "/portfolios/jurisdictions/NL/figures").path("figures").path("partnerships").asInt()).isEqualTo(1);
    }

    static List<String> refs(JsonNode answer) {
        return answer.path("items").valueStream().map(i -> i.path("ref").asText()).toList();
    }

    static JsonNode json(byte[] body) {
        try {
            return ContractJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
