package io.atrium.lpi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Courses;
import io.atrium.lms.api.EventLog;
import io.atrium.lms.api.Files;
import io.atrium.lms.api.LmsEvent;
import io.atrium.lms.api.StoredFile;
import io.atrium.lpi.api.Choice;
import io.atrium.lpi.api.DocumentContent;
import io.atrium.lpi.api.LicenceRecord;
import io.atrium.lpi.api.Licences;
import io.atrium.lpi.api.Page;
import io.atrium.lpi.api.State;
import io.atrium.store.api.Db;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;

/**
 * The records and every transition between states: tracking a course file, the teacher's
 * classification, the licence office's authorisation, and the hide job's sweep. Each transition
 * writes its event ({@code \local_lpi\event\...}) in the same transaction; hiding and showing a
 * course module goes through {@link Courses#updateModule}, which logs its own
 * {@code course_module_updated}. Time comes from the clock given, so tests can move it.
 */
@Component(service = { Lpi.class, Licences.class })
public final class Lpi implements Licences {

    static final String TABLE = "local_lpi_metadata";
    private static final Logger LOG = LoggerFactory.getLogger(Lpi.class);
    private static final String COLUMNS = "id, fileid, contextid, courseid, cmid, state, choice, title, author, "
            + "publisher, identification, pages, totalpages, firstpage, lastpage, fragment, fragmenttitle, "
            + "fragmentauthor, timeendlicense, comments, documentcontent, denyreason, hidden, userid, timecreated, "
            + "timeclassified, timemodified";

    private final Store store;
    private final Files files;
    private final Contexts contexts;
    private final Courses courses;
    private final EventLog log;
    private final Clock clock;

