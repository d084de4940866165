package org.datacollab.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.Optional;

/**
 * The first pass over a catalogue file (catalogue.md): legends within the data are skipped, a row without a
 * title is an error, and every other row gets its ref: the file's own {@code ref} column when it has one (an
 * export does), else its title's slug, with {@code -2}, {@code -3} for titles of the file whose slugs meet.
 * Each row is then planned against the entry its ref names, if any ({@link RowPlanner}).
 */
public final class ImportRows {

    /** A ref: a slug of lower-case letters, digits and hyphens (docs/decisions/0002). */
    private static final Pattern REF = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    /** A row to plan: its ref, and the title it would be created with. */
    public record Target(Sheet.Row row, String ref, String title) {
    }

    /** The row's outcome so far: either a plan already (skipped, rejected) or a target to plan. */
    public record Step(RowPlan decided, Target target) {
    }

    private ImportRows() {
    }

    public static List<Step> of(Sheet sheet) {
        Slugs.Allocation refs = new Slugs.Allocation();
        for (Sheet.Row row : sheet.rows()) {
            explicitRef(row).filter(r -> REF.matcher(r).matches()).ifPresent(refs::reserve);
        }
        List<Step> steps = new ArrayList<>();
        for (Sheet.Row row : sheet.rows()) {
            if (row.isHeader()) {
                steps.add(new Step(new RowPlan.Skip(row.number()), null));
                continue;
            }
            String title = row.text(Column.TITLE).filter(t -> !Labels.isEmpty(t)).map(String::strip).orElse(null);
            if (title == null) {
                steps.add(new Step(new RowPlan.Reject(row.number(), null, "title-required", row.header(Column.TITLE),
                        "The row has no title; every entry needs one.", List.of()), null));
                continue;
            }
            var explicit = explicitRef(row);
            if (explicit.isPresent() && !REF.matcher(explicit.get()).matches()) {
                steps.add(new Step(new RowPlan.Reject(row.number(), null, "ref-format", row.header(Column.REF), "'" + explicit.get()
                        + "' is not a ref: use lower-case letters, digits and hyphens (at most 100).", List.of()), null));
                continue;
            }
            steps.add(new Step(null, new Target(row, explicit.orElseGet(() -> refs.next(title)), title)));
        }
        return steps;
    }

    private static Optional<String> explicitRef(Sheet.Row row) {
        return row.text(Column.REF).map(String::strip).filter(r -> !r.isEmpty()).map(r -> r.toLowerCase(Locale.ROOT));
    }
}
