package org.datacollab.catalogue;

import org.datacollab.contracts.facts.PartnershipDescribed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.Arrays;

/**
 * The catalogue in memory, by ref, with each entry's facet values and searchable text worked out once when it
 * is put, so that a search is one pass over the entries: an entry that passes every filter is a result and
 * counts for every facet; one that fails a single facet's filter counts for that facet only (each facet's
 * counts have every filter applied except its own). Safe for one writer and many readers.
 */
public final class CatalogueIndex {

    private record Indexed(CatalogueEntry entry, Map<Facet, List<String>> values, String text) {
    }

    /** What a search answers: how many entries match, the requested page of them, and each facet's counts. */
    public record Result(int total, List<CatalogueEntry> items, Map<Facet, Map<String, Integer>> facets) {
    }

    private final NavigableMap<String, Indexed> entries = new ConcurrentSkipListMap<>();

    public void put(CatalogueEntry entry) {
        Map<Facet, List<String>> values = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            values.put(facet, facet.valuesOf(entry));
        }
        entries.put(entry.ref(), new Indexed(entry, values, text(entry)));
    }

    public void remove(String ref) {
        entries.remove(ref);
    }

    public Optional<CatalogueEntry> get(String ref) {
        return Optional.ofNullable(entries.get(ref)).map(Indexed::entry);
    }

    public int size() {
        return entries.size();
    }

    /** Every entry the predicate admits, by ref. */
    public List<CatalogueEntry> entries(Predicate<CatalogueEntry> admitted) {
        return entries.values().stream().map(Indexed::entry).filter(admitted).toList();
    }

    /** The entries the caller may see ({@code visible}) that the query selects, by ref: an export. */
    public List<CatalogueEntry> select(CatalogueQuery query, Predicate<CatalogueEntry> visible) {
        List<CatalogueEntry> selected = new ArrayList<>();
        for (Indexed indexed : entries.values()) {
            if (visible.test(indexed.entry()) && matchesText(indexed, query)
                    && Arrays.stream(Facet.values()).allMatch(f -> query.matches(f, indexed.values().get(f)))) {
                selected.add(indexed.entry());
            }
        }
        return selected;
    }

    public Result search(CatalogueQuery query, Predicate<CatalogueEntry> visible, int page, int size) {
        Map<Facet, Map<String, Integer>> counts = new EnumMap<>(Facet.class);
        Map<String, String> topicSpelling = new HashMap<>();
        for (Facet facet : Facet.values()) {
            counts.put(facet, new HashMap<>());
        }
        List<CatalogueEntry> matched = new ArrayList<>();
        Facet[] facets = Facet.values();
        for (Indexed indexed : entries.values()) {
            if (!visible.test(indexed.entry()) || !matchesText(indexed, query)) {
                continue;
            }
            Facet failing = null;
            int failures = 0;
            for (Facet facet : facets) {
                if (!query.matches(facet, indexed.values().get(facet)) && ++failures == 1) {
                    failing = facet;
                }
            }
            if (failures == 0) {
                matched.add(indexed.entry());
                for (Facet facet : facets) {
                    count(counts, topicSpelling, facet, indexed.values().get(facet));
                }
            } else if (failures == 1) {
                count(counts, topicSpelling, failing, indexed.values().get(failing));
            }
        }
        List<CatalogueEntry> items = matched.stream().skip((long) page * size).limit(size).toList();
        Map<Facet, Map<String, Integer>> ordered = new EnumMap<>(Facet.class);
        counts.forEach((facet, values) -> ordered.put(facet, byCount(values)));
        return new Result(matched.size(), items, ordered);
    }

    private static void count(Map<Facet, Map<String, Integer>> counts, Map<String, String> topicSpelling, Facet facet, List<String> values) {
        for (String value : values) {
            // topics differing only in case are one topic, keyed by the first spelling met (in ref order)
            String key = facet == Facet.TOPIC ? topicSpelling.computeIfAbsent(value.toLowerCase(Locale.ROOT), k -> value) : value;
            counts.get(facet).merge(key, 1, Integer::sum);
        }
    }

    private static Map<String, Integer> byCount(Map<String, Integer> values) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        values.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static boolean matchesText(Indexed indexed, CatalogueQuery query) {
        for (String term : query.terms()) {
            if (!indexed.text().contains(term)) {
                return false;
            }
        }
        return true;
    }

    /** Name, summary, topics, and Shared by and Shared with as the export writes them, without accents, lower case. */
    static String text(CatalogueEntry entry) {
        PartnershipDescribed d = entry.description();
        Map<Column, String> cells = CatalogueExport.cells(entry);
        StringBuilder text = new StringBuilder(entry.name());
        if (d != null) {
            text.append('\n').append(d.summary() == null ? "" : d.summary()).append('\n').append(String.join("\n", d.topics()));
        }
        text.append('\n').append(cells.get(Column.SHARED_BY)).append('\n').append(cells.get(Column.SHARED_WITH));
        return Labels.folded(text.toString());
    }
}
