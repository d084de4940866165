package org.datacollab.catalogue;

import org.datacollab.contracts.vocabulary.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading labels and making slugs, as catalogue.md words them. */
class LabelsAndSlugsTest {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', value = {
            "Data Collaboratives            | DATA_POOL",
            "data collaborative             | DATA_POOL",
            "  DATA POOLING                 | DATA_POOL",
            "data_pool                      | DATA_POOL",
            "Research and Analysis Partnership | RESEARCH_PARTNERSHIP",
            "research partnership           | RESEARCH_PARTNERSHIP",
            "Prizes and Challenges          | PRIZE_OR_CHALLENGE",
            "prizes & challenge             | PRIZE_OR_CHALLENGE",
            "Prize_or_challenge             | PRIZE_OR_CHALLENGE",
            "Intelligence Generation        | INTELLIGENCE_PRODUCT",
            "Public Interfaces              | API",
            "api                            | API",
            "Trusted-Intermediary           | TRUSTED_INTERMEDIARY"})
    void collaborationTypes(String cell, CollaborationType expected) {
        assertThat(Labels.read(CollaborationType.class, cell)).contains(expected);
    }

    @Test
    void everyVocabularyReadsItsLabelsAndNames() {
        for (Class<? extends Enum<?>> vocabulary : List.of(CollaborationType.class, Purpose.class, Region.class, Disclosure.class,
                SourceType.class, AccessMode.class, CatalogueStatus.class)) {
            for (Enum<?> value : vocabulary.getEnumConstants()) {
                for (String label : ((Labelled) value).labels()) {
                    assertThat(read(vocabulary, label.toUpperCase())).as(label).contains((Object) value);
                    // a final "s" is ignored: a label read with one added, or with its own taken away
                    String other = label.endsWith("s") ? label.substring(0, label.length() - 1) : label + "s";
                    assertThat(read(vocabulary, " " + other.toLowerCase() + " ")).as(other).contains((Object) value);
                }
                assertThat(read(vocabulary, value.name().toLowerCase())).as(value.name()).contains((Object) value);
            }
        }
        assertThat(Labels.read(Region.class, "Africa and the Middle-East")).contains(Region.AFRICA_AND_MIDDLE_EAST);
        assertThat(Labels.read(Region.class, "global")).contains(Region.WORLDWIDE);
        assertThat(Labels.read(Purpose.class, "policy & public decision-making")).contains(Purpose.POLICY_AND_PUBLIC_DECISIONS);
        assertThat(Labels.read(AccessMode.class, "batched datasets")).contains(AccessMode.BATCH);
        assertThat(Labels.read(SourceType.class, "Primacy")).isEmpty();
        assertThat(Labels.read(Region.class, "Antarctica")).isEmpty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Optional<Object> read(Class vocabulary, String cell) {
        return Labels.read(vocabulary, cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Unknown", "unknown", "UNKNOWN ", "N/A", "n/a", "NA", "n.a.", "None", "none", "-", "?"})
    void cellsThatSayNothing(String cell) {
        assertThat(Labels.isEmpty(cell)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"No", "Nonetheless", "Unknown source", "Yes", "NAs data", "0"})
    void cellsThatSaySomething(String cell) {
        assertThat(Labels.isEmpty(cell)).isFalse();
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "BBVA's Innova Challenge                           | bbvas-innova-challenge",
            "Johnson & Johnson-Yale Open Data Access Project   | johnson-and-johnson-yale-open-data-access-project",
            "Harbour Emissions Monitor                         | harbour-emissions-monitor",
            "  --Über  Café’s  Données!! --                    | uber-cafes-donnees",
            "São Paulo: 2020/21 (pilot)                        | sao-paulo-2020-21-pilot",
            "AT&T                                              | atandt",
            "!!!                                               | entry",
            "日本                                               | entry"})
    void slugs(String title, String slug) {
        assertThat(Slugs.of(title)).isEqualTo(slug);
    }

    @Test
    void slugsAreCutTo80WithoutATrailingHyphen() {
        String title = "a".repeat(79) + " b" + " c".repeat(30);
        assertThat(Slugs.of(title)).hasSize(79).doesNotEndWith("-");
        assertThat(Slugs.of("x".repeat(100))).hasSize(80);
    }

    @Test
    void titlesOfOneFileWhoseSlugsMeetGetNumbers() {
        Slugs.Allocation refs = new Slugs.Allocation();
        refs.reserve("flood-maps-2");
        assertThat(List.of(refs.next("Flood maps"), refs.next("Other"), refs.next("FLOOD MAPS!"), refs.next("flood-maps")))
                .containsExactly("flood-maps", "other", "flood-maps-3", "flood-maps-4");
    }
}
