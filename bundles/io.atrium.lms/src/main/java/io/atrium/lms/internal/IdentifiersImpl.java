package io.atrium.lms.internal;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.IdentifierException;
import io.atrium.lms.api.Identifiers;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;

/** Resolves identifiers with one query each; two matches are an error, not a pick. */
@Component
public final class IdentifiersImpl implements Identifiers {

    /** Per entity: identifier kind to the query that finds it (a deleted user is never found). */
    private static final Map<String, Map<String, String>> QUERIES = Map.of(
            "course", Map.of("id", "SELECT id FROM mdl_course WHERE id = ?",
                    "shortname", "SELECT id FROM mdl_course WHERE shortname = ?",
                    "idnumber", "SELECT id FROM mdl_course WHERE idnumber = ?"),
            "user", Map.of("id", "SELECT id FROM mdl_user WHERE deleted = 0 AND id = ?",
                    "username", "SELECT id FROM mdl_user WHERE deleted = 0 AND username = ?",
                    "idnumber", "SELECT id FROM mdl_user WHERE deleted = 0 AND idnumber = ?",
                    "email", "SELECT id FROM mdl_user WHERE deleted = 0 AND LOWER(email) = LOWER(?)"),
            "cohort", Map.of("id", "SELECT id FROM mdl_cohort WHERE id = ?",
                    "idnumber", "SELECT id FROM mdl_cohort WHERE idnumber = ?",
                    "name", "SELECT id FROM mdl_cohort WHERE name = ?"),
            "group", Map.of("id", "SELECT id FROM mdl_groups WHERE id = ?",
                    "name", "SELECT id FROM mdl_groups WHERE courseid = ? AND name = ?"),
            "role", Map.of("id", "SELECT id FROM mdl_role WHERE id = ?",
                    "shortname", "SELECT id FROM mdl_role WHERE shortname = ?"),
            "category", Map.of("id", "SELECT id FROM mdl_course_categories WHERE id = ?",
                    "idnumber", "SELECT id FROM mdl_course_categories WHERE idnumber = ?"));

    private final Store store;

    @Activate
    public IdentifiersImpl(@Reference Store store,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
    }

    @Override
    public long course(String by, String value) throws IdentifierException {
        return resolve("course", by, value);
    }

    @Override
    public long user(String by, String value) throws IdentifierException {
        return resolve("user", by, value);
    }

    @Override
    public long cohort(String by, String value) throws IdentifierException {
        return resolve("cohort", by, value);
    }

    @Override
    public long group(String by, String value) throws IdentifierException {
        return resolve("group", by, value);
    }

    @Override
    public long role(String by, String value) throws IdentifierException {
        return resolve("role", by, value);
    }

    @Override
    public long category(String by, String value) throws IdentifierException {
        return resolve("category", by, value);
    }

    private long resolve(String entity, String by, String value) throws IdentifierException {
        Map<String, String> kinds = QUERIES.get(entity);
        String sql = by == null ? null : kinds.get(by);
        if (sql == null) {
            throw new IdentifierException(IdentifierException.INVALID, entity, entity + " cannot be identified by '"
                    + by + "'; use one of " + String.join(", ", new java.util.TreeSet<>(kinds.keySet())));
        }
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            throw new IdentifierException(IdentifierException.INVALID, entity, entity + " " + by + " is empty");
        }
        Object[] args;
        try {
            if (by.equals("id")) {
                args = new Object[] { Long.parseLong(v) };
            } else if (entity.equals("group")) {
                int at = v.indexOf('@');
                if (at <= 0 || at == v.length() - 1) {
                    throw new IdentifierException(IdentifierException.INVALID, entity,
                            "group name must be given as courseid@name, not '" + v + "'");
                }
                args = new Object[] { Long.parseLong(v.substring(0, at)), v.substring(at + 1) };
            } else {
                args = new Object[] { v };
            }
        } catch (NumberFormatException e) {
            throw new IdentifierException(IdentifierException.INVALID, entity,
                    entity + " " + by + "=" + v + " is not a number");
        }
        List<Long> ids = store.inTransaction(true, db -> db.list(sql + " ORDER BY id LIMIT 2", rs -> rs.getLong(1), args));
        if (ids.isEmpty()) {
            throw new IdentifierException(IdentifierException.NOT_FOUND, entity, entity + " " + by + "=" + v + " not exists");
        }
        if (ids.size() > 1) {
            throw new IdentifierException(IdentifierException.AMBIGUOUS, entity,
                    entity + " " + by + "=" + v + " matches more than one record");
        }
        return ids.get(0);
    }
}
