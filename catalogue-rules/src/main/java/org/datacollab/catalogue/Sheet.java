package org.datacollab.catalogue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A catalogue file read into rows: each row numbered from 1 (the first data record of a CSV, the first object
 * of a JSON array), with the cells of the columns it has, each named as the file names its column.
 */
public record Sheet(List<Row> rows) {

    /** A cell: the column's name as the file writes it (for warnings), and the text in it. */
    public record Cell(String header, String value) {
    }

    /** {@code json}: the row is an object of the JSON form, whose columns are named by their keys. */
    public record Row(int number, Map<Column, Cell> cells, boolean json) {

        public Row {
            cells = cells.isEmpty() ? Map.of() : new EnumMap<>(cells);
        }

        /** Whether the file has this column (for this row). */
        public boolean has(Column column) {
            return cells.containsKey(column);
        }

        /** The text of the column's cell; empty when the file lacks the column. */
        public Optional<String> text(Column column) {
            Cell cell = cells.get(column);
            return cell == null ? Optional.empty() : Optional.of(cell.value());
        }

        /** The column's name as the file writes it (when the row lacks it: its JSON key in the JSON form, else its CSV name). */
        public String header(Column column) {
            Cell cell = cells.get(column);
            if (cell != null) {
                return cell.header();
            }
            return json ? column.jsonKey().orElse(column.csvName()) : column.csvName();
        }

        /**
         * A legend within the data (GovLab's JSON starts with one): every non-empty cell equals its own column's
         * name, as the file writes it, as GovLab's CSV writes it, or as its JSON key.
         */
        public boolean isHeader() {
            boolean any = false;
            for (var entry : cells.entrySet()) {
                String value = entry.getValue().value();
                if (value == null || value.isBlank()) {
                    continue;
                }
                String key = Labels.key(value);
                Column column = entry.getKey();
                boolean names = key.equals(Labels.key(entry.getValue().header())) || key.equals(Labels.key(column.csvName()))
                        || column.jsonKey().map(k -> Labels.key(k).equals(key)).orElse(false);
                if (!names) {
                    return false;
                }
                any = true;
            }
            return any;
        }
    }
}
