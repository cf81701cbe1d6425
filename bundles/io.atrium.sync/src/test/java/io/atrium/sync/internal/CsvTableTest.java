package io.atrium.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTableTest {

    private static List<CsvTable.Row> rows(byte[] bytes, Charset cs, char sep) throws Exception {
        try (CsvTable t = new CsvTable(new ByteArrayInputStream(bytes), cs, sep, true)) {
            List<CsvTable.Row> rows = new ArrayList<>();
            rows.add(new CsvTable.Row(0, t.header()));
            for (CsvTable.Row r = t.next(); r != null; r = t.next()) {
                rows.add(r);
            }
            return rows;
        }
    }

    private static List<CsvTable.Row> rows(String text, char sep) throws Exception {
        return rows(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, sep);
    }

    @Test
    void readsQuotedFieldsCommentsEmptyLinesAndTheBom() throws Exception {
        String csv = "\uFEFFusername;firstname;lastname\n# a comment\n\njdoe; John ;\"Doe; \"\"Jr\"\"\"\n"
                + "/another comment\n\"multi\nline\";A;B\nlast;C;D";
        List<CsvTable.Row> rows = rows(csv, ';');
        assertEquals(List.of("username", "firstname", "lastname"), rows.get(0).values());
        assertEquals(new CsvTable.Row(4, List.of("jdoe", "John", "Doe; \"Jr\"")), rows.get(1));
        assertEquals(new CsvTable.Row(7, List.of("multi\nline", "A", "B")), rows.get(2));
        assertEquals(new CsvTable.Row(8, List.of("last", "C", "D")), rows.get(3));
        assertEquals(4, rows.size());
    }

    @Test
    void readsLongLinesAndIso88591() throws Exception {
        String longValue = "x".repeat(5000);
        List<CsvTable.Row> rows = rows(("a,b\n" + longValue + ",Zoë\n").getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1, ',');
        assertEquals(List.of(longValue, "Zoë"), rows.get(1).values());
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin = "a;b\nZo\u00eb;x\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvTable.Unreadable e = assertThrows(CsvTable.Unreadable.class, () -> rows(latin, StandardCharsets.UTF_8, ';'));
        assertTrue(e.getMessage().contains("not UTF-8 text; set the global encoding to ISO-8859-1"), e.getMessage());
    }

    @Test
    void anEmptyFileHasNoHeader() {
        assertThrows(CsvTable.Unreadable.class, () -> rows("", ';'));
        assertThrows(CsvTable.Unreadable.class, () -> rows("a;\"b\n", ';'));
    }

    @Test
    void writesWhatItReads() throws Exception {
        byte[] out = CsvTable.write(List.of("a", "b"), List.of(List.of("x;y", "q\"z")), ';', StandardCharsets.UTF_8);
        assertEquals("a;b\n\"x;y\";\"q\"\"z\"\n", new String(out, StandardCharsets.UTF_8));
        assertEquals(List.of("x;y", "q\"z"), rows(out, StandardCharsets.UTF_8, ';').get(1).values());
    }
}
