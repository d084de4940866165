package org.datacollab.catalogue;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.*;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import org.datacollab.contracts.json.ContractJson;

import static org.assertj.core.api.Assertions.assertThat;

/** A row matched to an entry that exists: what changes it, what does not (catalogue.md's precise readings). */
class MatchingTest {

    static final LocalDate ON = ImportTest.ON;
    static final String HEADER = "Title,Status,Type of Activity,Region,Location,Sector,Use Sub-categories,For,Shared by,Use Details,Reference\n";
    static final String ROW = "Flood maps,Pilot,Prizes & Challenges,Asia,BD,Resilience,Disaster response,Citizen Decisionmaking,,Maps,https://e.org/f\n";

    /** The entries a file creates, by ref (their facts, as the registry would record them). */
    static Map<String, List<PartnershipFact>> created(String csv) {
        Map<String, List<PartnershipFact>> entries = new LinkedHashMap<>();
        for (RowPlan plan : ImportTest.plan(ImportTest.csv(csv), false)) {
            if (plan instanceof RowPlan.Create c) {
                List<PartnershipFact> facts = new ArrayList<>(List.of(c.formed()));
                facts.addAll(c.facts());
                entries.put(c.ref(), facts);
            }
        }
        return entries;
    }

    /** The plans of a file against these entries, on a day. */
    static List<RowPlan> match(String csv, Map<String, List<PartnershipFact>> entries, LocalDate on, boolean publish) {
        return match(ImportTest.csv(csv), entries, on, publish);
    }

    static List<RowPlan> match(Sheet sheet, Map<String, List<PartnershipFact>> entries, LocalDate on, boolean publish) {
        return ImportRows.of(sheet).stream().map(step -> {
            if (step.decided() != null) {
                return step.decided();
            }
            List<PartnershipFact> facts = entries.get(step.target().ref());
            return facts == null ? RowPlanner.create(step.target().row(), step.target().ref(), step.target().title(), on, publish)
                    : RowPlanner.match(step.target().row(), CatalogueEntries.of(facts, "steward"), on, publish);
        }).toList();
    }

    static List<PartnershipFact> factsOf(RowPlan plan) {
        return ((RowPlan.Update) plan).facts();
    }

    @Test
    void theSameFileTwiceRecordsNothingTheSecondTime() {
        String csv = HEADER + ROW + "Other,Ended,API,,,,,,,,\n";
        Map<String, List<PartnershipFact>> entries = created(csv);
        assertThat(entries).containsOnlyKeys("flood-maps", "other");
        List<RowPlan> again = match(csv, entries, ON.plusDays(30), false);
        assertThat(again).allSatisfy(p -> assertThat(factsOf(p)).isEmpty()).allSatisfy(p -> assertThat(p.warnings()).isEmpty());
    }

    @Test
    void aChangedCellRecordsANewDescriptionChangingOnlyThatField() {
        Map<String, List<PartnershipFact>> entries = created(HEADER + ROW);
        List<RowPlan> plans = match(HEADER + ROW.replace("Asia", "worldwide"), entries, ON.plusDays(5), false);
        PartnershipDescribed before = (PartnershipDescribed) entries.get("flood-maps").get(1);
        assertThat(factsOf(plans.getFirst())).containsExactly(
                new PartnershipDescribed(ON.plusDays(5).atStartOfDay(ZoneOffset.UTC).toInstant(), before.collaborationType(),
                        before.purposes(), before.topics(), Region.WORLDWIDE, before.location(), before.dataCategories(), null, null,
                        null, null, null, List.of(), null, null, null, before.links(), CatalogueStatus.PILOT, false));
    }

    @Test
    void aColumnTheFileLacksLeavesThatPartAsItIs() {
        Map<String, List<PartnershipFact>> entries = created(HEADER + ROW);
        assertThat(factsOf(match("Title,Region\nFlood maps,Asia\n", entries, ON, false).getFirst())).isEmpty();
        List<PartnershipFact> facts = factsOf(match("Title,Reference\nFlood maps,https://e.org/new\n", entries, ON, false).getFirst());
        PartnershipDescribed d = (PartnershipDescribed) facts.getFirst();
        assertThat(d.links()).containsExactly("https://e.org/new");
        assertThat(d.region()).isEqualTo(Region.ASIA);
        assertThat(d.reportedStatus()).isEqualTo(CatalogueStatus.PILOT);
    }

    @Test
    void titleUseDetailsSectorAndLocationAreReadOnlyOnCreation() {
        Map<String, List<PartnershipFact>> entries = created(HEADER + ROW);
        String changed = "Title,Use Details,Sector,Location,ref\nFlood maps (2024),New goal,Climate,NP,flood-maps\n";
        RowPlan plan = match(changed, entries, ON, false).getFirst();
        assertThat(plan.warnings()).extracting(Warning::column).containsExactly("Title", "Use Details", "Sector", "Location");
        PartnershipDescribed d = (PartnershipDescribed) factsOf(plan).getFirst();
        assertThat(d.topics()).containsExactly("Climate", "Disaster response");
        assertThat(d.location()).isEqualTo("NP");
        CatalogueEntry after = entry(entries.get("flood-maps"), factsOf(plan));
        assertThat(after.name()).isEqualTo("Flood maps");
        assertThat(after.jurisdiction()).isEqualTo("BD");
        assertThat(after.societalIssue()).isEqualTo("Resilience");
        assertThat(after.intendedGoal()).isEqualTo("Maps");
    }

