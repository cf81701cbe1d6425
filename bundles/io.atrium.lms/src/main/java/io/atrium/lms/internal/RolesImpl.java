package io.atrium.lms.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Context;
import io.atrium.lms.api.EventLog;
import io.atrium.lms.api.LmsEvent;
import io.atrium.lms.api.RoleAssignment;
import io.atrium.lms.api.Roles;
import io.atrium.store.api.Db;
import io.atrium.store.api.RowMapper;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;

/** Role assignments, and which roles a user may hand out where. */
@Component
public final class RolesImpl implements Roles {

    private static final String COLUMNS = "ra.id, ra.roleid, r.name, r.shortname, ra.contextid, ra.userid, "
            + "ra.component, ra.itemid, ra.sortorder, ra.timemodified";

    private static final RowMapper<RoleAssignment> ROW = rs -> new RoleAssignment(rs.getLong(1), rs.getLong(2),
            Rows.text(rs, "name"), rs.getString(4), rs.getLong(5), rs.getLong(6), Rows.text(rs, "component"),
            rs.getLong(8), rs.getLong(9), rs.getLong(10));

    private final Store store;
    private final EventLog events;

    @Activate
    public RolesImpl(@Reference Store store, @Reference EventLog events,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
        this.events = events;
    }

    @Override
    public long assign(long roleId, long userId, Context context, String component, long itemId, long actor)
            throws WsException {
        String comp = component == null ? "" : component;
        return store.inTransaction(false, db -> {
            // The checks and texts of Moodle's role_assign, which clients may see through the functions.
            if (itemId != 0 && !comp.contains("_")) {
                throw WsException.codingError("Invalid call to role_assign(), component must start with plugin "
                        + "type such as\"enrol_\" when itemid specified", "component:" + comp);
            }
            if (db.number("SELECT COUNT(*) FROM mdl_user WHERE id = ? AND deleted = 0", userId) == 0) {
                throw WsException.codingError("User ID does not exist or is deleted!", "userid:" + userId);
            }
            if (db.number("SELECT COUNT(*) FROM mdl_role WHERE id = ?", roleId) == 0) {
                throw WsException.invalidRecord("role", null);
            }
            List<Long> existing = db.list("SELECT id FROM mdl_role_assignments WHERE roleid = ? AND contextid = ? "
                    + "AND userid = ? AND component = ? AND itemid = ? ORDER BY id", rs -> rs.getLong(1),
                    roleId, context.id(), userId, comp, itemId);
            if (!existing.isEmpty()) {
                return existing.get(0);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("roleid", roleId);
            row.put("contextid", context.id());
            row.put("userid", userId);
            row.put("timemodified", Rows.now());
            row.put("modifierid", Math.max(actor, 0));
            row.put("component", comp);
            row.put("itemid", itemId);
            row.put("sortorder", 0);
            long id = db.insert("mdl_role_assignments", row);
            events.append(LmsEvent.named("\\core\\event\\role_assigned").crud("c").edulevel(0)
                    .object("role", roleId).context(context).relatedUser(userId).user(actor)
                    .other(other(id, comp, itemId)));
            return id;
        });
    }

    @Override
    public int unassign(long roleId, long userId, Context context, String component, long itemId, long actor) {
        String comp = component == null ? "" : component;
        return store.inTransaction(false, db -> {
            List<Long> ids = db.list("SELECT id FROM mdl_role_assignments WHERE roleid = ? AND contextid = ? "
                    + "AND userid = ? AND component = ? AND itemid = ? ORDER BY id", rs -> rs.getLong(1),
                    roleId, context.id(), userId, comp, itemId);
            for (long id : ids) {
                db.update("DELETE FROM mdl_role_assignments WHERE id = ?", id);
                events.append(LmsEvent.named("\\core\\event\\role_unassigned").crud("d").edulevel(0)
                        .object("role", roleId).context(context).relatedUser(userId).user(actor)
                        .other(other(id, comp, itemId)));
            }
            return ids.size();
        });
    }

    private static Map<String, Object> other(long id, String component, long itemId) {
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("id", id);
        other.put("component", component);
        other.put("itemid", itemId);
        return other;
    }

    @Override
    public List<RoleAssignment> assignments(long userId) {
        return store.inTransaction(true, db -> db.list("SELECT " + COLUMNS + " FROM mdl_role_assignments ra "
                + "JOIN mdl_role r ON r.id = ra.roleid WHERE ra.userid = ? ORDER BY ra.id", ROW, userId));
    }

    @Override
    public List<RoleAssignment> assignments(long userId, Context context) {
        return store.inTransaction(true, db -> db.list("SELECT " + COLUMNS + " FROM mdl_role_assignments ra "
                + "JOIN mdl_role r ON r.id = ra.roleid WHERE ra.userid = ? AND ra.contextid = ? "
                + "ORDER BY r.sortorder, ra.id", ROW, userId, context.id()));
    }

    @Override
    public Set<Long> assignable(long userId, Context context) {
        return store.inTransaction(true, db -> assignable(db, userId, context));
    }

    static Set<Long> assignable(Db db, long userId, Context context) {
        if (!AccessImpl.has(db, userId, "moodle/role:assign", context)) {
            return Set.of();
        }
        Set<Long> atLevel = new LinkedHashSet<>(db.list("SELECT roleid FROM mdl_role_context_levels "
                + "WHERE contextlevel = ? ORDER BY roleid", rs -> rs.getLong(1), context.level().level()));
        if (AccessImpl.siteAdmins(db).contains(userId)) {
            return atLevel;
        }
        long[] path = context.pathIds();
        Object[] args = new Object[path.length + 1];
        args[0] = userId;
        for (int i = 0; i < path.length; i++) {
            args[i + 1] = path[i];
        }
        Set<Long> allowed = new LinkedHashSet<>(db.list("SELECT DISTINCT aa.allowassign FROM mdl_role_allow_assign aa "
                + "JOIN mdl_role_assignments ra ON ra.roleid = aa.roleid WHERE ra.userid = ? AND ra.contextid IN ("
                + Db.placeholders(path.length) + ")", rs -> rs.getLong(1), args));
        atLevel.retainAll(allowed);
        return atLevel;
    }
}
