package io.atrium.lms.internal;

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
import io.atrium.lms.api.EventLog;
import io.atrium.lms.api.Group;
import io.atrium.lms.api.Groups;
import io.atrium.lms.api.LmsEvent;
import io.atrium.store.api.Db;
import io.atrium.store.api.RowMapper;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;

/** Groups as Moodle's group library keeps them. */
@Component
public final class GroupsImpl implements Groups {

    /** The columns a caller may set. */
    static final Set<String> FIELDS = Set.of("name", "idnumber", "description", "descriptionformat", "enrolmentkey",
            "visibility", "participation");

    private static final String COLUMNS = "id, courseid, idnumber, name, description, descriptionformat, "
            + "enrolmentkey, visibility, participation, timecreated, timemodified";

    private static final RowMapper<Group> ROW = rs -> new Group(rs.getLong("id"), rs.getLong("courseid"),
            Rows.text(rs, "idnumber"), rs.getString("name"), Rows.text(rs, "description"),
            rs.getInt("descriptionformat"), Rows.text(rs, "enrolmentkey"), rs.getInt("visibility"),
            rs.getInt("participation") != 0, rs.getLong("timecreated"), rs.getLong("timemodified"));

    private final Store store;
    private final EventLog events;

    @Activate
    public GroupsImpl(@Reference Store store, @Reference EventLog events,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
        this.events = events;
    }

    @Override
    public Optional<Group> get(long id) {
        return store.inTransaction(true, db -> db.first("SELECT " + COLUMNS + " FROM mdl_groups WHERE id = ?", ROW, id));
    }

    @Override
    public Optional<Group> byName(long courseId, String name) {
        return store.inTransaction(true, db -> db.first("SELECT " + COLUMNS
                + " FROM mdl_groups WHERE courseid = ? AND name = ? ORDER BY id", ROW, courseId, name));
    }

    @Override
    public long create(long courseId, Map<String, Object> fields, long actor) throws WsException {
        return store.inTransaction(false, db -> {
            if (db.number("SELECT COUNT(*) FROM mdl_course WHERE id = ?", courseId) == 0) {
                throw WsException.invalidRecord("course", null);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("courseid", courseId);
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                if (!FIELDS.contains(e.getKey())) {
                    throw WsException.invalidParameter("Unknown group field: " + e.getKey());
                }
                Object v = e.getValue();
                row.put(e.getKey(), v instanceof Boolean b ? (b ? 1 : 0) : v);
            }
            String name = row.get("name") == null ? "" : row.get("name").toString().trim();
            if (name.isEmpty()) {
                throw WsException.invalidParameter("Invalid group name");
            }
            row.put("name", name);
            if (db.number("SELECT COUNT(*) FROM mdl_groups WHERE courseid = ? AND name = ?", courseId, name) > 0) {
                throw WsException.of("groupnameexists",
                        "The group name '" + name + "' already exists in this course, please choose another one.");
            }
            Object idnumber = row.get("idnumber");
            if (idnumber != null && !idnumber.toString().isEmpty() && db.number(
                    "SELECT COUNT(*) FROM mdl_groups WHERE courseid = ? AND idnumber = ?", courseId, idnumber) > 0) {
                throw WsException.of("idnumbertaken", "This ID number is already taken");
            }
            long now = Rows.now();
            row.put("timecreated", now);
            row.put("timemodified", now);
            long id = db.insert("mdl_groups", row);
            events.append(LmsEvent.named("\\core\\event\\group_created").crud("c").edulevel(0)
                    .object("groups", id).context(courseContext(db, courseId)).user(actor));
            return id;
        });
    }

    private static Context courseContext(Db db, long courseId) {
        return ContextStore.of(db, ContextLevel.COURSE, courseId)
                .orElseThrow(() -> new IllegalStateException("course " + courseId + " has no context"));
    }

    @Override
    public boolean addMember(long groupId, long userId, String component, long itemId, long actor)
            throws WsException {
        String comp = component == null ? "" : component;
        return store.inTransaction(false, db -> {
            Group group = db.first("SELECT " + COLUMNS + " FROM mdl_groups WHERE id = ?", ROW, groupId)
                    .orElseThrow(() -> WsException.invalidRecord("groups", null));
            if (db.number("SELECT COUNT(*) FROM mdl_user WHERE id = ? AND deleted = 0 AND mnethostid = 1", userId) == 0) {
                throw WsException.invalidRecord("user", null);
            }
            if (!EnrolmentsImpl.enrolled(db, group.courseId(), userId, false)) {
                throw WsException.invalidParameter("Only enrolled users may be members of groups");
            }
            if (db.number("SELECT COUNT(*) FROM mdl_groups_members WHERE groupid = ? AND userid = ?", groupId,
                    userId) > 0) {
                return false;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("groupid", groupId);
            row.put("userid", userId);
            row.put("timeadded", Rows.now());
            row.put("component", comp);
            row.put("itemid", itemId);
            db.insert("mdl_groups_members", row);
            Map<String, Object> other = new LinkedHashMap<>();
            other.put("component", comp);
            other.put("itemid", itemId);
            events.append(LmsEvent.named("\\core\\event\\group_member_added").crud("c").edulevel(0)
                    .object("groups", groupId).context(courseContext(db, group.courseId())).relatedUser(userId)
                    .user(actor).other(other));
            return true;
        });
    }

    @Override
    public boolean removeMember(long groupId, long userId, long actor) {
        return store.inTransaction(false, db -> {
            Optional<Group> group = db.first("SELECT " + COLUMNS + " FROM mdl_groups WHERE id = ?", ROW, groupId);
            if (group.isEmpty() || db.update("DELETE FROM mdl_groups_members WHERE groupid = ? AND userid = ?",
                    groupId, userId) == 0) {
                return false;
            }
            events.append(LmsEvent.named("\\core\\event\\group_member_removed").crud("d").edulevel(0)
                    .object("groups", groupId).context(courseContext(db, group.get().courseId()))
                    .relatedUser(userId).user(actor));
            return true;
        });
    }

    @Override
    public boolean isMember(long groupId, long userId) {
        return store.inTransaction(true, db -> db.number(
                "SELECT COUNT(*) FROM mdl_groups_members WHERE groupid = ? AND userid = ?", groupId, userId) > 0);
    }

    @Override
    public List<Group> ofUser(long courseId, long userId) {
        return store.inTransaction(true, db -> db.list("SELECT " + COLUMNS + " FROM mdl_groups WHERE courseid = ? "
                + "AND id IN (SELECT groupid FROM mdl_groups_members WHERE userid = ?) ORDER BY name, id", ROW,
                courseId, userId));
    }
}
