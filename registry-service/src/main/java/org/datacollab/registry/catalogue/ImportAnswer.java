package org.datacollab.registry.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.datacollab.catalogue.Warning;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer to a catalogue import (catalogue.md): per row, the ref created or matched and its warnings, or that
 * it was skipped, or its error; and the totals. {@code facts} is how many facts the row recorded (0 for a row
 * that changes nothing).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportAnswer(LocalDate cataloguedOn, String steward, int created, int matched, int skipped, int errors,
                           List<Row> rows) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(int row, String ref, Boolean created, Boolean skipped, Integer facts, List<Warning> warnings, RowError error) {

        static Row skipped(int row) {
            return new Row(row, null, null, true, null, List.of(), null);
        }

        static Row recorded(int row, String ref, boolean created, int facts, List<Warning> warnings) {
            return new Row(row, ref, created, null, facts, warnings, null);
        }

        static Row failed(int row, String ref, List<Warning> warnings, RowError error) {
            return new Row(row, ref, null, null, null, warnings, error);
        }
    }

    /** Why a row recorded nothing: the rule (docs/problems.md), the column or field at fault, in words. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowError(String rule, String field, String detail) {
    }

    static ImportAnswer of(LocalDate cataloguedOn, String steward, List<Row> rows) {
        int created = (int) rows.stream().filter(r -> Boolean.TRUE.equals(r.created())).count();
        int matched = (int) rows.stream().filter(r -> Boolean.FALSE.equals(r.created())).count();
        int skipped = (int) rows.stream().filter(r -> Boolean.TRUE.equals(r.skipped())).count();
        int errors = (int) rows.stream().filter(r -> r.error() != null).count();
        return new ImportAnswer(cataloguedOn, steward, created, matched, skipped, errors, rows);
    }
}
