package org.datacollab.catalogue;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 4180 as spreadsheets write it: quotes, line breaks in fields, a byte-order mark, semicolons. */
class CsvTest {

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks() {
        String csv = "Title,Shared with\r\n\"A, B\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\r\n";
        assertThat(Csv.read(csv)).containsExactly(List.of("Title", "Shared with"), List.of("A, B", "say \"hi\""), List.of("two\nlines", "x"));
    }

    @Test
    void aByteOrderMarkAndSemicolonsAsSpreadsheetsInEuropeWriteThem() {
        String csv = "\uFEFFTitle;Region;For\nFlood maps;Asia;Research, Policy & Public Decisionmaking\n";
        assertThat(Csv.read(csv)).containsExactly(List.of("Title", "Region", "For"),
                List.of("Flood maps", "Asia", "Research, Policy & Public Decisionmaking"));
    }

    @Test
    void emptyLinesAreNoRecordsButEmptyFieldsAre() {
        assertThat(Csv.read("a,b\n\n,\n\"\"\n")).containsExactly(List.of("a", "b"), List.of("", ""), List.of(""));
    }

    @Test
    void anUnclosedQuoteSaysWhere() {
        assertThatThrownBy(() -> Csv.read("a,b\nx,\"open\nmore\n"))
                .isInstanceOf(Csv.Malformed.class).hasMessageContaining("line 2");
    }

    @Test
    void whatIsWrittenReadsBack() {
        List<String> fields = List.of("plain", "with, comma", "with \"quote\"", "semi;colon", "line\nbreak", "");
        assertThat(Csv.read(Csv.line(fields) + Csv.line(fields))).containsExactly(fields, fields);
    }
}
