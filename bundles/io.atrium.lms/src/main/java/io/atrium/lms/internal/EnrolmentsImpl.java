package io.atrium.lms.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Enrolments;
import io.atrium.lms.api.EventLog;
import io.atrium.lms.api.Groups;
import io.atrium.lms.api.LmsEvent;
import io.atrium.lms.api.Roles;
import io.atrium.lms.api.UserEnrolment;
import io.atrium.store.api.Db;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;

/** Manual enrolments, as Moodle's enrol_manual plugin and enrol_plugin::enrol_user/unenrol_user make them. */
@Component
public final class EnrolmentsImpl implements Enrolments {

    static final String MANUAL = "manual";
    static final long SITE_COURSE = 1;

    /** The orders {@link Query#sortBy()} may name. */
    static final Set<String> SORTS = Set.of("id", "firstname", "lastname", "siteorder");

    private final Store store;
    private final EventLog events;
    private final Roles roles;
    private final Groups groups;

    @Activate
    public EnrolmentsImpl(@Reference Store store, @Reference EventLog events, @Reference Roles roles,
            @Reference Groups groups, @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
        this.events = events;
        this.roles = roles;
        this.groups = groups;
    }

    @Override
    public Optional<Long> manualInstance(long courseId) {
        return store.inTransaction(true, db -> instance(db, courseId, true));
    }

    /** The course's manual instance, the first by sort order; only an enabled one when asked. */
    static Optional<Long> instance(Db db, long courseId, boolean enabledOnly) {
        return db.first("SELECT id FROM mdl_enrol WHERE courseid = ? AND enrol = ?"
                + (enabledOnly ? " AND status = 0" : "") + " ORDER BY sortorder, id", rs -> rs.getLong(1),
                courseId, MANUAL);
    }

