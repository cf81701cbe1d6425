package io.atrium.sync.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.atrium.ws.api.WsException;

/**
 * What one kind of sync file does with its lines ({@code users}/{@code sync},
 * {@code courses}/{@code create}, ...). The engine ({@link SyncEngine}) reads the file, checks
 * the header, runs each line at a savepoint of its batch's transaction and writes the report and the
 * tryback file; a processor only says what a line means.
 */
interface Processor {

    /** A line that failed: the message goes to the report and the line to the tryback file. */
    final class LineFailure extends Exception {
        private static final long serialVersionUID = 1L;

        LineFailure(String message) {
            super(message);
        }

        static LineFailure of(WsException e) {
            String m = e.getMessage();
            return new LineFailure(e.debuginfo() == null ? m : m + ": " + e.debuginfo());
        }
    }

    /** The columns of a file: where each named column is. */
    final class Columns {
        private final List<String> names;
        private final Map<String, Integer> index = new HashMap<>();

        Columns(List<String> names) {
            this.names = names;
            for (int i = 0; i < names.size(); i++) {
                index.putIfAbsent(names.get(i), i);
            }
        }

        boolean has(String name) {
            return index.containsKey(name);
        }

        List<String> names() {
            return names;
        }

        /** A column's value in a row, or {@code null} when the file has no such column. */
        String get(CsvTable.Row row, String name) {
            Integer i = index.get(name);
            return i == null || i >= row.values().size() ? null : row.values().get(i);
        }

        /** A column's value, or {@code ""} when the file has no such column. */
        String text(CsvTable.Row row, String name) {
            String v = get(row, name);
            return v == null ? "" : v;
        }
    }

    /** Whether the file starts with a header line naming its columns. */
    default boolean hasHeader() {
        return true;
    }

    /** The columns a file must have (checked before any line is read). */
    List<String> required();

    /**
     * A further check of the header, after the required columns; a message aborts the file.
     *
     * @return why the header cannot be used, or {@code null}
     */
    default String checkHeader(Columns columns) {
        return null;
    }

    /**
     * Processes one line, at a savepoint of the batch's transaction (rolled back to the line's
     * start, its events unsent, when it fails).
     *
     * @param actor the user who started the run (the events name them)
     * @return what was done, for the report
     */
    String line(CsvTable.Row row, Columns columns, long actor) throws LineFailure;
}
