package org.datacollab.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.io.IOException;
import java.util.LinkedHashMap;

/**
 * Reads a whole catalogue (catalogue.md): GovLab's CSV (a header row naming the columns in any order; unknown
 * columns ignored) or its JSON form (an array of objects with GovLab's site keys; CSV column names are read as
 * keys too, so that an export in JSON imports back). A file that cannot be read at all is {@link Unreadable}.
 */
public final class CatalogueFile {

    /** The file as a whole cannot be read: the request is refused before any row is imported. */
    public static final class Unreadable extends RuntimeException {
        private final String rule;

        Unreadable(String rule, String message) {
            super(message);
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }

    /** A key given twice in an entry is refused with the file, not read as its last value (which one was meant is a guess). */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // a number is a cell as written: 1e999999999 is not the text "Infinity", 0.10 not "0.1"
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private CatalogueFile() {
    }

    public static Sheet csv(byte[] body) {
        List<List<String>> records;
        try {
            records = Csv.read(new String(body, StandardCharsets.UTF_8));
        } catch (Csv.Malformed e) {
            throw new Unreadable("csv-format", "The file is not CSV (RFC 4180): " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw new Unreadable("catalogue-columns", "The file is empty: a header row naming GovLab's columns comes first.");
        }
        List<String> headers = records.getFirst();
        Map<Integer, Column> columns = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            int index = i;
            Column.named(headers.get(i)).filter(c -> !columns.containsValue(c)).ifPresent(c -> columns.put(index, c));
        }
        requireTitle(columns.values().stream().toList());
        List<Sheet.Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            Map<Column, Sheet.Cell> cells = new EnumMap<>(Column.class);
            columns.forEach((index, column) -> cells.put(column,
                    new Sheet.Cell(headers.get(index).strip(), index < record.size() ? record.get(index) : "")));
            rows.add(new Sheet.Row(r, cells, false));
        }
        return new Sheet(rows);
    }

    public static Sheet json(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            String where = e instanceof JsonProcessingException p && p.getLocation() != null
                    ? " (line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() + ")" : "";
            throw new Unreadable("malformed-json", "The body is not well-formed JSON" + where + ".");
        }
        if (root == null || !root.isArray()) {
            throw new Unreadable("catalogue-format", "GovLab's JSON form is an array of objects, one per entry.");
        }
        List<Sheet.Row> rows = new ArrayList<>();
        List<Column> seen = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            if (!item.isObject()) {
                throw new Unreadable("catalogue-format", "Entry " + (i + 1) + " is not a JSON object.");
            }
            Map<Column, Sheet.Cell> cells = new EnumMap<>(Column.class);
            for (Iterator<Map.Entry<String, JsonNode>> fields = item.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                Optional<Column> column = Column.named(field.getKey());
                if (column.isPresent() && !cells.containsKey(column.get())) {
                    if (field.getValue().isObject() || field.getValue().isArray()
                            && StreamSupport.stream(field.getValue().spliterator(), false).anyMatch(JsonNode::isContainerNode)) {
                        // GovLab's JSON form has text, numbers, booleans and lists of them in its cells; an object is
                        // no cell, and reading it as its JSON text would put that text into an entry
                        throw new Unreadable("catalogue-format", "Entry " + (i + 1) + "'s '" + field.getKey()
                                + "' is an object: a value is text, a number, a boolean or a list of those.");
                    }
                    cells.put(column.get(), new Sheet.Cell(field.getKey(), text(field.getValue())));
                    seen.add(column.get());
                }
            }
            rows.add(new Sheet.Row(i + 1, cells, true));
        }
        if (!rows.isEmpty()) {
            requireTitle(seen);
        }
        return new Sheet(rows);
    }

    private static void requireTitle(List<Column> columns) {
        if (!columns.contains(Column.TITLE)) {
            throw new Unreadable("catalogue-columns", "The file has no Title column (JSON key 'name'): every entry needs a title.");
        }
    }

    /** A JSON value as a cell: text as it is, numbers and booleans as written, lists joined with ", ", null empty. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(CatalogueFile::text).collect(Collectors.joining(", "));
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toString();
        }
        return value.asText();
    }
}
