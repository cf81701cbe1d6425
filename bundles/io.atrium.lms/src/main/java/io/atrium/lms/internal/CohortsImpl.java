package io.atrium.lms.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Cohort;
import io.atrium.lms.api.Cohorts;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.EventLog;
import io.atrium.lms.api.IdentifierException;
import io.atrium.lms.api.Identifiers;
import io.atrium.lms.api.LmsEvent;
import io.atrium.store.api.Db;
import io.atrium.store.api.RowMapper;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;

/** Cohorts and their members as Moodle's cohort library keeps them. */
@Component
public final class CohortsImpl implements Cohorts {

    /** The columns a caller may set. */
    static final Set<String> FIELDS = Set.of("name", "idnumber", "description", "descriptionformat", "visible",
            "component", "theme");

    /** Moodle's text formats: Moodle auto-format, HTML, plain text, Markdown. */
    static final Set<Integer> FORMATS = Set.of(0, 1, 2, 4);

    private static final String COLUMNS = "id, contextid, name, idnumber, description, descriptionformat, visible, "
            + "component, theme, timecreated, timemodified";

    private static final RowMapper<Cohort> ROW = rs -> new Cohort(rs.getLong("id"), rs.getLong("contextid"),
            rs.getString("name"), rs.getString("idnumber"), Rows.text(rs, "description"),
            rs.getInt("descriptionformat"), rs.getInt("visible") != 0, Rows.text(rs, "component"),
            Rows.text(rs, "theme"), rs.getLong("timecreated"), rs.getLong("timemodified"));

    private final Store store;
    private final EventLog events;
    private final Identifiers identifiers;

    @Activate
    public CohortsImpl(@Reference Store store, @Reference EventLog events, @Reference Identifiers identifiers,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
        this.events = events;
        this.identifiers = identifiers;
    }

    @Override
    public Optional<Cohort> get(long id) {
        return store.inTransaction(true, db -> find(db, id));
    }

    private static Optional<Cohort> find(Db db, long id) {
        return db.first("SELECT " + COLUMNS + " FROM mdl_cohort WHERE id = ?", ROW, id);
    }

    @Override
    public List<Cohort> list(Collection<Long> ids) {
        return store.inTransaction(true, db -> {
            if (ids.isEmpty()) {
                return db.list("SELECT " + COLUMNS + " FROM mdl_cohort ORDER BY id", ROW);
            }
            Set<Long> distinct = new LinkedHashSet<>(ids);
            return db.list("SELECT " + COLUMNS + " FROM mdl_cohort WHERE id IN (" + Db.placeholders(distinct.size())
                    + ") ORDER BY id", ROW, distinct.toArray());
        });
    }

    @Override
    public Context placement(String type, String value) throws WsException {
        if ("system".equals(type)) {
            return ContextStore.SYSTEM;
        }
        if (!"id".equals(type) && !"idnumber".equals(type)) {
            throw WsException.invalidParameter("category type must be id, idnumber or system:" + type);
        }
        long category;
        try {
            category = identifiers.category(type, value);
        } catch (IdentifierException e) {
            throw WsException.invalidParameter("category not exists: category " + type + " = " + value);
        }
        return store.inTransaction(true, db -> ContextStore.of(db, ContextLevel.COURSECAT, category))
                .orElseThrow(() -> WsException.invalidParameter("Context does not exist"));
    }

