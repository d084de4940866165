package org.datacollab.catalogue;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.*;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Export in GovLab's columns, and faceted search with multi-select counts (catalogue.md). */
class ExportAndSearchTest {

    static final Instant AT = Instant.parse("2024-01-10T00:00:00Z");

    static CatalogueEntry entry(String ref, PartnershipModel model, CollaborationType type, List<Purpose> purposes, List<String> topics,
                                Region region, boolean published, String steward, PartnershipFact... more) {
        List<PartnershipFact> facts = new ArrayList<>();
        facts.add(new PartnershipFormed(AT, ref, "Name of " + ref, model, null, "Issue of " + ref, "Goal", "NL", List.of(), true));
        facts.add(new PartnershipDescribed(AT, type, purposes, topics, region, null, List.of("Mobility", "Weather"), null, SourceType.MIXED,
                Disclosure.UNKNOWN, null, null, List.of(AccessMode.BATCH, AccessMode.REALTIME), null, null, "Summary of " + ref,
                List.of("https://e.org/1", "https://e.org/2"), null, published));
        facts.addAll(List.of(more));
        return CatalogueEntries.of(facts, steward, RiskLevel.LOW, LocalDate.of(2024, 6, 1));
    }

    static PartnerJoined joined(String ref, String name, Role... roles) {
        return new PartnerJoined(AT, new Organization(ref, name, Sector.PRIVATE), List.of(roles));
    }

    @Nested
    class Export {
        @Test
        void govLabColumnsInOrderThenTheRegistrysOwn() {
            String header = CatalogueExport.csv(List.of()).strip();
            assertThat(header).isEqualTo("Title,Status,Type of Activity,Region,Location,Sector,Use Sub-categories,For,Data Category,"
                    + "Data source,Data source type,PII in original data?,PII in shared format?,Anonymization details,"
                    + "Format of data shared,Shared by,Shared with,Use Details,Text for Writeup,Reference,ref,phase,model,level");
        }

        @Test
        void valuesWithTheFirstGovLabLabelListsJoinedAndPartnersWhereTheDescriptionHasNone() {
            CatalogueEntry e = entry("a", null, CollaborationType.DATA_POOL, List.of(Purpose.POLICY_AND_PUBLIC_DECISIONS, Purpose.RESEARCH),
                    List.of("Health", "Resilience", "Air"), Region.NORTH_AMERICA, false, "ngo",
                    joined("telco", "Telco", Role.DATA_PROVIDER), joined("uni", "University", Role.DATA_USER),
                    joined("relief", "Relief Org", Role.BENEFICIARY, Role.LEAD), joined("funder", "Funder", Role.FUNDER),
                    new DataDelivered(AT, "telco", "calls", null, null), new PhaseChanged(AT, Phase.FORMING, Phase.OPERATING, null));
            Map<Column, String> cells = CatalogueExport.cells(e);
            assertThat(cells.get(Column.TITLE)).isEqualTo("Name of a");
            assertThat(cells.get(Column.STATUS)).isEqualTo("Ongoing");
            assertThat(cells.get(Column.TYPE_OF_ACTIVITY)).isEqualTo("Data Collaboratives");
            assertThat(cells.get(Column.REGION)).isEqualTo("North America");
            assertThat(cells.get(Column.LOCATION)).isEqualTo("NL");
            assertThat(cells.get(Column.SECTOR)).isEqualTo("Health");
            assertThat(cells.get(Column.USE_SUB_CATEGORIES)).isEqualTo("Resilience, Air");
            assertThat(cells.get(Column.FOR)).isEqualTo("Policy & Public Decisionmaking, Research");
            assertThat(cells.get(Column.DATA_CATEGORY)).isEqualTo("Mobility, Weather");
            assertThat(cells.get(Column.DATA_SOURCE_TYPE)).isEqualTo("Mixed");
            assertThat(cells.get(Column.PII_IN_ORIGINAL_DATA)).isEqualTo("Unknown");
            assertThat(cells.get(Column.PII_IN_SHARED_FORMAT)).isEmpty();
            assertThat(cells.get(Column.FORMAT_OF_DATA_SHARED)).isEqualTo("Batched dataset, Realtime");
            assertThat(cells.get(Column.SHARED_BY)).isEqualTo("Telco");
            assertThat(cells.get(Column.SHARED_WITH)).isEqualTo("University, Relief Org");
            assertThat(cells.get(Column.USE_DETAILS)).isEqualTo("Goal");
            assertThat(cells.get(Column.TEXT_FOR_WRITEUP)).isEqualTo("Summary of a");
            assertThat(cells.get(Column.REFERENCE)).isEqualTo("https://e.org/1 https://e.org/2");
            assertThat(cells.get(Column.REF)).isEqualTo("a");
            assertThat(cells.get(Column.PHASE)).isEqualTo("OPERATING");
            assertThat(cells.get(Column.MODEL)).isEqualTo("UNCLASSIFIED");
            assertThat(cells.get(Column.LEVEL)).isEqualTo("LOW");
            assertThat(CatalogueExport.csv(List.of(e))).contains("\"Policy & Public Decisionmaking, Research\"");
            assertThat(e.activity().deliveries()).singleElement().isEqualTo(new CatalogueEntry.MonthlyDeliveries("2024-01", 1, null, null));
        }
    }

