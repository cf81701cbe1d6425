package io.atrium.lms.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Context;
import io.atrium.store.api.Db;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;

/** {@code has_capability} over role assignments and role capabilities along the context path. */
@Component
public final class AccessImpl implements Access {

    static final int ALLOW = 1;
    static final int PROHIBIT = -1000;
    static final long GUEST_ID = 1;

    private final Store store;

    @Activate
    public AccessImpl(@Reference Store store,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
    }

    @Override
    public boolean hasCapability(long userId, String capability, Context context) {
        return store.inTransaction(true, db -> has(db, userId, capability, context));
    }

    static boolean has(Db db, long userId, String capability, Context context) {
        // One round trip for what decides most calls: is the user able at all, and an admin?
        record State(boolean active, String admins) {
        }
        State state = db.first("SELECT u.deleted, u.suspended, c.value FROM mdl_user u "
                + "LEFT JOIN mdl_config c ON c.name = 'siteadmins' WHERE u.id = ?",
                rs -> new State(rs.getInt(1) == 0 && rs.getInt(2) == 0, rs.getString(3)), userId).orElse(null);
        if (state == null || !state.active()) {
            return false;
        }
        if (parseIds(state.admins()).contains(userId)) {
            return true;
        }
        long[] path = context.pathIds();
        String in = Db.placeholders(path.length);
        Object[] args = new Object[path.length + 1];
        args[0] = userId;
        for (int i = 0; i < path.length; i++) {
            args[i + 1] = path[i];
        }
        List<Long> roles = new ArrayList<>(db.list(
                "SELECT DISTINCT roleid FROM mdl_role_assignments WHERE userid = ? AND contextid IN (" + in + ")",
                rs -> rs.getLong(1), args));
        String implicit = userId == GUEST_ID ? "guestroleid" : "defaultuserroleid";
        db.first("SELECT value FROM mdl_config WHERE name = ?", rs -> rs.getString(1), implicit)
                .ifPresent(v -> roles.add(Long.parseLong(v.trim())));
        if (roles.isEmpty()) {
            return false;
        }
        Object[] capArgs = new Object[1 + roles.size() + path.length];
        capArgs[0] = capability;
        for (int i = 0; i < roles.size(); i++) {
            capArgs[1 + i] = roles.get(i);
        }
        for (int i = 0; i < path.length; i++) {
            capArgs[1 + roles.size() + i] = path[i];
        }
        record Permission(long role, long context, int permission) {
        }
        List<Permission> rows = db.list("SELECT roleid, contextid, permission FROM mdl_role_capabilities"
                + " WHERE capability = ? AND roleid IN (" + Db.placeholders(roles.size()) + ") AND contextid IN (" + in + ")",
                rs -> new Permission(rs.getLong(1), rs.getLong(2), rs.getInt(3)), capArgs);
        // Per role, the permission set closest to the context counts; a prohibit anywhere refuses.
        Map<Long, Integer> depthOf = new HashMap<>();
        for (int i = 0; i < path.length; i++) {
            depthOf.put(path[i], i);
        }
        Map<Long, Permission> closest = new HashMap<>();
        for (Permission p : rows) {
            if (p.permission() <= PROHIBIT) {
                return false;
            }
            Permission known = closest.get(p.role());
            if (p.permission() != 0 && (known == null || depthOf.get(p.context()) > depthOf.get(known.context()))) {
                closest.put(p.role(), p);
            }
        }
        return closest.values().stream().anyMatch(p -> p.permission() >= ALLOW);
    }

    static Set<Long> siteAdmins(Db db) {
        return parseIds(db.first("SELECT value FROM mdl_config WHERE name = 'siteadmins'", rs -> rs.getString(1))
                .orElse(""));
    }

    private static Set<Long> parseIds(String list) {
        if (list == null) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Long::valueOf)
                .collect(Collectors.toSet());
    }

    @Override
    public void require(long userId, String capability, Context context) throws WsException {
        if (!hasCapability(userId, capability, context)) {
            throw WsException.noPermissions(title(capability));
        }
    }

    @Override
    public boolean isSiteAdmin(long userId) {
        return store.inTransaction(true, db -> siteAdmins(db).contains(userId));
    }

    @Override
    public String title(String capability) {
        return store.inTransaction(true, db -> db.first("SELECT title FROM mdl_capabilities WHERE name = ?",
                rs -> rs.getString(1), capability)).filter(t -> !t.isEmpty()).orElse(capability);
    }

}
