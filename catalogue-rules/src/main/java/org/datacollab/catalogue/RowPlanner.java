package org.datacollab.catalogue;

import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.facts.PartnershipEnded;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.vocabulary.CatalogueStatus;
import org.datacollab.contracts.vocabulary.Outcome;
import org.datacollab.contracts.vocabulary.Phase;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides one row (catalogue.md's precise readings): a new entry is formed (catalogued), described when any
 * description field has a value, and ended when its status says Ended, all on {@code cataloguedOn}. A row
 * matched to an entry changes it only where a cell differs from what the export writes for that entry, and a
 * column the row lacks leaves that part as it is; Title, Use Details, Sector (as the societal issue) and
 * Location (as the jurisdiction) are read only when an entry is created, later differences are warnings. A
 * live entry whose status now says Ended is ended; an ended entry is left as it is (a warning if the row
 * differs). A row dated before the entry's formation is an error; one older than its latest description
 * changes nothing.
 */
public final class RowPlanner {

    /** The columns read only when an entry is created: a later difference is a warning. */
    private static final List<Column> READ_ON_CREATION = List.of(Column.TITLE, Column.USE_DETAILS, Column.SECTOR, Column.LOCATION);
    /** Fields of a description that are not read from its own cells. */
    private static final Set<String> NOT_CELLS = Set.of("occurredAt", "reportedStatus", "published");

    private RowPlanner() {
    }

    public static RowPlan create(Sheet.Row row, String ref, String title, LocalDate cataloguedOn, boolean publish) {
        Instant on = start(cataloguedOn);
        RowReader reader = new RowReader(cells(row), row);
        CatalogueStatus status = reader.status();
        PartnershipDescribed description = reader.description(on, reported(status), publish);
        PartnershipFormed formed = new PartnershipFormed(on, ref, title, null, null, reader.text(Column.SECTOR),
                reader.text(Column.USE_DETAILS), reader.jurisdiction(), List.of(), true);
        List<PartnershipFact> facts = new ArrayList<>();
        if (!description.equals(empty(on))) {
            facts.add(description);
        }
        if (status == CatalogueStatus.ENDED) {
            facts.add(new PartnershipEnded(on, Outcome.NOT_RECORDED, null));
        }
        return new RowPlan.Create(row.number(), ref, formed, facts, reader.warnings());
    }

    public static RowPlan match(Sheet.Row row, CatalogueEntry entry, LocalDate cataloguedOn, boolean publish) {
        Instant on = start(cataloguedOn);
        if (cataloguedOn.isBefore(entry.formedOn())) {
            return new RowPlan.Reject(row.number(), entry.ref(), "occurred-before-formation", "cataloguedOn", "The row is"
                    + " catalogued on " + cataloguedOn + ", before '" + entry.ref() + "' was formed (" + entry.formedOn() + ").", List.of());
        }
        Map<Column, String> exported = CatalogueExport.cells(entry);
        Map<Column, String> merged = new EnumMap<>(exported);
        merged.putAll(cells(row));
        RowReader file = new RowReader(merged, row);
        RowReader export = new RowReader(exported, row);
        PartnershipDescribed current = entry.description() == null ? empty(on) : entry.description().on(on);
        PartnershipDescribed fromFile = file.description(on, null, false);
        PartnershipDescribed fromExport = export.description(on, null, false);
        CatalogueStatus fileStatus = file.status();
        boolean statusDiffers = fileStatus != export.status();
        List<Warning> warnings = new ArrayList<>(file.warnings());
        List<Warning> creationOnly = new ArrayList<>();
        for (Column column : READ_ON_CREATION) {
            if (row.has(column) && !Objects.equals(file.text(column), export.text(column))) {
                creationOnly.add(new Warning(row.header(column), Objects.requireNonNullElse(file.text(column), ""),
                        row.header(column) + " is read only when an entry is created; '" + entry.ref() + "' keeps "
                                + kept(column, entry) + "."));
            }
        }
        // Ended ends the entry (below); its reported status no longer shows, so it is left as it is
        CatalogueStatus reported = statusDiffers && fileStatus != CatalogueStatus.ENDED ? reported(fileStatus) : current.reportedStatus();
        PartnershipDescribed next = merge(current, fromFile, fromExport, reported, current.inPublicCatalogue() || publish);
        boolean ends = statusDiffers && fileStatus == CatalogueStatus.ENDED;
        boolean differs = !next.equals(current) || statusDiffers || !creationOnly.isEmpty();
        if (entry.phase() == Phase.ENDED) {
            if (differs) {
                warnings.add(new Warning(row.header(Column.TITLE), entry.name(), "'" + entry.ref()
                        + "' has ended; it is left as it is and this row's differences are not recorded."));
            }
            return new RowPlan.Update(row.number(), entry.ref(), List.of(), warnings);
        }
        warnings.addAll(creationOnly);
        LocalDate describedOn = entry.description() == null ? null
                : LocalDate.ofInstant(entry.description().occurredAt(), ZoneOffset.UTC);
        if (describedOn != null && cataloguedOn.isBefore(describedOn)) {
            if (!next.equals(current) || ends) {
                warnings.add(new Warning(row.header(Column.TITLE), entry.name(), "The row is older than '" + entry.ref()
                        + "''s description of " + describedOn + "; it changes nothing."));
            }
            return new RowPlan.Update(row.number(), entry.ref(), List.of(), warnings);
        }
        List<PartnershipFact> facts = new ArrayList<>();
        if (!next.equals(current)) {
            facts.add(next);
        }
        if (ends) {
            facts.add(new PartnershipEnded(on, Outcome.NOT_RECORDED, null));
        }
        return new RowPlan.Update(row.number(), entry.ref(), facts, warnings);
    }

    /**
     * Field by field: the file's reading where it differs from the export's reading of what the entry shows,
     * else the entry's own value (which may differ from what the export shows, e.g. no Shared by of its own).
     */
    static PartnershipDescribed merge(PartnershipDescribed current, PartnershipDescribed fromFile, PartnershipDescribed fromExport,
                                      CatalogueStatus reported, boolean published) {
        RecordComponent[] components = PartnershipDescribed.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            values[i] = switch (component.getName()) {
                case "reportedStatus" -> reported;
                case "published" -> published;
                default -> {
                    Object file = value(component, fromFile);
                    yield NOT_CELLS.contains(component.getName()) || Objects.equals(file, value(component, fromExport))
                            ? value(component, current) : file;
                }
            };
        }
        try {
            return PartnershipDescribed.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(RecordComponent component, PartnershipDescribed description) {
        try {
            return component.getAccessor().invoke(description);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String kept(Column column, CatalogueEntry entry) {
        String value = switch (column) {
            case TITLE -> entry.name();
            case USE_DETAILS -> entry.intendedGoal();
            case SECTOR -> entry.societalIssue();
            default -> entry.jurisdiction();
        };
        String what = switch (column) {
            case TITLE -> "its name";
            case USE_DETAILS -> "its intended goal";
            case SECTOR -> "its societal issue";
            default -> "its jurisdiction";
        };
        return what + (value == null ? " (none)" : " '" + value + "'");
    }

    /** The reported status a Status cell gives: Pilot and Ongoing are kept; Announced, Ended or nothing is none. */
    private static CatalogueStatus reported(CatalogueStatus status) {
        return status == CatalogueStatus.PILOT || status == CatalogueStatus.ONGOING ? status : null;
    }

    static PartnershipDescribed empty(Instant on) {
        return new PartnershipDescribed(on, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, false);
    }

    private static Map<Column, String> cells(Sheet.Row row) {
        Map<Column, String> cells = new EnumMap<>(Column.class);
        row.cells().forEach((column, cell) -> cells.put(column, cell.value()));
        return cells;
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
