package io.atrium.sync.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.lms.api.StoredFile;
import io.atrium.store.api.Db;
import io.atrium.store.api.Store;

/**
 * Runs one sync file through a {@link Processor}: finds the file, reads it as CSV, checks the
 * header (a missing required column aborts the file before anything is written), processes
 * each line (a bad line never stops the good ones; its message
 * names its line number), and afterwards writes the tryback file (the header and exactly the
 * failed lines), archives the file and stores the report, as configured. Lines are written in
 * batches of {@value #BATCH}, each line at a savepoint, so a failed line leaves nothing and
 * sends no event. In simulation the whole run is one transaction rolled back at the end: every
 * check is made, nothing is kept, no event is sent.
 */
final class SyncEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Lines per transaction. */
    private static final int BATCH = 500;
    /** Lines between progress reports. */
    private static final int PROGRESS_EVERY = 500;

    /** The outcome of a run. */
    record Outcome(boolean completed, long lines, long failed, String report) {
    }

    /** Thrown at the end of a simulation to roll everything back. */
    private static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rollback() {
            super(null, null, false, false);
        }
    }

    private final Store store;
    private final SyncArea area;
    private final Settings settings;

    SyncEngine(Store store, SyncArea area, Settings settings) {
        this.store = store;
        this.area = area;
        this.settings = settings;
    }

    /**
     * @param location the file, in the sync file area
     * @param progress told the number of lines done, every so often
     */
    Outcome run(Processor processor, String location, boolean simulate, long actor, LongConsumer progress) {
        StringBuilder report = new StringBuilder();
        SyncArea.Place place = SyncArea.place(location);
        Optional<StoredFile> file = area.find(place);
        if (file.isEmpty()) {
            report.append("The file ").append(location).append(" is not in the sync file area: upload it and commit "
                    + "it with tool_sync_commit_file, or set the location with tool_sync_set_config\n");
            return new Outcome(false, 0, 0, report.toString());
        }
        Charset charset = "ISO-8859-1".equals(settings.get("global", "encoding")) ? StandardCharsets.ISO_8859_1
                : StandardCharsets.UTF_8;
        char separator = settings.get("global", "csvseparator").charAt(0);
        report.append(simulate ? "Simulating " : "Processing ").append(location).append('\n');
        List<List<String>> failedRows = new ArrayList<>();
        long[] counts = new long[2];
        List<String> header;
        try (InputStream in = area.open(file.get());
                CsvTable table = new CsvTable(in, charset, separator, processor.hasHeader())) {
            header = table.header();
            Processor.Columns columns = new Processor.Columns(header == null ? List.of() : header);
            String problem = header == null ? null : checkHeader(processor, columns);
            if (problem != null) {
                report.append(problem).append('\n');
                return new Outcome(false, 0, 0, report.toString());
            }
            lines(table, processor, columns, header, report, failedRows, counts, progress, simulate, actor);
        } catch (CsvTable.Unreadable e) {
            report.append("Error at line ").append(counts[0] + (processor.hasHeader() ? 2 : 1)).append(": ")
                    .append(e.getMessage()).append(" (the lines before it were processed)\n");
            return finish(report, counts, false);
        } catch (IOException e) {
            report.append("The file cannot be read: ").append(e.getMessage()).append('\n');
            return finish(report, counts, false);
        }
        if (!simulate) {
            afterwards(place, file.get(), header, failedRows, separator, charset, report);
        }
        return finish(report, counts, true);
    }

    private static Outcome finish(StringBuilder report, long[] counts, boolean completed) {
        report.append(counts[0]).append(" line(s) processed, ").append(counts[1]).append(" failed\n");
        return new Outcome(completed, counts[0], counts[1], report.toString());
    }

    private static String checkHeader(Processor processor, Processor.Columns columns) {
        List<String> missing = new ArrayList<>();
        for (String r : processor.required()) {
            if (!columns.has(r)) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            return "The file lacks the required column(s) " + String.join(", ", missing) + " (its header is: "
                    + String.join(", ", columns.names()) + "); nothing was processed";
        }
        Set<String> seen = new HashSet<>();
        for (String n : columns.names()) {
            if (!seen.add(n)) {
                return "The column " + n + " appears twice in the header; nothing was processed";
            }
        }
        return processor.checkHeader(columns);
    }

    private void lines(CsvTable table, Processor processor, Processor.Columns columns, List<String> header,
            StringBuilder report, List<List<String>> failedRows, long[] counts, LongConsumer progress,
            boolean simulate, long actor) throws CsvTable.Unreadable {
        // Lines are written in batches, one transaction each, every line at a savepoint of its
        // own: a line that fails goes back to its start (its events unsent) and the batch goes
        // on. A simulation is one transaction that is rolled back at the end.
        boolean[] more = { true };
        CsvTable.Unreadable[] unreadable = new CsvTable.Unreadable[1];
        try {
            while (more[0]) {
                store.inTransaction(false, db -> {
                    int n = 0;
                    while (simulate || n++ < BATCH) {
                        CsvTable.Row row;
                        try {
                            row = table.next();
                        } catch (CsvTable.Unreadable e) {
                            unreadable[0] = e;
                            row = null;
                        }
                        if (row == null) {
                            more[0] = false;
                            break;
                        }
                        line(db, processor, columns, header, row, report, failedRows, counts, actor);
                        if (counts[0] % PROGRESS_EVERY == 0) {
                            progress.accept(counts[0]);
                        }
                    }
                    if (simulate) {
                        throw new Rollback();
                    }
                    return null;
                });
            }
        } catch (Rollback expected) {
            // a simulation keeps nothing
        }
        progress.accept(counts[0]);
        if (unreadable[0] != null) {
            throw unreadable[0];
        }
    }

    private static void line(Db db, Processor processor, Processor.Columns columns, List<String> header,
            CsvTable.Row row, StringBuilder report, List<List<String>> failedRows, long[] counts, long actor) {
        counts[0]++;
        try {
            if (header != null && row.values().size() != header.size()) {
                throw new Processor.LineFailure(row.values().size() + " values found. " + header.size()
                        + " expected.");
            }
            String message = db.savepoint(tx -> processor.line(row, columns, actor));
            report.append("Line ").append(row.line()).append(": ").append(message).append('\n');
        } catch (Processor.LineFailure e) {
            counts[1]++;
            failedRows.add(row.values());
            report.append("Error at line ").append(row.line()).append(": ").append(e.getMessage()).append('\n');
        } catch (RuntimeException e) {
            counts[1]++;
            failedRows.add(row.values());
            LOG.error("tool_sync: line {} failed unexpectedly", row.line(), e);
            report.append("Error at line ").append(row.line()).append(": unexpected error, see the server log (")
                    .append(e.getClass().getSimpleName()).append(")\n");
        }
    }

    /** Tryback, archive, report: what the global settings ask for once a file is done. */
    private void afterwards(SyncArea.Place place, StoredFile file, List<String> header, List<List<String>> failed,
            char separator, Charset charset, StringBuilder report) {
        String stamp = LocalDateTime.now(ZoneId.systemDefault()).format(STAMP);
        if (!failed.isEmpty() && settings.flag("global", "filefailed")) {
            String name = place.name();
            int dot = name.lastIndexOf('.');
            String tryback = dot <= 0 ? name + "_tryback_" + stamp
                    : name.substring(0, dot) + "_tryback_" + stamp + name.substring(dot);
            SyncArea.Place p = new SyncArea.Place(place.path(), tryback);
            area.write(p, CsvTable.write(header, failed, separator, charset));
            report.append("The failed lines are in ").append(p.location()).append('\n');
        }
        if (settings.flag("global", "filearchive")) {
            try (InputStream in = area.open(file)) {
                SyncArea.Place p = new SyncArea.Place("/archives/", stamp + "_" + place.name());
                area.write(p, in.readAllBytes());
                area.delete(file);
                report.append("The file was archived as ").append(p.location()).append('\n');
            } catch (IOException e) {
                report.append("The file could not be archived: ").append(e.getMessage()).append('\n');
            }
        } else if (settings.flag("global", "filecleanup")) {
            area.delete(file);
            report.append("The file was removed from the sync file area\n");
        }
        if (settings.flag("global", "storereport")) {
            SyncArea.Place p = new SyncArea.Place("/reports/", stamp + "_report_" + place.name());
            report.append("The report is stored as ").append(p.location()).append('\n');
            area.write(p, report.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
