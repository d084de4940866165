package org.datacollab.catalogue;

import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.vocabulary.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a row's cells into a description (catalogue.md's import table and its readings of untidy values): an
 * empty, "Unknown", "N/A" or "None" cell leaves the field empty ("Unknown" in a personal-data column is
 * UNKNOWN); a value that fits no vocabulary leaves the field empty with a warning; list items are read one by
 * one, and an item that fits no vocabulary (or a link that is not an absolute http/https URL) is dropped with a
 * warning naming it while the rest of the list is kept.
 */
final class RowReader {

    private final Map<Column, String> cells;
    private final Sheet.Row row;
    private final List<Warning> warnings = new ArrayList<>();

    /** {@code cells}: the text of each column; {@code row}: how the file names its columns, for warnings. */
    RowReader(Map<Column, String> cells, Sheet.Row row) {
        this.cells = cells;
        this.row = row;
    }

    List<Warning> warnings() {
        return warnings;
    }

    /** The description the cells say; reportedStatus and published as given. */
    PartnershipDescribed description(Instant on, CatalogueStatus reportedStatus, boolean published) {
        return new PartnershipDescribed(on, one(CollaborationType.class, Column.TYPE_OF_ACTIVITY),
                many(Purpose.class, Column.FOR), topics(), one(Region.class, Column.REGION), text(Column.LOCATION),
                texts(Column.DATA_CATEGORY), text(Column.DATA_SOURCE), one(SourceType.class, Column.DATA_SOURCE_TYPE),
                disclosure(Column.PII_IN_ORIGINAL_DATA), disclosure(Column.PII_IN_SHARED_FORMAT), text(Column.ANONYMIZATION_DETAILS),
                many(AccessMode.class, Column.FORMAT_OF_DATA_SHARED), text(Column.SHARED_BY), text(Column.SHARED_WITH),
                text(Column.TEXT_FOR_WRITEUP), links(), reportedStatus, published);
    }

    /** The Status cell: a catalogue status, or null when empty or unreadable (with a warning). */
    CatalogueStatus status() {
        return one(CatalogueStatus.class, Column.STATUS);
    }

    /** A text cell, trimmed; null when it says nothing. */
    String text(Column column) {
        String cell = cells.get(column);
        return Labels.isEmpty(cell) ? null : cell.strip();
    }

    /** The Location when it is exactly two letters: a country code, upper-cased, the jurisdiction. */
    String jurisdiction() {
        String location = text(Column.LOCATION);
        return location != null && location.matches("[A-Za-z]{2}") ? location.toUpperCase(Locale.ROOT) : null;
    }

    private <E extends Enum<E> & Labelled> E one(Class<E> vocabulary, Column column) {
        String cell = cells.get(column);
        if (Labels.isEmpty(cell)) {
            return null;
        }
        return Labels.read(vocabulary, cell).orElseGet(() -> {
            warn(column, cell.strip(), vocabulary, "the field is left empty");
            return null;
        });
    }

    private Disclosure disclosure(Column column) {
        String cell = cells.get(column);
        return Labels.isUnknown(cell) ? Disclosure.UNKNOWN : one(Disclosure.class, column);
    }

    private <E extends Enum<E> & Labelled> List<E> many(Class<E> vocabulary, Column column) {
        List<E> values = new ArrayList<>();
        for (String item : items(column, ",")) {
            Labels.read(vocabulary, item).ifPresentOrElse(value -> {
                if (!values.contains(value)) {
                    values.add(value);
                }
            }, () -> warn(column, item, vocabulary, "it is left out of the list"));
        }
        return values;
    }

    /** Sector first, then the Use Sub-categories: in their first spelling, duplicates ignoring case dropped. */
    private List<String> topics() {
        List<String> all = new ArrayList<>();
        String sector = text(Column.SECTOR);
        if (sector != null) {
            all.add(sector);
        }
        all.addAll(items(Column.USE_SUB_CATEGORIES, ","));
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        return all.stream().filter(seen::add).toList();
    }

    private List<String> texts(Column column) {
        return items(column, ",");
    }

    private List<String> links() {
        List<String> links = new ArrayList<>();
        for (String item : items(Column.REFERENCE, "[;,\\s]")) {
            if (isLink(item)) {
                links.add(item);
            } else {
                warnings.add(new Warning(row.header(Column.REFERENCE), item, "'" + item
                        + "' is not an absolute http or https URL; it is left out of the links."));
            }
        }
        return links;
    }

    static boolean isLink(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The cell's items: split, trimmed, without those that say nothing. */
    private List<String> items(Column column, String separator) {
        String cell = cells.get(column);
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.split(separator)).map(String::strip).filter(item -> !Labels.isEmpty(item)).toList();
    }

    private <E extends Enum<E> & Labelled> void warn(Column column, String value, Class<E> vocabulary, String outcome) {
        String allowed = Arrays.stream(vocabulary.getEnumConstants()).map(Labelled::label).collect(Collectors.joining(", "));
        warnings.add(new Warning(row.header(column), value, "'" + value + "' is no " + row.header(column)
                + " this registry knows (" + allowed + "); " + outcome + "."));
    }
}