    @Nested
    class Search {
        final CatalogueIndex index = new CatalogueIndex();

        Search() {
            index.put(entry("a", null, CollaborationType.DATA_POOL, List.of(Purpose.RESEARCH), List.of("Health", "Mobility"),
                    Region.EUROPE, true, "ngo", joined("telco", "Telco", Role.DATA_PROVIDER)));
            index.put(entry("b", PartnershipModel.SOCIAL_ISSUE, CollaborationType.API, List.of(Purpose.RESEARCH, Purpose.CITIZEN_DECISIONS),
                    List.of("health"), Region.ASIA, false, "ngo"));
            index.put(entry("c", PartnershipModel.SOCIAL_ISSUE, CollaborationType.DATA_POOL, List.of(), List.of("Energy"),
                    Region.EUROPE, true, "city"));
            index.put(entry("d", null, null, List.of(), List.of(), null, false, "city",
                    new PartnershipEnded(AT, Outcome.NOT_RECORDED, null)));
        }

        CatalogueIndex.Result search(Map<Facet, Set<String>> filters, String q) {
            return index.search(new CatalogueQuery(filters, CatalogueQuery.terms(q)), e -> true, 0, 20);
        }

        @Test
        void withoutFiltersEveryValuePresentIsCountedAndNoZeroCounts() {
            CatalogueIndex.Result all = search(Map.of(), null);
            assertThat(all.total()).isEqualTo(4);
            assertThat(all.items()).extracting(CatalogueEntry::ref).containsExactly("a", "b", "c", "d");
            assertThat(all.facets().get(Facet.TYPE)).containsExactly(Map.entry("DATA_POOL", 2), Map.entry("API", 1));
            assertThat(all.facets().get(Facet.TOPIC)).containsExactly(Map.entry("Health", 2), Map.entry("Energy", 1), Map.entry("Mobility", 1));
            assertThat(all.facets().get(Facet.MODEL)).containsExactly(Map.entry("SOCIAL_ISSUE", 2), Map.entry("UNCLASSIFIED", 2));
            assertThat(all.facets().get(Facet.STATUS)).containsExactly(Map.entry("ANNOUNCED", 3), Map.entry("ENDED", 1));
            assertThat(all.facets().get(Facet.ORGANIZATION)).containsExactly(Map.entry("city", 2), Map.entry("ngo", 2), Map.entry("telco", 1));
            assertThat(all.facets().get(Facet.PURPOSE)).doesNotContainKey("POLICY_AND_PUBLIC_DECISIONS");
        }

