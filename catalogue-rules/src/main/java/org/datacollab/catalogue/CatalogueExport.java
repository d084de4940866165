package org.datacollab.catalogue;

import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.vocabulary.Labelled;
import org.datacollab.contracts.vocabulary.Role;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What an export writes for an entry (catalogue.md): GovLab's columns in their order, each value with the first
 * GovLab label listed for it, lists joined with ", " and links with a space; {@code Shared by} and
 * {@code Shared with} from the partners holding DATA_PROVIDER, and DATA_USER or BENEFICIARY, where the
 * description has none; then {@code ref}, {@code phase}, {@code model} (or UNCLASSIFIED) and {@code level}.
 * An import compares a matched row with exactly these cells.
 */
public final class CatalogueExport {

    private CatalogueExport() {
    }

    public static Map<Column, String> cells(CatalogueEntry entry) {
        PartnershipDescribed d = entry.description();
        Map<Column, String> cells = new EnumMap<>(Column.class);
        List<String> topics = d == null ? List.of() : d.topics();
        cells.put(Column.TITLE, entry.name());
        cells.put(Column.STATUS, entry.status().label());
        cells.put(Column.TYPE_OF_ACTIVITY, d == null ? "" : label(d.collaborationType()));
        cells.put(Column.REGION, d == null ? "" : label(d.region()));
        cells.put(Column.LOCATION, d != null && d.location() != null ? d.location() : text(entry.jurisdiction()));
        cells.put(Column.SECTOR, !topics.isEmpty() ? topics.getFirst() : text(entry.societalIssue()));
        cells.put(Column.USE_SUB_CATEGORIES, topics.size() > 1 ? String.join(", ", topics.subList(1, topics.size())) : "");
        cells.put(Column.FOR, d == null ? "" : labels(d.purposes()));
        cells.put(Column.DATA_CATEGORY, d == null ? "" : String.join(", ", d.dataCategories()));
        cells.put(Column.DATA_SOURCE, d == null ? "" : text(d.dataSource()));
        cells.put(Column.DATA_SOURCE_TYPE, d == null ? "" : label(d.sourceType()));
        cells.put(Column.PII_IN_ORIGINAL_DATA, d == null ? "" : label(d.personalDataInSource()));
        cells.put(Column.PII_IN_SHARED_FORMAT, d == null ? "" : label(d.personalDataShared()));
        cells.put(Column.ANONYMIZATION_DETAILS, d == null ? "" : text(d.anonymization()));
        cells.put(Column.FORMAT_OF_DATA_SHARED, d == null ? "" : labels(d.accessModes()));
        cells.put(Column.SHARED_BY, d != null && d.sharedBy() != null ? d.sharedBy() : partners(entry, Role.DATA_PROVIDER));
        cells.put(Column.SHARED_WITH, d != null && d.sharedWith() != null ? d.sharedWith()
                : partners(entry, Role.DATA_USER, Role.BENEFICIARY));
        cells.put(Column.USE_DETAILS, text(entry.intendedGoal()));
        cells.put(Column.TEXT_FOR_WRITEUP, d == null ? "" : text(d.summary()));
        cells.put(Column.REFERENCE, d == null ? "" : String.join(" ", d.links()));
        cells.put(Column.REF, entry.ref());
        cells.put(Column.PHASE, entry.phase().name());
        cells.put(Column.MODEL, entry.modelName());
        cells.put(Column.LEVEL, entry.level() == null ? "" : entry.level().name());
        return cells;
    }

    /** The CSV of entries (in the order given): a header of every export column, then a line per entry. */
    public static String csv(List<CatalogueEntry> entries) {
        StringBuilder csv = new StringBuilder(Csv.line(Column.EXPORT.stream().map(Column::csvName).toList()));
        for (CatalogueEntry entry : entries) {
            Map<Column, String> cells = cells(entry);
            csv.append(Csv.line(Column.EXPORT.stream().map(cells::get).toList()));
        }
        return csv.toString();
    }

    /** The JSON form of one entry's row: the export's columns by their CSV names, in order. */
    public static Map<String, String> json(CatalogueEntry entry) {
        Map<Column, String> cells = cells(entry);
        Map<String, String> row = new LinkedHashMap<>();
        Column.EXPORT.forEach(column -> row.put(column.csvName(), cells.get(column)));
        return row;
    }

    /** The names of the current partners holding any of the roles, joined with ", ". */
    static String partners(CatalogueEntry entry, Role... roles) {
        return entry.partners().stream().filter(p -> p.holds(roles)).map(CatalogueEntry.Partner::name)
                .collect(Collectors.joining(", "));
    }

    private static String label(Labelled value) {
        return value == null ? "" : value.label();
    }

    private static String labels(List<? extends Labelled> values) {
        return values.stream().map(Labelled::label).collect(Collectors.joining(", "));
    }

    private static String text(String value) {
        return Objects.requireNonNullElse(value, "");
    }
}