    @Override
    public long create(Context context, Map<String, Object> fields, long actor) throws WsException {
        return store.inTransaction(false, db -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                if (!FIELDS.contains(e.getKey())) {
                    throw WsException.invalidParameter("Unknown cohort field: " + e.getKey());
                }
                Object v = e.getValue();
                row.put(e.getKey(), v instanceof Boolean b ? (b ? 1 : 0) : v);
            }
            Object name = row.get("name");
            if (name == null || name.toString().isEmpty()) {
                throw WsException.invalidParameter("Missing cohort name");
            }
            Object idnumber = row.get("idnumber");
            // Moodle refuses any second cohort with the same idnumber, the empty one included.
            if (idnumber != null && db.number("SELECT COUNT(*) FROM mdl_cohort WHERE idnumber = ?",
                    idnumber.toString()) > 0) {
                throw WsException.invalidParameter("record already exists: idnumber=" + idnumber);
            }
            Context where = ContextStore.byId(db, context.id())
                    .orElseThrow(() -> WsException.invalidParameter("Context does not exist"));
            if (where.level() != ContextLevel.SYSTEM && where.level() != ContextLevel.COURSECAT) {
                throw WsException.invalidParameter("Invalid context");
            }
            int format = row.get("descriptionformat") == null ? 1 : ((Number) row.get("descriptionformat")).intValue();
            if (!FORMATS.contains(format)) {
                throw WsException.of("formatnotsupported", "The format is not supported",
                        "The format with value=" + format + " is not supported by this Moodle site");
            }
            long now = Rows.now();
            row.put("contextid", where.id());
            // Moodle's defaults for what the caller left out.
            row.putIfAbsent("description", "");
            row.put("descriptionformat", format);
            if (row.get("visible") == null) {
                row.put("visible", 1);
            }
            if (row.get("component") == null) {
                row.put("component", "");
            }
            if (row.get("theme") == null) {
                row.put("theme", "");
            }
            row.put("timecreated", now);
            row.put("timemodified", now);
            long id = db.insert("mdl_cohort", row);
            events.append(LmsEvent.named("\\core\\event\\cohort_created").crud("c").edulevel(0)
                    .object("cohort", id).context(where).user(actor));
            return id;
        });
    }

    @Override
    public void delete(long cohortId, long actor) throws WsException {
        store.inTransaction(false, db -> {
            Context context = contextOf(db, cohortId);
            // Moodle deletes the memberships with the cohort and logs only cohort_deleted.
            db.update("DELETE FROM mdl_cohort_members WHERE cohortid = ?", cohortId);
            db.update("DELETE FROM mdl_cohort WHERE id = ?", cohortId);
            events.append(LmsEvent.named("\\core\\event\\cohort_deleted").crud("d").edulevel(0)
                    .object("cohort", cohortId).context(context).user(actor));
            return null;
        });
    }

    @Override
    public boolean addMember(long cohortId, long userId, long actor) throws WsException {
        return store.inTransaction(false, db -> {
            Context context = contextOf(db, cohortId);
            requireUser(db, userId);
            if (member(db, cohortId, userId)) {
                return false;
            }
            db.insert("mdl_cohort_members", Map.of("cohortid", cohortId, "userid", userId, "timeadded", Rows.now()));
            events.append(LmsEvent.named("\\core\\event\\cohort_member_added").crud("c").edulevel(0)
                    .object("cohort", cohortId).context(context).relatedUser(userId).user(actor));
            return true;
        });
    }

    @Override
    public boolean removeMember(long cohortId, long userId, long actor) throws WsException {
        return store.inTransaction(false, db -> {
            Context context = contextOf(db, cohortId);
            requireUser(db, userId);
            // Moodle logs a removal even when there was nothing to remove; the log here records
            // changes only, so a consumer never sees a removal that removed nothing.
            if (db.update("DELETE FROM mdl_cohort_members WHERE cohortid = ? AND userid = ?", cohortId, userId) == 0) {
                return false;
            }
            events.append(LmsEvent.named("\\core\\event\\cohort_member_removed").crud("d").edulevel(0)
                    .object("cohort", cohortId).context(context).relatedUser(userId).user(actor));
            return true;
        });
    }

    @Override
    public boolean isMember(long cohortId, long userId) {
        return store.inTransaction(true, db -> member(db, cohortId, userId));
    }

    @Override
    public List<Long> members(long cohortId) {
        return store.inTransaction(true, db -> new ArrayList<>(db.list(
                "SELECT userid FROM mdl_cohort_members WHERE cohortid = ? ORDER BY userid", rs -> rs.getLong(1),
                cohortId)));
    }

    private static boolean member(Db db, long cohortId, long userId) {
        return db.number("SELECT COUNT(*) FROM mdl_cohort_members WHERE cohortid = ? AND userid = ?", cohortId,
                userId) > 0;
    }

    /** The cohort's context; a missing cohort is Moodle's {@code MUST_EXIST} failure. */
    private static Context contextOf(Db db, long cohortId) throws WsException {
        Cohort cohort = find(db, cohortId).orElseThrow(() -> WsException.invalidRecord("cohort",
                "SELECT * FROM {cohort} WHERE id = ?\n[array (\n  0 => " + cohortId + ",\n)]"));
        return ContextStore.byId(db, cohort.contextId())
                .orElseThrow(() -> new IllegalStateException("cohort " + cohortId + " has no context"));
    }

    private static void requireUser(Db db, long userId) throws WsException {
        if (db.number("SELECT COUNT(*) FROM mdl_user WHERE id = ? AND deleted = 0 AND mnethostid = 1", userId) == 0) {
            throw WsException.invalidRecord("user", "SELECT * FROM {user} WHERE id = ? AND deleted = ? AND mnethostid = ?"
                    + "\n[array (\n  0 => " + userId + ",\n  1 => 0,\n  2 => '1',\n)]");
        }
    }
}