        @Test
        void aFacetsCountsApplyEveryFilterButItsOwn() {
            CatalogueIndex.Result health = search(Map.of(Facet.TOPIC, Set.of("HEALTH")), null);
            assertThat(health.items()).extracting(CatalogueEntry::ref).containsExactly("a", "b");
            // selecting Health still shows how many entries each other topic has
            assertThat(health.facets().get(Facet.TOPIC)).containsExactly(Map.entry("Health", 2), Map.entry("Energy", 1), Map.entry("Mobility", 1));
            assertThat(health.facets().get(Facet.TYPE)).containsExactly(Map.entry("API", 1), Map.entry("DATA_POOL", 1));
            assertThat(health.facets().get(Facet.REGION)).containsExactly(Map.entry("ASIA", 1), Map.entry("EUROPE", 1));
        }

        @Test
        void orWithinAFacetAndBetweenFacets() {
            CatalogueIndex.Result r = search(Map.of(Facet.TYPE, Set.of("DATA_POOL", "API"), Facet.REGION, Set.of("EUROPE")), null);
            assertThat(r.items()).extracting(CatalogueEntry::ref).containsExactly("a", "c");
            assertThat(r.facets().get(Facet.TYPE)).containsExactly(Map.entry("DATA_POOL", 2));
            assertThat(r.facets().get(Facet.REGION)).containsExactly(Map.entry("EUROPE", 2), Map.entry("ASIA", 1));
            CatalogueIndex.Result unclassifiedEurope = search(Map.of(Facet.MODEL, Set.of("UNCLASSIFIED"), Facet.REGION, Set.of("EUROPE")), null);
            assertThat(unclassifiedEurope.items()).extracting(CatalogueEntry::ref).containsExactly("a");
        }

        @Test
        void theOrganizationFacetIsAnyPartnerOrTheSteward() {
            assertThat(search(Map.of(Facet.ORGANIZATION, Set.of("telco")), null).items()).extracting(CatalogueEntry::ref).containsExactly("a");
            assertThat(search(Map.of(Facet.ORGANIZATION, Set.of("ngo")), null).items()).extracting(CatalogueEntry::ref).containsExactly("a", "b");
        }

        @Test
        void freeTextOverNameSummaryTopicsAndWhoShares() {
            assertThat(search(Map.of(), "SUMMARY of D").items()).extracting(CatalogueEntry::ref).containsExactly("d");
            // every entry has the data category Mobility; only a has it as a topic: data categories are not searched
            assertThat(search(Map.of(), "mobility").items()).extracting(CatalogueEntry::ref).containsExactly("a");
            assertThat(search(Map.of(), "energy").items()).extracting(CatalogueEntry::ref).containsExactly("c");
            assertThat(search(Map.of(), "télco").items()).extracting(CatalogueEntry::ref).containsExactly("a");
            assertThat(search(Map.of(), "name of").total()).isEqualTo(4);
            assertThat(search(Map.of(), "issue").total()).isZero();
        }

        @Test
        void onlyWhatIsVisibleIsFoundAndCountedAndPagesFollowTheRef() {
            CatalogueIndex.Result published = index.search(CatalogueQuery.all(), CatalogueEntry::published, 0, 20);
            assertThat(published.items()).extracting(CatalogueEntry::ref).containsExactly("a", "c");
            assertThat(published.facets().get(Facet.ORGANIZATION)).doesNotContainKey("city".repeat(2)).containsEntry("city", 1);
            assertThat(index.search(CatalogueQuery.all(), e -> true, 1, 3).items()).extracting(CatalogueEntry::ref).containsExactly("d");
            assertThat(index.select(new CatalogueQuery(Map.of(Facet.STATUS, Set.of("ENDED")), List.of()), e -> true))
                    .extracting(CatalogueEntry::ref).containsExactly("d");
        }

        @Test
        void filterValuesAreReadAsEnumNamesOrLabels() {
            assertThat(Facet.TYPE.key("data pooling")).contains("DATA_POOL");
            assertThat(Facet.STATUS.key("ongoing")).contains("ONGOING");
            assertThat(Facet.MODEL.key("unclassified")).contains("UNCLASSIFIED");
            assertThat(Facet.REGION.key("Mars")).isEmpty();
            assertThat(Facet.TOPIC.key(" Health ")).contains("Health");
        }
    }
}
