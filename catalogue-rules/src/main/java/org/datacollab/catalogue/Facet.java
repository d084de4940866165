package org.datacollab.catalogue;

import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.vocabulary.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The catalogue's facets (catalogue.md), in the order answers list them, each with the values an entry has:
 * keyed by enum names ({@code model} by enum name or UNCLASSIFIED), topics by their first spelling,
 * {@code organization} by the refs of the entry's partners and its steward.
 */
public enum Facet {
    TYPE("type", CollaborationType.class, e -> one(desc(e).map(PartnershipDescribed::collaborationType).orElse(null))),
    PURPOSE("purpose", Purpose.class, e -> desc(e).map(d -> names(d.purposes())).orElse(List.of())),
    TOPIC("topic", null, e -> desc(e).map(PartnershipDescribed::topics).orElse(List.of())),
    REGION("region", Region.class, e -> one(desc(e).map(PartnershipDescribed::region).orElse(null))),
    STATUS("status", CatalogueStatus.class, e -> List.of(e.status().name())),
    ORGANIZATION("organization", null, CatalogueEntry::organizations),
    MODEL("model", null, e -> List.of(e.modelName())),
    PHASE("phase", Phase.class, e -> List.of(e.phase().name()));

    private final String parameter;
    private final Class<? extends Enum<?>> vocabulary;
    private final Function<CatalogueEntry, List<String>> values;

    Facet(String parameter, Class<? extends Enum<?>> vocabulary, Function<CatalogueEntry, List<String>> values) {
        this.parameter = parameter;
        this.vocabulary = vocabulary;
        this.values = values;
    }

    /** The name of the facet's filter parameter and of its counts in an answer. */
    public String parameter() {
        return parameter;
    }

    /** The entry's values for this facet. */
    public List<String> valuesOf(CatalogueEntry entry) {
        return values.apply(entry);
    }

    /** Whether the facet's values are free texts (topics, organizations), compared ignoring case for topics. */
    boolean free() {
        return this == TOPIC || this == ORGANIZATION;
    }

    /**
     * A filter value as the facet keys it: an enum name (given in any case, or as a GovLab label), UNCLASSIFIED
     * for {@code model}, a topic or an organization as given. Empty when the value is none of the facet's.
     */
    public Optional<String> key(String value) {
        String trimmed = value.strip();
        if (free()) {
            return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
        }
        if (this == MODEL) {
            String upper = trimmed.toUpperCase(Locale.ROOT);
            return upper.equals("UNCLASSIFIED") || Arrays.stream(PartnershipModel.values()).anyMatch(m -> m.name().equals(upper))
                    ? Optional.of(upper) : Optional.empty();
        }
        for (Enum<?> constant : vocabulary.getEnumConstants()) {
            boolean labelled = constant instanceof Labelled l && l.labels().stream().anyMatch(x -> Labels.key(x).equals(Labels.key(trimmed)));
            if (Labels.key(constant.name()).equals(Labels.key(trimmed)) || labelled) {
                return Optional.of(constant.name());
            }
        }
        return Optional.empty();
    }

    /** The values a filter of this facet may take, for an answer saying a value is unknown. */
    public List<String> allowed() {
        if (this == MODEL) {
            List<String> models = new ArrayList<>(Arrays.stream(PartnershipModel.values()).map(Enum::name).toList());
            models.add("UNCLASSIFIED");
            return models;
        }
        return vocabulary == null ? List.of() : Arrays.stream(vocabulary.getEnumConstants()).map(Enum::name).toList();
    }

    public static Optional<Facet> named(String parameter) {
        return Arrays.stream(values()).filter(f -> f.parameter.equals(parameter)).findFirst();
    }

    private static Optional<PartnershipDescribed> desc(CatalogueEntry entry) {
        return Optional.ofNullable(entry.description());
    }

    private static List<String> one(Enum<?> value) {
        return value == null ? List.of() : List.of(value.name());
    }

    private static List<String> names(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }
}
