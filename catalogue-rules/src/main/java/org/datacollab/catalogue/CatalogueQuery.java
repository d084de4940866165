package org.datacollab.catalogue;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A selection of the catalogue: per facet the values any of which an entry must have (OR within a facet, AND
 * between facets), keyed as {@link Facet#key} reads them, and free-text terms each of which must occur in the
 * entry's name, summary, topics, Shared by or Shared with (ignoring case and accents).
 */
public record CatalogueQuery(Map<Facet, Set<String>> filters, List<String> terms) {

    public CatalogueQuery {
        filters = filters.isEmpty() ? Map.of() : new EnumMap<>(filters);
        terms = List.copyOf(terms);
    }

    public static CatalogueQuery all() {
        return new CatalogueQuery(Map.of(), List.of());
    }

    /** The terms of a free-text search: its words, without accents, in lower case. */
    public static List<String> terms(String q) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        return List.of(Labels.folded(q).strip().split("\\s+"));
    }

    /** Whether the entry has one of the facet's selected values (true when the facet is not filtered). */
    boolean matches(Facet facet, List<String> values) {
        Set<String> wanted = filters.get(facet);
        if (wanted == null || wanted.isEmpty()) {
            return true;
        }
        for (String value : values) {
            for (String w : wanted) {
                if (facet == Facet.TOPIC ? w.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)) : w.equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }
}