    @Activate
    public Lpi(@Reference Store store, @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lpi)") Schema schema,
            @Reference Files files, @Reference Contexts contexts, @Reference Courses courses,
            @Reference EventLog log) {
        this(store, files, contexts, courses, log, Clock.systemUTC());
    }

    Lpi(Store store, Files files, Contexts contexts, Courses courses, EventLog log, Clock clock) {
        this.store = store;
        this.files = files;
        this.contexts = contexts;
        this.courses = courses;
        this.log = log;
        this.clock = clock;
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    // ---- reading

    @Override
    public Optional<LicenceRecord> get(long id) {
        return store.inTransaction(true, db -> db.first("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?",
                Lpi::record, id));
    }

    @Override
    public Page<LicenceRecord> processed(int page, int count) {
        return store.inTransaction(true, db -> page(db, "state NOT IN ('none', 'deleted')", List.of(), page, count));
    }

    @Override
    public Page<LicenceRecord> auditable(int page, int count) {
        return store.inTransaction(true, db -> page(db, "state NOT IN ('none', 'deleted') AND choice <> ? "
                + "AND (documentcontent IS NULL OR documentcontent <> ?)", List.of(Choice.ADMINISTRATIVE.number(),
                        DocumentContent.ADMINISTRATIVE.wireName()), page, count));
    }

    @Override
    public Optional<StoredFile> file(LicenceRecord record) {
        return files.byId(record.fileid());
    }

    @Override
    public InputStream open(LicenceRecord record) throws IOException {
        StoredFile f = file(record).orElseThrow(() -> new IOException("the file of metadata " + record.id()
                + " is gone"));
        return files.open(f);
    }

    /**
     * The licence queue ({@link State#GT10}), by id, optionally only the records whose author,
     * title, fragment author or fragment title contain {@code search} (ignoring case).
     *
     * @param count records per page; 0 or less for all of them
     */
    Page<LicenceRecord> pending(int page, int count, String search) {
        StringBuilder where = new StringBuilder("state = 'gt10'");
        List<Object> args = new ArrayList<>();
        if (search != null && !search.isBlank()) {
            String like = "%" + search.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            where.append(" AND (");
            String[] columns = { "author", "title", "fragmentauthor", "fragmenttitle" };
            for (int i = 0; i < columns.length; i++) {
                where.append(i == 0 ? "" : " OR ").append("LOWER(").append(columns[i]).append(") LIKE ? ESCAPE '\\'");
                args.add(like);
            }
            where.append(')');
        }
        return store.inTransaction(true, db -> page(db, where.toString(), args, page, count));
    }

    /** The records of a course's files, by id. */
    List<LicenceRecord> ofCourse(long courseId) {
        return store.inTransaction(true, db -> db.list("SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE courseid = ? ORDER BY id", Lpi::record, courseId));
    }

    private static Page<LicenceRecord> page(Db db, String where, List<Object> args, int page, int count) {
        long total = db.number("SELECT COUNT(*) FROM " + TABLE + " WHERE " + where, args.toArray());
        List<Object> all = new ArrayList<>(args);
        String limit = "";
        if (count > 0) {
            limit = " LIMIT ? OFFSET ?";
            all.add(count);
            all.add((long) Math.max(0, page) * count);
        }
        return new Page<>(total, db.list("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE " + where
                + " ORDER BY id" + limit, Lpi::record, all.toArray()));
    }

    /** A record in the licence queue. */
    LicenceRecord queued(long id) throws WsException {
        LicenceRecord r = get(id).orElseThrow(() -> Errors.fileNotFound(id));
        if (r.state() != State.GT10) {
            throw Errors.notInQueue(id, r.state());
        }
        return r;
    }

    // ---- transitions

    /**
     * The record of a course file, made (state {@link State#NONE}, event {@code file_tracked})
     * when there is none yet. The file must be in the course: in its context or in one of its
     * modules'.
     */
    LicenceRecord track(long courseId, long fileId, long actor) throws WsException {
        return store.inTransaction(false, db -> {
            Optional<LicenceRecord> known = db.first("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE fileid = ?",
                    Lpi::record, fileId);
            if (known.isPresent()) {
                if (known.get().courseid() != courseId) {
                    throw Errors.fileNotInCourse(fileId, courseId);
                }
                return known.get();
            }
            StoredFile file = files.byId(fileId).filter(f -> !".".equals(f.filename()))
                    .orElseThrow(() -> Errors.fileNotInCourse(fileId, courseId));
            Context context = contexts.byId(file.contextid()).orElseThrow(() -> Errors.fileNotInCourse(fileId,
                    courseId));
            Context course = contexts.of(ContextLevel.COURSE, courseId)
                    .orElseThrow(() -> Errors.fileNotInCourse(fileId, courseId));
            Long cmid;
            if (context.id() == course.id()) {
                cmid = null;
            } else if (context.level() == ContextLevel.MODULE && context.path().startsWith(course.path() + "/")) {
                cmid = context.instanceId();
            } else {
                throw Errors.fileNotInCourse(fileId, courseId);
            }
            long now = now();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("fileid", fileId);
            row.put("contextid", context.id());
            row.put("courseid", courseId);
            row.put("cmid", cmid);
            row.put("state", State.NONE.wireName());
            row.put("timecreated", now);
            row.put("timemodified", now);
            long id = db.insert(TABLE, row);
            LicenceRecord r = require(db, id);
            event("file_tracked", "c", r, actor, Map.of("state", State.NONE.wireName()));
            return r;
        });
    }

    /**
     * The teacher's classification: choices 0–5 publish the file ({@link State#OK}), 6 records a
     * fragment of at most 10% ({@link State#LOE10}, published too), 7 puts it in the licence
     * queue ({@link State#GT10}), where it stays visible until the hide job's delay runs out.
     * A file the licence office refused or that is gone cannot be classified again.
     */
    LicenceRecord classify(long courseId, long fileId, Classification c, long actor) throws WsException {
        return store.inTransaction(false, db -> {
            LicenceRecord before = track(courseId, fileId, actor);
            State to = c.choice().state();
            if (before.state() == State.FORBIDDEN || before.state() == State.DELETED) {
                throw Errors.notSupportedState(to.wireName(), before.id());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("state", to.wireName());
            row.put("choice", c.choice().number());
            row.put("title", c.title());
            row.put("author", c.author());
            row.put("publisher", c.publisher());
            row.put("identification", c.identification());
            row.put("pages", c.pages());
            row.put("totalpages", c.totalpages());
            row.put("firstpage", c.firstpage());
            row.put("lastpage", c.lastpage());
            row.put("fragment", c.fragment() ? 1 : 0);
            row.put("fragmenttitle", c.fragmenttitle());
            row.put("fragmentauthor", c.fragmentauthor());
            row.put("timeendlicense", c.timeendlicense());
            row.put("comments", c.comments());
            row.put("documentcontent", null);
            row.put("denyreason", null);
            row.put("userid", actor);
            row.put("timeclassified", now());
            row.put("timemodified", now());
            db.updateById(TABLE, before.id(), row);
            LicenceRecord r = require(db, before.id());
            event("file_classified", "u", r, actor, transition(before, r, Map.of("choice", c.choice().number())));
            if (to != State.GT10) {
                r = show(db, r, actor);
            }
            return r;
        });
    }

    /**
     * The licence office's decision on a queued file: {@code ok} publishes it (state
     * {@link State#OK}, shown again if this bundle hid it), {@code forbidden} refuses it (state
     * {@link State#FORBIDDEN}, hidden).
     *
     * @throws WsException {@code error_filenotfound} for no such record, {@code error_notsupportedstate}
     *                     for a record outside the queue
     */
    LicenceRecord authorize(long id, boolean ok, DocumentContent content, long timeendlicense, String denyreason,
            long actor) throws WsException {
        return store.inTransaction(false, db -> {
            LicenceRecord before = require(db, id);
            State to = ok ? State.OK : State.FORBIDDEN;
            if (before.state() != State.GT10) {
                throw Errors.notSupportedState(to.wireName(), id);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("state", to.wireName());
            row.put("documentcontent", content.wireName());
            if (ok) {
                row.put("timeendlicense", timeendlicense);
            } else {
                row.put("denyreason", denyreason);
            }
            row.put("timemodified", now());
            db.updateById(TABLE, id, row);
            LicenceRecord r = require(db, id);
            Map<String, Object> other = new LinkedHashMap<>();
            other.put("documentcontent", content.wireName());
            event(ok ? "file_authorized" : "file_forbidden", "u", r, actor, transition(before, r, other));
            return ok ? show(db, r, actor) : hide(db, r, actor, "forbidden");
        });
    }

    /**
     * The hide job's sweep: hides the course modules of files left unclassified, or waiting in
     * the queue, for {@code hideAfterSeconds} or longer, and of published files whose licence has
     * ended. Each file in its own transaction, so one that fails (its module gone) does not stop
     * the others.
     *
     * @return how many files had their module hidden
     */
    int hideExpired(long hideAfterSeconds) {
        long now = now();
        long limit = now - hideAfterSeconds;
        record Due(long id, String reason) {
        }
        List<Due> due = store.inTransaction(true, db -> db.list("SELECT id, CASE WHEN state = 'ok' THEN "
                + "'licenceended' WHEN state = 'gt10' THEN 'queued' ELSE 'unclassified' END FROM " + TABLE
                + " WHERE hidden = 0 AND cmid IS NOT NULL AND ((state = 'none' AND timecreated <= ?)"
                + " OR (state = 'gt10' AND timeclassified <= ?)"
                + " OR (state = 'ok' AND timeendlicense > 0 AND timeendlicense <= ?)) ORDER BY id",
                rs -> new Due(rs.getLong(1), rs.getString(2)), limit, limit, now));
        int hidden = 0;
        for (Due d : due) {
            try {
                store.inTransaction(false, db -> hide(db, require(db, d.id()), -1, d.reason()));
                hidden++;
            } catch (WsException | RuntimeException e) {
                LOG.warn("Could not hide the module of LPI metadata {}: {}", d.id(), e.getMessage());
            }
        }
        return hidden;
    }

    // ---- helpers

    private LicenceRecord hide(Db db, LicenceRecord r, long actor, String reason) throws WsException {
        if (r.hidden() || r.cmid() == null) {
            return r;
        }
        courses.updateModule(r.cmid(), Map.of("visible", 0), actor);
        db.updateById(TABLE, r.id(), Map.of("hidden", 1, "timemodified", now()));
        LicenceRecord after = require(db, r.id());
        event("module_hidden", "u", after, actor, Map.of("reason", reason, "cmid", r.cmid(),
                "state", after.state().wireName()));
        return after;
    }

    /** Shows the module again if this bundle hid it and no other file of the module keeps it hidden. */
    private LicenceRecord show(Db db, LicenceRecord r, long actor) throws WsException {
        if (!r.hidden()) {
            return r;
        }
        db.updateById(TABLE, r.id(), Map.of("hidden", 0, "timemodified", now()));
        LicenceRecord after = require(db, r.id());
        if (db.number("SELECT COUNT(*) FROM " + TABLE + " WHERE cmid = ? AND hidden = 1", r.cmid()) == 0) {
            courses.updateModule(r.cmid(), Map.of("visible", 1), actor);
            event("module_unhidden", "u", after, actor, Map.of("cmid", r.cmid(), "state", after.state().wireName()));
        }
        return after;
    }

    private static Map<String, Object> transition(LicenceRecord before, LicenceRecord after,
            Map<String, Object> more) {
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("from", before.state().wireName());
        other.put("to", after.state().wireName());
        other.putAll(more);
        return other;
    }

    private void event(String name, String crud, LicenceRecord r, long actor, Map<String, Object> other) {
        Context context = contexts.byId(r.contextid()).orElseGet(contexts::system);
        log.append(LmsEvent.named("\\local_lpi\\event\\" + name).crud(crud).edulevel(1).object(TABLE, r.id())
                .context(context).user(actor).course(r.courseid()).other(other));
    }

    private static LicenceRecord require(Db db, long id) throws WsException {
        return db.first("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?", Lpi::record, id)
                .orElseThrow(() -> Errors.fileNotFound(id));
    }

    static LicenceRecord record(ResultSet rs) throws SQLException {
        long cm = rs.getLong("cmid");
        Long cmid = rs.wasNull() ? null : cm;
        int choice = rs.getInt("choice");
        String content = rs.getString("documentcontent");
        return new LicenceRecord(rs.getLong("id"), rs.getLong("fileid"), rs.getLong("contextid"),
                rs.getLong("courseid"), cmid, State.ofWireName(rs.getString("state")),
                choice < 0 ? null : Choice.of(choice), rs.getString("title"), rs.getString("author"),
                rs.getString("publisher"), rs.getString("identification"), rs.getString("pages"),
                rs.getLong("totalpages"), rs.getLong("firstpage"), rs.getLong("lastpage"), rs.getInt("fragment") != 0,
                rs.getString("fragmenttitle"), rs.getString("fragmentauthor"), rs.getLong("timeendlicense"),
                rs.getString("comments"), content == null ? null : DocumentContent.ofWireName(content),
                rs.getString("denyreason"), rs.getInt("hidden") != 0, rs.getLong("userid"),
                rs.getLong("timecreated"), rs.getLong("timeclassified"), rs.getLong("timemodified"));
    }
}
