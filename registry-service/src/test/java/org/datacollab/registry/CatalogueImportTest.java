package org.datacollab.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.audit.AuditTrail;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue import through the registry's API (catalogue.md): GovLab's sample with its untidiness, a
 * second import recording nothing, a changed row, a BOM and semicolons, who names the steward, and the
 * errors that stop one row or the whole request.
 */
class CatalogueImportTest extends RegistryIntegrationTest {

    @Autowired
    AuditTrail audit;
    String tag;
    String organization;
    WebTestClient steward;

    @BeforeEach
    void anOrganizationWithAStewardKey() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        organization = "ngo-" + tag;
        steward = as(Caller.of("key-" + tag, organization, List.of(Role.STEWARD), List.of()));
    }

    /** GovLab's sample with this test's tag in every title, so that its refs are its own. */
    String sample() {
        String csv = new String(resource("/catalogue-sample.csv"), StandardCharsets.UTF_8);
        for (String title : List.of("Harbour Emissions Monitor", "Cross-border Mobility for Epidemics", "School Attendance Insights",
                "Flood Extent Maps")) {
            csv = csv.replace(title, title + " " + tag);
        }
        return csv;
    }

    JsonNode importing(WebTestClient client, String query, MediaType type, String body) {
        return json(client.post().uri("/catalogue/import?" + query).contentType(type).bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    JsonNode partnership(String ref) {
        return json(http.get().uri("/partnerships/{ref}", ref).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    JsonNode facts(String ref) {
        return json(http.get().uri("/partnerships/{ref}/facts", ref).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody()).path("items");
    }

    @Test
    void theSampleImportsRowByRowWithItsWarningsAndItsError() {
        JsonNode answer = importing(steward, "cataloguedOn=2024-03-01", MediaType.parseMediaType("text/csv"), sample());
        assertThat(answer.path("created").asInt()).isEqualTo(5);
        assertThat(answer.path("errors").asInt()).isEqualTo(1);
        assertThat(answer.path("steward").asText()).isEqualTo(organization);
        JsonNode rows = answer.path("rows");
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).path("ref").asText()).isEqualTo("harbour-emissions-monitor-" + tag);
        assertThat(rows.get(0).path("facts").asInt()).isEqualTo(2);
        assertThat(rows.get(3).path("warnings").findValuesAsText("column")).contains("Data source type", "Reference");
        assertThat(rows.get(4).path("error").path("rule").asText()).isEqualTo("title-required");
        assertThat(rows.get(4).path("row").asInt()).isEqualTo(5);
        assertThat(rows.get(5).path("ref").asText()).isEqualTo("harbour-emissions-monitor-" + tag + "-2");

        JsonNode harbour = partnership("harbour-emissions-monitor-" + tag);
        assertThat(harbour.path("catalogued").asBoolean()).isTrue();
        assertThat(harbour.path("jurisdiction").asText()).isEqualTo("NL");
        assertThat(harbour.path("catalogueStatus").asText()).isEqualTo("ONGOING");
        assertThat(harbour.path("description").path("accessModes").toString()).isEqualTo("[\"BATCH\",\"API\"]");
        assertThat(harbour.path("description").path("published").asBoolean()).isFalse();
        assertThat(facts("harbour-emissions-monitor-" + tag).get(0).path("recordedBy").asText()).isEqualTo(organization);
        JsonNode school = facts("school-attendance-insights-" + tag);
        assertThat(school).extracting(f -> f.path("fact").path("fact").asText())
                .containsExactly("PartnershipFormed", "PartnershipDescribed", "PartnershipEnded");
        assertThat(school.get(2).path("fact").path("outcome").asText()).isEqualTo("NOT_RECORDED");
        assertThat(school.get(2).path("fact").path("occurredAt").asText()).isEqualTo("2024-03-01T00:00:00Z");

        // the audit trail says who imported how many rows for whom, accepted and refused
        assertThat(importsBy("key-" + tag)).singleElement().satisfies(entry -> {
            assertThat(entry.organization()).isEqualTo(organization);
            assertThat(entry.roles()).containsExactly("STEWARD");
            assertThat(entry.service()).isEqualTo("registry-service");
            assertThat(entry.target()).isEqualTo(organization);
            assertThat(entry.details()).containsEntry("rows", "6").containsEntry("created", "5").containsEntry("matched", "0")
                    .containsEntry("refused", "1").containsEntry("cataloguedOn", "2024-03-01").containsEntry("publish", "false");
        });
    }

    List<AuditTrail.Entry> importsBy(String subject) {
        return audit.latest(500, "catalogue.imported", Instant.now().minusSeconds(600)).stream()
                .filter(entry -> entry.subject().equals(subject)).toList();
    }

    @Test
    void importingTheSameFileAgainRecordsNothingAndAChangedRowRecordsANewDescription() {
        importing(steward, "cataloguedOn=2024-03-01", MediaType.parseMediaType("text/csv"), sample());
        JsonNode again = importing(steward, "cataloguedOn=2024-04-01", MediaType.parseMediaType("text/csv"), sample());
        assertThat(again.path("created").asInt()).isZero();
        assertThat(again.path("matched").asInt()).isEqualTo(5);
        assertThat(again.path("rows").findValues("facts")).allMatch(f -> f.asInt() == 0);
        assertThat(facts("flood-extent-maps-" + tag)).hasSize(2);

        JsonNode changed = importing(steward, "cataloguedOn=2024-04-02", MediaType.parseMediaType("text/csv"),
                sample().replace("Asia,Global,Resilience", "Oceania,Global,Resilience"));
        assertThat(changed.path("rows").get(3).path("facts").asInt()).isEqualTo(1);
        assertThat(partnership("flood-extent-maps-" + tag).path("description").path("region").asText()).isEqualTo("OCEANIA");
        JsonNode older = importing(steward, "cataloguedOn=2024-04-01", MediaType.parseMediaType("text/csv"), sample());
        assertThat(older.path("rows").get(3).path("facts").asInt()).isZero();
        assertThat(older.path("rows").get(3).path("warnings").findValuesAsText("message")).anyMatch(m -> m.contains("older than"));
        JsonNode early = importing(steward, "cataloguedOn=2024-02-01", MediaType.parseMediaType("text/csv"), sample());
        assertThat(early.path("rows").get(0).path("error").path("rule").asText()).isEqualTo("occurred-before-formation");
    }

    @Test
    void aByteOrderMarkSemicolonsAndTheJsonForm() {
        String european = "\uFEFFTitle;Region;For;Status\nDutch Roads " + tag + ";Europe;Research, Policy & Public Decisionmaking;Pilot\n";
        JsonNode answer = importing(steward, "cataloguedOn=2024-03-01&publish=true", MediaType.parseMediaType("text/csv;charset=UTF-8"), european);
        assertThat(answer.path("created").asInt()).isEqualTo(1);
        JsonNode roads = partnership("dutch-roads-" + tag).path("description");
        assertThat(roads.path("purposes").toString()).isEqualTo("[\"RESEARCH\",\"POLICY_AND_PUBLIC_DECISIONS\"]");
        assertThat(roads.path("published").asBoolean()).isTrue();
        String json = "[{\"name\":\"Title\",\"region\":\"Region\"},{\"name\":\"Flood Maps JSON " + tag + "\",\"region\":\"asia\",\"link\":\"nope\"}]";
        JsonNode fromJson = importing(steward, "cataloguedOn=2024-03-01", MediaType.APPLICATION_JSON, json);
        assertThat(fromJson.path("skipped").asInt()).isEqualTo(1);
        assertThat(fromJson.path("rows").get(1).path("warnings").get(0).path("column").asText()).isEqualTo("link");
    }

    @Test
    void anAdminNamesTheStewardAndAnotherOrganizationsRefIsTaken() {
        http.post().uri("/catalogue/import?cataloguedOn=2024-03-01").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("Title\nX\n").exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.rule").isEqualTo("steward-required");
        JsonNode answer = importing(http, "cataloguedOn=2024-03-01&steward=" + organization, MediaType.parseMediaType("text/csv"),
                "Title,Region\nAdmin Import " + tag + ",Asia\n");
        assertThat(answer.path("steward").asText()).isEqualTo(organization);
        // the named steward's own key sees the entry and describes it on its next import
        JsonNode own = importing(steward, "cataloguedOn=2024-03-02", MediaType.parseMediaType("text/csv"), "Title,Region\nAdmin Import " + tag + ",Europe\n");
        assertThat(own.path("rows").get(0).path("facts").asInt()).isEqualTo(1);
        WebTestClient other = as(Caller.of("key-other-" + tag, "other-" + tag, List.of(Role.STEWARD), List.of()));
        JsonNode taken = importing(other, "cataloguedOn=2024-03-03", MediaType.parseMediaType("text/csv"), "Title,Region\nAdmin Import " + tag + ",Oceania\n");
        assertThat(taken.path("rows").get(0).path("error").path("rule").asText()).isEqualTo("partnership-ref-unique");
        other.post().uri("/catalogue/import?cataloguedOn=2024-03-01&steward=" + organization).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("Title\nX\n").exchange().expectStatus().isForbidden().expectBody().jsonPath("$.rule").isEqualTo("own-organization");
        as(Caller.of("key-monitor-" + tag, organization, List.of(Role.MONITOR), List.of())).post().uri("/catalogue/import?cataloguedOn=2024-03-01")
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue("Title\nX\n").exchange().expectStatus().isForbidden();
    }

    @Test
    void rowsNamingOneRefRunInFileOrderAndSeeEachOther() {
        String csv = "Title,ref,Region\nOne " + tag + ",same-" + tag + ",Asia\nOther " + tag + ",,Europe\nOne again " + tag
                + ",same-" + tag + ",Oceania\n";
        JsonNode answer = importing(steward, "cataloguedOn=2024-03-01", MediaType.parseMediaType("text/csv"), csv);
        assertThat(answer.path("rows").valueStream().map(r -> r.path("row").asInt()).toList()).containsExactly(1, 2, 3);
        assertThat(answer.path("rows").get(0).path("created").asBoolean()).isTrue();
        assertThat(answer.path("rows").get(2).path("created").asBoolean()).isFalse();
        assertThat(answer.path("rows").get(2).path("facts").asInt()).isEqualTo(1);
        assertThat(answer.path("rows").get(2).path("warnings").findValuesAsText("column")).containsExactly("Title");
        assertThat(partnership("same-" + tag).path("description").path("region").asText()).isEqualTo("OCEANIA");
    }

    @Test
    void aCatalogueMayBeLargerThanAnOrdinaryBody() {
        // two rows with a 200 KB column nobody reads: 400 KB, over the 256 KB every other body is held to
        String wide = "x".repeat(200_000);
        String csv = "Title,Image FileName\nWide One " + tag + "," + wide + "\nWide Two " + tag + "," + wide + "\n";
        JsonNode answer = importing(steward, "cataloguedOn=2024-03-01", MediaType.parseMediaType("text/csv"), csv);
        assertThat(answer.path("created").asInt()).isEqualTo(2);
    }

    @Test
    void requestsThatCannotBeImportedAtAll() {
        steward.post().uri("/catalogue/import").contentType(MediaType.parseMediaType("text/csv")).bodyValue("Title\nX\n")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("cataloguedOn");
        steward.post().uri("/catalogue/import?cataloguedOn=" + LocalDate.now().plusDays(2)).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("Title\nX\n").exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("occurred-in-future");
        steward.post().uri("/catalogue/import?cataloguedOn=2024-03-01").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("Region\nAsia\n").exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.rule").isEqualTo("catalogue-columns");
        steward.post().uri("/catalogue/import?cataloguedOn=2024-03-01").contentType(MediaType.APPLICATION_XML)
                .bodyValue("<x/>").exchange().expectStatus().isEqualTo(415);
        // a date every fact of the import would carry, with a year of more or fewer than four digits
        for (String day : List.of("-999999999-01-01", "0999-12-31")) {
            steward.post().uri("/catalogue/import?cataloguedOn={day}", day).contentType(MediaType.parseMediaType("text/csv"))
                    .bodyValue("Title\nDated " + tag + "\n").exchange().expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.rule").isEqualTo("date-range").jsonPath("$.field").isEqualTo("cataloguedOn");
        }
        http.get().uri("/partnerships/{ref}", "dated-" + tag).exchange().expectStatus().isNotFound();
        // a file refused whole recorded nothing, and is not in the audit trail
        assertThat(importsBy("key-" + tag)).isEmpty();
    }

    static JsonNode json(byte[] body) {
        try {
            return ContractJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