    @Override
    public Optional<UserEnrolment> manualEnrolment(long courseId, long userId) {
        return store.inTransaction(true, db -> instance(db, courseId, false).flatMap(instance -> db.first(
                "SELECT id, enrolid, userid, status, timestart, timeend, timecreated, timemodified "
                        + "FROM mdl_user_enrolments WHERE enrolid = ? AND userid = ?",
                rs -> new UserEnrolment(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8)), instance, userId)));
    }

    private static Context courseContext(Db db, long courseId) throws WsException {
        if (db.number("SELECT COUNT(*) FROM mdl_course WHERE id = ?", courseId) == 0) {
            throw WsException.invalidRecord("course", null);
        }
        return ContextStore.of(db, ContextLevel.COURSE, courseId)
                .orElseThrow(() -> WsException.invalidParameter("Context does not exist"));
    }

    private static WsException noInstance(long courseId) {
        return WsException.of("wsnoinstance", "Manual enrolment plugin instance doesn't exist or is disabled for "
                + "the course (id = " + courseId + ")");
    }

    @Override
    public long enrol(long courseId, long userId, long roleId, long timestart, long timeend, boolean suspended,
            long actor) throws WsException {
        return store.inTransaction(false, db -> {
            if (courseId == SITE_COURSE) {
                throw WsException.codingError("invalid attempt to enrol into frontpage course!", null);
            }
            Context context = courseContext(db, courseId);
            long instance = instance(db, courseId, true).orElseThrow(() -> noInstance(courseId));
            // Moodle finds a missing user only in role_assign, after the enrolment row; the
            // transaction would undo that row anyway, so the check comes first here.
            if (db.number("SELECT COUNT(*) FROM mdl_user WHERE id = ? AND deleted = 0", userId) == 0) {
                throw WsException.codingError("User ID does not exist or is deleted!", "userid:" + userId);
            }
            int status = suspended ? SUSPENDED : ACTIVE;
            long now = Rows.now();
            record Existing(long id, long timestart, long timeend, int status) {
            }
            Optional<Existing> existing = db.first("SELECT id, timestart, timeend, status FROM mdl_user_enrolments "
                    + "WHERE enrolid = ? AND userid = ?", rs -> new Existing(rs.getLong(1), rs.getLong(2),
                            rs.getLong(3), rs.getInt(4)), instance, userId);
            long id;
            if (existing.isPresent()) {
                Existing e = existing.get();
                id = e.id();
                if (e.timestart() != timestart || e.timeend() != timeend || e.status() != status) {
                    db.update("UPDATE mdl_user_enrolments SET timestart = ?, timeend = ?, status = ?, modifierid = ?, "
                            + "timemodified = ? WHERE id = ?", timestart, timeend, status, Math.max(actor, 0), now, id);
                    events.append(LmsEvent.named("\\core\\event\\user_enrolment_updated").crud("u").edulevel(0)
                            .object("user_enrolments", id).context(context).relatedUser(userId).user(actor)
                            .other(Map.of("enrol", MANUAL)));
                }
            } else {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("enrolid", instance);
                row.put("status", status);
                row.put("userid", userId);
                row.put("timestart", timestart);
                row.put("timeend", timeend);
                row.put("modifierid", Math.max(actor, 0));
                row.put("timecreated", now);
                row.put("timemodified", now);
                id = db.insert("mdl_user_enrolments", row);
                events.append(LmsEvent.named("\\core\\event\\user_enrolment_created").crud("c").edulevel(0)
                        .object("user_enrolments", id).context(context).relatedUser(userId).user(actor)
                        .other(Map.of("enrol", MANUAL)));
            }
            // After the enrolment's event, as Moodle, so that role_assigned follows it.
            if (roleId != 0) {
                roles.assign(roleId, userId, context, "", 0, actor);
            }
            return id;
        });
    }

    @Override
    public void unenrol(long courseId, long userId, long actor) throws WsException {
        store.inTransaction(false, db -> {
            Context context = courseContext(db, courseId);
            long instance = instance(db, courseId, false).orElseThrow(() -> noInstance(courseId));
            record Ue(long id, int status, long timestart, long timeend, long timecreated, long timemodified) {
            }
            Optional<Ue> found = db.first("SELECT id, status, timestart, timeend, timecreated, timemodified "
                    + "FROM mdl_user_enrolments WHERE enrolid = ? AND userid = ?", rs -> new Ue(rs.getLong(1),
                            rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)), instance, userId);
            if (found.isEmpty()) {
                return null; // not enrolled this way: nothing to undo, as Moodle
            }
            Ue ue = found.get();
            String component = "enrol_" + MANUAL;
            // What this instance gave: group memberships and role assignments it manages.
            for (long group : db.list("SELECT groupid FROM mdl_groups_members WHERE userid = ? AND component = ? "
                    + "AND itemid = ?", rs -> rs.getLong(1), userId, component, instance)) {
                groups.removeMember(group, userId, actor);
            }
            for (long role : db.list("SELECT DISTINCT roleid FROM mdl_role_assignments WHERE userid = ? "
                    + "AND contextid = ? AND component = ? AND itemid = ?", rs -> rs.getLong(1), userId, context.id(),
                    component, instance)) {
                roles.unassign(role, userId, context, component, instance, actor);
            }
            db.update("DELETE FROM mdl_user_enrolments WHERE id = ?", ue.id());
            boolean last = !enrolled(db, courseId, userId, false);
            if (last) {
                // The last way into the course is gone: so are every role in it and its groups.
                record Ra(long roleId, long contextId, String component, long itemId) {
                }
                List<Ra> left = db.list("SELECT ra.roleid, ra.contextid, ra.component, ra.itemid "
                        + "FROM mdl_role_assignments ra JOIN mdl_context c ON c.id = ra.contextid "
                        + "WHERE ra.userid = ? AND (c.id = ? OR c.path LIKE ?) ORDER BY ra.id",
                        rs -> new Ra(rs.getLong(1), rs.getLong(2), Rows.text(rs, "component"), rs.getLong(4)),
                        userId, context.id(), context.path() + "/%");
                for (Ra ra : left) {
                    Context where = ContextStore.byId(db, ra.contextId()).orElse(context);
                    roles.unassign(ra.roleId(), userId, where, ra.component(), ra.itemId(), actor);
                }
                for (long group : db.list("SELECT gm.groupid FROM mdl_groups_members gm JOIN mdl_groups g "
                        + "ON g.id = gm.groupid WHERE g.courseid = ? AND gm.userid = ? ORDER BY gm.id",
                        rs -> rs.getLong(1), courseId, userId)) {
                    groups.removeMember(group, userId, actor);
                }
            }
            Map<String, Object> userenrolment = new LinkedHashMap<>();
            userenrolment.put("id", ue.id());
            userenrolment.put("status", ue.status());
            userenrolment.put("enrolid", instance);
            userenrolment.put("userid", userId);
            userenrolment.put("timestart", ue.timestart());
            userenrolment.put("timeend", ue.timeend());
            userenrolment.put("timecreated", ue.timecreated());
            userenrolment.put("timemodified", ue.timemodified());
            userenrolment.put("courseid", courseId);
            userenrolment.put("enrol", MANUAL);
            userenrolment.put("lastenrol", last);
            Map<String, Object> other = new LinkedHashMap<>();
            other.put("userenrolment", userenrolment);
            other.put("enrol", MANUAL);
            events.append(LmsEvent.named("\\core\\event\\user_enrolment_deleted").crud("d").edulevel(0)
                    .object("user_enrolments", ue.id()).context(context).relatedUser(userId).user(actor).other(other));
            return null;
        });
    }

    @Override
    public boolean isEnrolled(long courseId, long userId, boolean onlyActive) {
        return store.inTransaction(true, db -> enrolled(db, courseId, userId, onlyActive));
    }

    /** Whether the user (not deleted) has an enrolment in the course; for the group rules too. */
    static boolean enrolled(Db db, long courseId, long userId, boolean onlyActive) {
        List<Object> args = new ArrayList<>(List.of(courseId));
        String sql = "SELECT COUNT(*) FROM mdl_user_enrolments ue JOIN mdl_enrol e ON e.id = ue.enrolid "
                + "JOIN mdl_user u ON u.id = ue.userid WHERE e.courseid = ? AND u.deleted = 0 AND ue.userid = ?";
        args.add(userId);
        if (onlyActive) {
            sql += ACTIVE_SQL;
            long now = Rows.now();
            args.add(now);
            args.add(now);
        }
        return db.number(sql, args.toArray()) > 0;
    }

    /** An active enrolment: enrolment and instance enabled, now within its time window. Binds now twice. */
    private static final String ACTIVE_SQL = " AND ue.status = 0 AND e.status = 0 AND ue.timestart <= ? "
            + "AND (ue.timeend = 0 OR ue.timeend > ?)";

    @Override
    public List<Long> enrolledUsers(long courseId, Query query) {
        String sortBy = query.sortBy() == null ? "id" : query.sortBy();
        if (!SORTS.contains(sortBy)) {
            throw new IllegalArgumentException("sort by one of " + SORTS + ", not " + sortBy);
        }
        String dir = query.descending() ? " DESC" : " ASC";
        String order = switch (sortBy) {
        case "firstname" -> "u.firstname" + dir + ", u.id";
        case "lastname" -> "u.lastname" + dir + ", u.id";
        case "siteorder" -> "u.lastname" + dir + ", u.firstname" + dir + ", u.id" + dir;
        default -> "u.id" + dir;
        };
        if (query.onlyActive() && query.onlySuspended()) {
            throw new IllegalArgumentException("only active and only suspended users exclude each other");
        }
        String enrolled = "SELECT ue.userid FROM mdl_user_enrolments ue JOIN mdl_enrol e ON e.id = ue.enrolid "
                + "WHERE e.courseid = ?";
        List<Object> args = new ArrayList<>(List.of(courseId));
        StringBuilder sql = new StringBuilder("SELECT u.id FROM mdl_user u WHERE u.deleted = 0 AND u.id IN (")
                .append(enrolled);
        long now = Rows.now();
        if (query.onlyActive()) {
            sql.append(ACTIVE_SQL);
            args.add(now);
            args.add(now);
        }
        sql.append(")");
        if (query.onlySuspended()) {
            // Suspended: enrolled, but by no enrolment that is active now.
            sql.append(" AND u.id NOT IN (").append(enrolled).append(ACTIVE_SQL).append(")");
            args.add(courseId);
            args.add(now);
            args.add(now);
        }
        if (query.groupId() != 0) {
            sql.append(" AND u.id IN (SELECT gm.userid FROM mdl_groups_members gm WHERE gm.groupid = ?)");
            args.add(query.groupId());
        }
        sql.append(" ORDER BY ").append(order);
        if (query.limitNumber() > 0) {
            sql.append(" LIMIT ?");
            args.add(query.limitNumber());
        }
        if (query.limitFrom() > 0) {
            sql.append(" OFFSET ?");
            args.add(query.limitFrom());
        }
        return store.inTransaction(true, db -> db.list(sql.toString(), rs -> rs.getLong(1), args.toArray()));
    }

    @Override
    public List<Long> courses(long userId, boolean onlyActive) {
        List<Object> args = new ArrayList<>(List.of(userId));
        String sql = "SELECT c.id FROM mdl_course c WHERE c.id IN (SELECT e.courseid FROM mdl_user_enrolments ue "
                + "JOIN mdl_enrol e ON e.id = ue.enrolid WHERE ue.userid = ?";
        if (onlyActive) {
            sql += ACTIVE_SQL;
            long now = Rows.now();
            args.add(now);
            args.add(now);
        }
        String query = sql + ") ORDER BY c.visible DESC, c.sortorder, c.id";
        return store.inTransaction(true, db -> db.list(query, rs -> rs.getLong(1), args.toArray()));
    }
}
