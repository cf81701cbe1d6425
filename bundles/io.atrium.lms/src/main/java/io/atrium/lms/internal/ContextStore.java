package io.atrium.lms.internal;

import java.util.Optional;

import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.store.api.Db;

/** Creating, finding and deleting context rows; used by the services that own the instances. */
final class ContextStore {

    static final long SYSTEM_ID = 1;

    /**
     * The system context: the first row a new site gets (V2__site.sql), never changed or
     * deleted, so it is known without asking the database on every capability check.
     */
    static final Context SYSTEM = new Context(SYSTEM_ID, ContextLevel.SYSTEM, 0, "/" + SYSTEM_ID, 1);

    private ContextStore() {
    }

    static Optional<Context> byId(Db db, long id) {
        return db.first("SELECT " + Rows.CONTEXT_COLUMNS + " FROM mdl_context WHERE id = ?", Rows.CONTEXT, id);
    }

    static Optional<Context> of(Db db, ContextLevel level, long instanceId) {
        return db.first("SELECT " + Rows.CONTEXT_COLUMNS + " FROM mdl_context WHERE contextlevel = ? AND instanceid = ?",
                Rows.CONTEXT, level.level(), instanceId);
    }

    /** The context of an instance; created under the parent when it does not exist yet. */
    static Context create(Db db, ContextLevel level, long instanceId, Context parent) {
        Optional<Context> existing = of(db, level, instanceId);
        if (existing.isPresent()) {
            return existing.get();
        }
        long id = db.insert("mdl_context", java.util.Map.of("contextlevel", level.level(), "instanceid", instanceId,
                "depth", parent.depth() + 1));
        String path = parent.path() + "/" + id;
        db.update("UPDATE mdl_context SET path = ? WHERE id = ?", path, id);
        return new Context(id, level, instanceId, path, parent.depth() + 1);
    }

    /** Deletes a context and what hangs on it (role assignments, overrides). */
    static void delete(Db db, Context context) {
        db.update("DELETE FROM mdl_role_assignments WHERE contextid = ?", context.id());
        db.update("DELETE FROM mdl_role_capabilities WHERE contextid = ?", context.id());
        db.update("DELETE FROM mdl_context WHERE id = ?", context.id());
    }
}