    @Test
    void statusEndedEndsALiveEntryAndAnEndedOneIsLeftAsItIs() {
        Map<String, List<PartnershipFact>> entries = created(HEADER + ROW);
        List<PartnershipFact> facts = factsOf(match(HEADER + ROW.replace("Pilot", "Ended"), entries, ON, false).getFirst());
        assertThat(facts).singleElement().isInstanceOfSatisfying(PartnershipEnded.class,
                e -> assertThat(e.outcome()).isEqualTo(Outcome.NOT_RECORDED));
        entries.get("flood-maps").addAll(facts);
        RowPlan again = match(HEADER + ROW.replace("Pilot", "Ended"), entries, ON, false).getFirst();
        assertThat(factsOf(again)).isEmpty();
        assertThat(again.warnings()).isEmpty();
        RowPlan changed = match(HEADER + ROW.replace("Pilot", "Ongoing").replace("Asia", "Europe"), entries, ON, false).getFirst();
        assertThat(factsOf(changed)).isEmpty();
        assertThat(changed.warnings()).singleElement().extracting(Warning::message).asString().contains("has ended");
    }

    @Test
    void statusesBecomeTheReportedStatus() {
        Map<String, List<PartnershipFact>> entries = created(HEADER + ROW);
        PartnershipDescribed ongoing = (PartnershipDescribed) factsOf(match(HEADER + ROW.replace("Pilot", "ongoing"), entries, ON, false)
                .getFirst()).getFirst();
        assertThat(ongoing.reportedStatus()).isEqualTo(CatalogueStatus.ONGOING);
        PartnershipDescribed announced = (PartnershipDescribed) factsOf(match(HEADER + ROW.replace("Pilot", "Announced"), entries, ON,
                false).getFirst()).getFirst();
        assertThat(announced.reportedStatus()).isNull();
    }

    @Test
    void aRowDatedBeforeFormationIsAnErrorAndOneOlderThanTheDescriptionChangesNothing() {
        Map<String, List<PartnershipFact>> entries = created(HEADER + ROW);
        assertThat(match(HEADER + ROW, entries, ON.minusDays(1), false).getFirst()).isInstanceOfSatisfying(RowPlan.Reject.class,
                r -> assertThat(r.rule()).isEqualTo("occurred-before-formation"));
        entries.get("flood-maps").addAll(factsOf(match(HEADER + ROW.replace("Asia", "Europe"), entries, ON.plusDays(10), false).getFirst()));
        RowPlan older = match(HEADER + ROW.replace("Pilot", "Ended"), entries, ON.plusDays(9), false).getFirst();
        assertThat(factsOf(older)).isEmpty();
        assertThat(older.warnings()).singleElement().extracting(Warning::message).asString().contains("older than");
        assertThat(factsOf(match(HEADER + ROW, entries, ON.plusDays(10), false).getFirst())).hasSize(1);
    }

    @Test
    void publishingOnImportPublishesMatchedEntriesToo() {
        Map<String, List<PartnershipFact>> entries = created(HEADER + ROW);
        PartnershipDescribed published = (PartnershipDescribed) factsOf(match(HEADER + ROW, entries, ON, true).getFirst()).getFirst();
        assertThat(published.inPublicCatalogue()).isTrue();
        entries.get("flood-maps").add(published);
        assertThat(factsOf(match(HEADER + ROW, entries, ON, false).getFirst())).isEmpty();
    }

    @Test
    void sharedByFromThePartnersIsNoDifference() {
        Map<String, List<PartnershipFact>> entries = created(HEADER + ROW);
        entries.get("flood-maps").add(new PartnerJoined(ImportTest.AT, new Organization("sat", "Sat Corp", null), List.of(Role.DATA_PROVIDER)));
        assertThat(factsOf(match(HEADER + ROW.replace(",,Maps", ",Sat Corp,Maps"), entries, ON, false).getFirst())).isEmpty();
        PartnershipDescribed own = (PartnershipDescribed) factsOf(match(HEADER + ROW.replace(",,Maps", ",Sat Corp and friends,Maps"),
                entries, ON, false).getFirst()).getFirst();
        assertThat(own.sharedBy()).isEqualTo("Sat Corp and friends");
    }

    @Test
    void anExportImportedAgainMatchesEveryEntryAndRecordsNothing() {
        String sample = new String(resource(), StandardCharsets.UTF_8);
        Map<String, List<PartnershipFact>> entries = created(sample);
        entries.get("harbour-emissions-monitor").add(new PartnerJoined(ImportTest.AT,
                new Organization("port", "Rotterdam Port", Sector.PUBLIC), List.of(Role.DATA_PROVIDER, Role.LEAD)));
        List<CatalogueEntry> all = entries.values().stream().map(f -> CatalogueEntries.of(f, "steward")).toList();
        String csv = CatalogueExport.csv(all);
        assertThat(match(csv, entries, ON, false)).hasSize(entries.size())
                .allSatisfy(p -> assertThat(factsOf(p)).isEmpty()).allSatisfy(p -> assertThat(p.warnings()).isEmpty());
        String json = "[" + String.join(",", all.stream().map(e -> ContractJson.mapper()
                .valueToTree(CatalogueExport.json(e)).toString()).toList()) + "]";
        assertThat(match(CatalogueFile.json(json.getBytes(StandardCharsets.UTF_8)), entries, ON, false))
                .allSatisfy(p -> assertThat(factsOf(p)).isEmpty()).allSatisfy(p -> assertThat(p.warnings()).isEmpty());
    }

    static CatalogueEntry entry(List<PartnershipFact> facts, List<PartnershipFact> more) {
        List<PartnershipFact> all = new ArrayList<>(facts);
        all.addAll(more);
        return CatalogueEntries.of(all, "steward");
    }

    static byte[] resource() {
        try (var in = MatchingTest.class.getResourceAsStream("/catalogue-sample.csv")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
