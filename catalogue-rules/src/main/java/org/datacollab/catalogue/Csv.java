package org.datacollab.catalogue;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records, as spreadsheets write them: a UTF-8 byte-order mark is dropped, the delimiter is {@code ;}
 * when the header line has more of them than commas outside quotes (as much of Europe writes CSV), else
 * {@code ,}; quoted fields may hold delimiters, line breaks and doubled quotes; CRLF or LF ends a record; an
 * empty line is no record. Written small by hand rather than with a library: the detection of the delimiter
 * and the mark, and the line number in an error, are most of what is needed.
 */
public final class Csv {

    /** A file that is not CSV; {@code line} is where reading stopped (from 1). */
    public static final class Malformed extends RuntimeException {
        private final int line;

        Malformed(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private Csv() {
    }

    /** The records of a CSV text (the header record first). */
    public static List<List<String>> read(String text) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        char delimiter = delimiter(csv);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int quoteLine = 0;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
                quoteLine = line;
            } else if (c == delimiter) {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                end(records, record, field, fieldStarted);
                record = new ArrayList<>();
                fieldStarted = false;
                line++;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new Malformed(quoteLine, "A quoted field opened on line " + quoteLine + " is never closed.");
        }
        end(records, record, field, fieldStarted);
        return records;
    }

    private static void end(List<List<String>> records, List<String> record, StringBuilder field, boolean fieldStarted) {
        if (record.isEmpty() && field.isEmpty() && !fieldStarted) {
            return; // an empty line is no record
        }
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
    }

    /** {@code ;} when the first line has more semicolons than commas outside quotes. */
    static char delimiter(String csv) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    /** One record, each field quoted when it holds a comma, a quote or a line break; CRLF at its end. */
    public static String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = fields.get(i) == null ? "" : fields.get(i);
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                    || value.indexOf(';') >= 0) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        return line.append("\r\n").toString();
    }
}
