package io.atrium.sync.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A sync file read with Apache Commons CSV: quoted fields (separators, quotes and line breaks
 * inside them), lines of any length, a byte-order mark, {@code ;} or {@code ,}, UTF-8 (strict:
 * a byte that is not UTF-8 is an error naming the encoding setting) or ISO-8859-1. As in the
 * original, empty lines are skipped, and so are comment lines: a first field that starts with
 * {@code #}, {@code /}, {@code (}, {@code [}, {@code -} or a space. Values are trimmed.
 * Rows are read one at a time, so a file of any size streams.
 */
final class CsvTable implements AutoCloseable {

    /** A row: its line number in the file (its last line, for a quoted value spanning lines) and its values. */
    record Row(long line, List<String> values) {
    }

    /** The file cannot be read as CSV in its encoding; the message says where. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final char separator;
    private final List<String> header;
    private long lastLine;
    private boolean first = true;

    /**
     * @param withHeader whether the first row names the columns (course delete and check files have none)
     */
    CsvTable(InputStream in, Charset charset, char separator, boolean withHeader) throws Unreadable {
        this.separator = separator;
        Reader reader = new InputStreamReader(in, charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        try {
            this.parser = CSVParser.builder().setReader(reader).setFormat(format(separator)).get();
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(e, charset);
        }
        this.records = parser.iterator();
        List<String> h = null;
        if (withHeader) {
            Row first = nextRow(charset);
            if (first == null) {
                throw new Unreadable("The file is empty: it has no header line");
            }
            h = new ArrayList<>();
            for (String v : first.values()) {
                h.add(v);
            }
        }
        this.header = h;
        this.charset = charset;
    }

    private final Charset charset;

    private static CSVFormat format(char separator) {
        return CSVFormat.DEFAULT.builder().setDelimiter(separator).setQuote('"').setIgnoreEmptyLines(true)
                .setRecordSeparator("\n").get();
    }

    private static Unreadable unreadable(Exception e, Charset charset) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof CharacterCodingException) {
            return new Unreadable("The file is not " + charset.name() + " text; set the global encoding to "
                    + (charset.equals(StandardCharsets.UTF_8) ? "ISO-8859-1" : "UTF-8") + " if it is that");
        }
        String m = String.valueOf(cause.getMessage());
        return new Unreadable("The file is not readable as CSV: " + m.replace('\n', ' '));
    }

    /** The header's column names, or {@code null} for a file without one. */
    List<String> header() {
        return header;
    }

    char separator() {
        return separator;
    }

    /** The next data row, or {@code null} at the end. */
    Row next() throws Unreadable {
        return nextRow(charset);
    }

    private Row nextRow(Charset cs) throws Unreadable {
        try {
            while (records.hasNext()) {
                CSVRecord r = records.next();
                // The parser counts the line breaks it has read: the number of the record's last
                // line, or one less for a last line without a line break.
                long end = parser.getCurrentLineNumber();
                long line = end > lastLine ? end : lastLine + 1;
                lastLine = line;
                List<String> values = new ArrayList<>(r.size());
                for (String v : r) {
                    values.add(v);
                }
                if (first && !values.isEmpty() && values.get(0).startsWith("\uFEFF")) {
                    values.set(0, values.get(0).substring(1));
                }
                if (isComment(values)) {
                    continue;
                }
                first = false;
                values.replaceAll(String::strip);
                return new Row(line, values);
            }
            return null;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw unreadable(e, cs);
        } catch (NoSuchElementException e) {
            return null;
        }
    }

    private static boolean isComment(List<String> values) {
        if (values.isEmpty() || values.size() == 1 && values.get(0).isBlank()) {
            return true;
        }
        String first = values.get(0);
        return !first.isEmpty() && "#/([- ".indexOf(first.charAt(0)) >= 0;
    }

    /** Writes a header and rows as CSV with this file's separator, in its encoding. */
    static byte[] write(List<String> header, List<List<String>> rows, char separator, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, charset);
                CSVPrinter printer = new CSVPrinter(w, format(separator))) {
            if (header != null) {
                printer.printRecord(header);
            }
            for (List<String> r : rows) {
                printer.printRecord(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // a closed stream of a stored file: nothing to release
        }
    }
}
