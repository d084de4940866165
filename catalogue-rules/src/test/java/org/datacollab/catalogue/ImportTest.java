package org.datacollab.catalogue;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.*;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.assertj.core.groups.Tuple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A new entry from a row: every column's mapping, and each untidy value (catalogue.md's import). */
class ImportTest {

    static final LocalDate ON = LocalDate.of(2024, 3, 1);
    static final Instant AT = Instant.parse("2024-03-01T00:00:00Z");

    static Sheet csv(String text) {
        return CatalogueFile.csv(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The plans of a file's rows, each row new. */
    static List<RowPlan> plan(Sheet sheet, boolean publish) {
        return ImportRows.of(sheet).stream().map(step -> step.decided() != null ? step.decided()
                : RowPlanner.create(step.target().row(), step.target().ref(), step.target().title(), ON, publish)).toList();
    }

    static RowPlan.Create only(String csv) {
        return (RowPlan.Create) plan(csv(csv), false).getFirst();
    }

    static PartnershipDescribed described(RowPlan.Create plan) {
        return (PartnershipDescribed) plan.facts().getFirst();
    }

    @Test
    void everyColumnMapsToItsField() {
        RowPlan.Create plan = only("""
                Title,Status,Type of Activity,Region,Location,Sector,Use Sub-categories,For,Data Category,Data source,Data source type,\
                PII in original data?,PII in shared format?,Anonymization details,Format of data shared,Shared by,Shared with,Use Details,\
                Text for Writeup,Reference
                Harbour Emissions Monitor,Ongoing,Data Collaboratives,Europe,nl,Transportation,"Air quality, Urban development",\
                "Research, Policy & Public Decisionmaking","Environment, Shipping",AIS positions,Primary,No,Yes,Aggregated per hour,\
                "Batched dataset, API",Port authority,"TU Delft, Erasmus MC",Estimate emissions per berth,The port shares positions.,\
                https://example.org/a; https://example.org/b,http://example.org/c
                """);
        assertThat(plan.ref()).isEqualTo("harbour-emissions-monitor");
        assertThat(plan.formed()).isEqualTo(new PartnershipFormed(AT, "harbour-emissions-monitor", "Harbour Emissions Monitor", null,
                null, "Transportation", "Estimate emissions per berth", "NL", List.of(), true));
        assertThat(plan.facts()).containsExactly(new PartnershipDescribed(AT, CollaborationType.DATA_POOL,
                List.of(Purpose.RESEARCH, Purpose.POLICY_AND_PUBLIC_DECISIONS), List.of("Transportation", "Air quality", "Urban development"),
                Region.EUROPE, "nl", List.of("Environment", "Shipping"), "AIS positions", SourceType.PRIMARY, Disclosure.NO,
                Disclosure.YES, "Aggregated per hour", List.of(AccessMode.BATCH, AccessMode.API), "Port authority", "TU Delft, Erasmus MC",
                "The port shares positions.", List.of("https://example.org/a", "https://example.org/b"), CatalogueStatus.ONGOING, false));
        assertThat(plan.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "Status ''{0}''")
    @CsvSource(nullValues = "-", value = {"Announced,-,false", "pilot,PILOT,false", "ONGOING,ONGOING,false", "Ended,-,true", "'',-,false"})
    void status(String cell, CatalogueStatus reported, boolean ended) {
        RowPlan.Create plan = only("Title,Status,Region\nX,\"" + cell + "\",Asia\n");
        assertThat(described(plan).reportedStatus()).isEqualTo(reported);
        assertThat(plan.facts().getLast() instanceof PartnershipEnded e && e.outcome() == Outcome.NOT_RECORDED).isEqualTo(ended);
        assertThat(plan.facts()).hasSize(ended ? 2 : 1);
    }

    @Test
    void factsAreFormedThenDescribedThenEndedAllOnTheCataloguedDay() {
        RowPlan.Create plan = only("Title,Status,Sector\nSchool Attendance Insights,Ended,Education\n");
        assertThat(plan.facts()).extracting(PartnershipFact::factName).containsExactly("PartnershipDescribed", "PartnershipEnded");
        assertThat(plan.facts()).allMatch(f -> f.occurredAt().equals(AT));
        assertThat(plan.formed().occurredAt()).isEqualTo(AT);
        assertThat(plan.formed().formedByCatalogue()).isTrue();
    }

    @Test
    void noDescriptionWithoutAValueButOneWhenPublished() {
        assertThat(only("Title,Status,Region,Use Details\nBare,Announced,N/A,A goal\n").facts()).isEmpty();
        List<RowPlan> published = plan(csv("Title\nBare\n"), true);
        assertThat(((RowPlan.Create) published.getFirst()).facts()).containsExactly(RowPlanner.empty(AT).publishedAs(true));
    }

    @Test
    void untidyValues() {
        RowPlan.Create plan = only("""
                Region;Type of Activity;Data source type;PII in original data?;PII in shared format?;For;Format of data shared;\
                Reference;Title;Sector;Use Sub-categories;Data Category;Location;Shared by
                  WORLDWIDE ;research partnership;Primacy;Unknown;N/A;Research, Lobbying ,research;Batched dataset, Carrier pigeon;\
                not a link http://ok.example/x, ftp://old.example;  Cross-border   ;health;Global Health, HEALTH, n/a, Resilience;\
                "Telecoms,, None";International;Unknown
                """);
        PartnershipDescribed d = described(plan);
        assertThat(d.region()).isEqualTo(Region.WORLDWIDE);
        assertThat(d.collaborationType()).isEqualTo(CollaborationType.RESEARCH_PARTNERSHIP);
        assertThat(d.sourceType()).isNull();
        assertThat(d.personalDataInSource()).isEqualTo(Disclosure.UNKNOWN);
        assertThat(d.personalDataShared()).isNull();
        assertThat(d.purposes()).containsExactly(Purpose.RESEARCH);
        assertThat(d.accessModes()).containsExactly(AccessMode.BATCH);
        assertThat(d.links()).containsExactly("http://ok.example/x");
        assertThat(d.topics()).containsExactly("health", "Global Health", "Resilience");
        assertThat(d.dataCategories()).containsExactly("Telecoms");
        assertThat(d.location()).isEqualTo("International");
        assertThat(d.sharedBy()).isNull();
        assertThat(plan.formed().name()).isEqualTo("Cross-border");
        assertThat(plan.formed().jurisdiction()).isNull();
        assertThat(plan.warnings()).extracting(Warning::column, Warning::value).containsExactlyInAnyOrder(
                Tuple.tuple("Data source type", "Primacy"),
                Tuple.tuple("For", "Lobbying"),
                Tuple.tuple("Format of data shared", "Carrier pigeon"),
                Tuple.tuple("Reference", "not"), Tuple.tuple("Reference", "a"),
                Tuple.tuple("Reference", "link"),
                Tuple.tuple("Reference", "ftp://old.example"));
        assertThat(plan.warnings()).filteredOn(w -> w.value().equals("Primacy")).first()
                .extracting(Warning::message).asString().contains("left empty");
        assertThat(plan.warnings()).filteredOn(w -> w.value().equals("Lobbying")).first()
                .extracting(Warning::message).asString().contains("left out of the list");
    }

    @Nested
    class Rows {
        @Test
        void aRowWithoutATitleIsAnErrorAndTheOthersGoOn() {
            List<RowPlan> plans = plan(csv("Region,Title\nAsia,\nEurope,N/A\nEurope,Kept\n"), false);
            assertThat(plans).hasSize(3);
            assertThat(plans.get(0)).isInstanceOfSatisfying(RowPlan.Reject.class, r -> {
                assertThat(r.row()).isEqualTo(1);
                assertThat(r.rule()).isEqualTo("title-required");
                assertThat(r.field()).isEqualTo("Title");
            });
            assertThat(plans.get(1)).isInstanceOf(RowPlan.Reject.class);
            assertThat(plans.get(2)).isInstanceOfSatisfying(RowPlan.Create.class, c -> assertThat(c.row()).isEqualTo(3));
        }

        @Test
        void repeatedTitlesGetNumberedRefsInFileOrder() {
            List<RowPlan> plans = plan(csv("Title\nFlood maps\nOther\nFLOOD MAPS\nflood maps!\n"), false);
            assertThat(plans).extracting(p -> ((RowPlan.Create) p).ref())
                    .containsExactly("flood-maps", "other", "flood-maps-2", "flood-maps-3");
        }

        @Test
        void legendsWithinTheDataAreSkipped() {
            List<RowPlan> plans = plan(csv("Title,Region,Status\nTitle,Region,\ntitle,REGION,status\nReal,Asia,Pilot\n"), false);
            assertThat(plans).extracting(RowPlan::row).containsExactly(1, 2, 3);
            assertThat(plans.subList(0, 2)).allMatch(p -> p instanceof RowPlan.Skip);
            assertThat(plans.get(2)).isInstanceOf(RowPlan.Create.class);
        }

        @Test
        void unknownColumnsAreIgnoredAndColumnsComeInAnyOrder() {
            RowPlan.Create plan = only("Image FileName,status,TITLE,legal dimensions,region\nx.png,Pilot,Ordered,Need more info,Oceania\n");
            assertThat(plan.formed().name()).isEqualTo("Ordered");
            assertThat(described(plan).region()).isEqualTo(Region.OCEANIA);
            assertThat(described(plan).reportedStatus()).isEqualTo(CatalogueStatus.PILOT);
        }

        @Test
        void aFileWithoutATitleColumnIsRefusedWhole() {
            assertThatThrownBy(() -> csv("Region,Status\nAsia,Pilot\n"))
                    .isInstanceOfSatisfying(CatalogueFile.Unreadable.class, e -> assertThat(e.rule()).isEqualTo("catalogue-columns"));
            assertThatThrownBy(() -> csv("Title,Region\n\"open,Asia\n"))
                    .isInstanceOfSatisfying(CatalogueFile.Unreadable.class, e -> assertThat(e.rule()).isEqualTo("csv-format"));
        }
    }

    @Nested
    class JsonForm {
        @Test
        void siteKeysALegendFirstAndRowsFromOne() {
            String json = """
                    [{"name":"Title","status":"Status","typeOfActivity":"Type of Activity","region":"Region","location":"Location",
                      "sector":"Sector","forUse":"Data Category","sharedBy":"Shared by","sharedWith":"Shared with",
                      "userDetails":"Use Details","description":"Text for Writeup","link":"Reference"},
                     {"name":"Flood Extent Maps","status":"announced","typeOfActivity":"Prizes & Challenges","region":"Asia",
                      "location":"BD","sector":"Resilience","forUse":"Satellite Imagery","sharedBy":"Satellite imaging company",
                      "sharedWith":"Relief NGOs","userDetails":"Maps within hours","description":"A challenge.","link":"https://example.org/f"},
                     {"status":"Pilot"}]""";
            List<RowPlan> plans = plan(CatalogueFile.json(json.getBytes(StandardCharsets.UTF_8)), false);
            assertThat(plans.get(0)).isInstanceOf(RowPlan.Skip.class);
            RowPlan.Create created = (RowPlan.Create) plans.get(1);
            assertThat(created.row()).isEqualTo(2);
            assertThat(created.formed().jurisdiction()).isEqualTo("BD");
            assertThat(created.formed().intendedGoal()).isEqualTo("Maps within hours");
            PartnershipDescribed d = described(created);
            assertThat(d.collaborationType()).isEqualTo(CollaborationType.PRIZE_OR_CHALLENGE);
            assertThat(d.dataCategories()).containsExactly("Satellite Imagery");
            assertThat(d.summary()).isEqualTo("A challenge.");
            assertThat(d.links()).containsExactly("https://example.org/f");
            assertThat(d.reportedStatus()).isNull();
            assertThat(plans.get(2)).isInstanceOfSatisfying(RowPlan.Reject.class, r -> assertThat(r.field()).isEqualTo("name"));
        }

        @Test
        void warningsNameTheJsonKey() {
            RowPlan.Create plan = (RowPlan.Create) plan(CatalogueFile.json("""
                    [{"name":"X","region":"Mars"}]""".getBytes(StandardCharsets.UTF_8)), false).getFirst();
            assertThat(plan.warnings()).extracting(Warning::column).containsExactly("region");
        }

        @Test
        void notAnArrayIsRefusedWhole() {
            assertThatThrownBy(() -> CatalogueFile.json("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(CatalogueFile.Unreadable.class);
        }

        @Test
        void aNumberIsReadAsWrittenAndAnObjectIsNoCell() {
            RowPlan.Create plan = (RowPlan.Create) plan(CatalogueFile.json("""
                    [{"name":1e999999999}]""".getBytes(StandardCharsets.UTF_8)), false).getFirst();
            assertThat(plan.ref()).isEqualTo("1e-999999999");
            assertThatThrownBy(() -> CatalogueFile.json("""
                    [{"name":"Flood maps"},{"name":"Harbour data","region":{"$gt":""}}]""".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(CatalogueFile.Unreadable.class, e -> {
                        assertThat(e.rule()).isEqualTo("catalogue-format");
                        assertThat(e.getMessage()).contains("Entry 2's 'region'");
                    });
            assertThatThrownBy(() -> CatalogueFile.json("""
                    [{"name":"Flood maps","region":[{"a":1}]}]""".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(CatalogueFile.Unreadable.class);
        }

        @Test
        void aKeyGivenTwiceInAnEntryIsRefusedWholeNotReadAsItsLastValue() {
            assertThatThrownBy(() -> CatalogueFile.json("""
                    [{"name":"Flood maps","region":"Asia"},{"name":"Harbour data","name":"Other title"}]""".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(CatalogueFile.Unreadable.class, e -> {
                        assertThat(e.rule()).isEqualTo("malformed-json");
                        assertThat(e.getMessage()).contains("line 1");
                    });
        }
    }
}
