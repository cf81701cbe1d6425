package io.atrium.sync.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atrium.lms.api.Context;
import io.atrium.ws.api.WsException;

/**
 * {@code cohorts}/{@code sync}: one cohort (and optionally one member) per line. No column is
 * required, but the cohort's key column is: {@code c<cohorts_cohortidentifier>}, that is
 * {@code cid} (by id), {@code cidnumber} (by idnumber, the default) or {@code cname} (by name).
 * Optional: {@code cmd}, {@code userid} (a user, by {@code cohorts_useridentifier}), the other
 * cohort columns ({@code cname}, {@code cidnumber}, {@code cdescription}, {@code component},
 * {@code ccatcontext} a category id, {@code ccatcontextidnumber} a category idnumber), which are
 * used when the cohort is created.
 * <p>
 * {@code add} (the default) makes the user a member, creating the cohort first when it is
 * missing and {@code cohorts_autocreate} allows it (in the category the line names, else in the
 * system context); {@code del} removes the user from the cohort, or without a user deletes the
 * cohort; {@code free} removes every member. An existing cohort's fields are never changed.
 */
final class CohortsSync implements Processor {

    enum Command {
        ADD, DEL, FREE;

        static final String ALLOWED = "add, del, free";

        /** @throws IllegalArgumentException naming the allowed commands */
        static Command parse(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            return switch (v) {
            case "", "add" -> ADD;
            case "del", "delete" -> DEL;
            case "free" -> FREE;
            default -> throw new IllegalArgumentException("Unknown cmd '" + value + "'; the commands are " + ALLOWED);
            };
        }
    }

    private final Domain domain;

    CohortsSync(Domain domain) {
        this.domain = domain;
    }

    @Override
    public List<String> required() {
        return List.of();
    }

    /** The column that identifies the cohort, for a {@code cohorts_cohortidentifier}. */
    static String keyColumn(String cohortIdentifier) {
        return "c" + cohortIdentifier;
    }

    @Override
    public String checkHeader(Columns columns) {
        String by = domain.settings().get("cohorts", "cohortidentifier");
        String key = keyColumn(by);
        if (!columns.has(key)) {
            return "Cohorts are identified by " + by + " (cohorts_cohortidentifier) but the file has no " + key
                    + " column; nothing was processed";
        }
        return null;
    }

    @Override
    public String line(CsvTable.Row row, Columns c, long actor) throws LineFailure {
        Command cmd;
        try {
            cmd = Command.parse(c.text(row, "cmd"));
        } catch (IllegalArgumentException e) {
            throw new LineFailure(e.getMessage());
        }
        String by = domain.settings().get("cohorts", "cohortidentifier");
        String keyColumn = keyColumn(by);
        String key = c.text(row, keyColumn);
        if (key.isEmpty()) {
            throw new LineFailure("No " + keyColumn + ": cohorts are identified by " + by + " (cohorts_cohortidentifier)");
        }
        String cohort = "cohort " + by + "=" + key;
        String uid = c.text(row, "userid");
        String userBy = domain.settings().get("cohorts", "useridentifier");
        long userId = uid.isEmpty() ? -1 : Domain.require(() -> domain.identifiers().user(userBy, uid));
        String user = "user " + userBy + "=" + uid;
        long cohortId = Domain.find(() -> domain.identifiers().cohort(by, key));
        try {
            switch (cmd) {
            case ADD: {
                String done = "";
                if (cohortId < 0) {
                    cohortId = create(row, c, by, key, actor);
                    done = "created " + cohort + " (id " + cohortId + ")";
                }
                if (userId < 0) {
                    return done.isEmpty() ? cohort + " exists; no userid: nothing to do" : done;
                }
                String member = domain.cohorts().addMember(cohortId, userId, actor) ? "added " + user + " to " + cohort
                        : user + " was a member of " + cohort + " already";
                return done.isEmpty() ? member : done + ", " + member;
            }
            case DEL: {
                if (cohortId < 0) {
                    return "no " + cohort + ": nothing to delete";
                }
                if (userId >= 0) {
                    return domain.cohorts().removeMember(cohortId, userId, actor) ? "removed " + user + " from " + cohort
                            : user + " was not a member of " + cohort;
                }
                int members = domain.cohorts().members(cohortId).size();
                domain.cohorts().delete(cohortId, actor);
                return "deleted " + cohort + " (id " + cohortId + ", " + members + " member(s))";
            }
            default: {
                if (cohortId < 0) {
                    return "no " + cohort + ": nothing to free";
                }
                int removed = 0;
                for (long member : domain.cohorts().members(cohortId)) {
                    if (domain.cohorts().removeMember(cohortId, member, actor)) {
                        removed++;
                    }
                }
                return "removed " + removed + " member(s) from " + cohort;
            }
            }
        } catch (WsException e) {
            throw LineFailure.of(e);
        }
    }

    /** Creates the line's cohort when the settings allow it. */
    private long create(CsvTable.Row row, Columns c, String by, String key, long actor)
            throws LineFailure, WsException {
        if (by.equals("id")) {
            throw new LineFailure("no cohort id=" + key + " (a cohort cannot be created with a given id)");
        }
        if (!domain.settings().flag("cohorts", "autocreate")) {
            throw new LineFailure("no cohort " + by + "=" + key + ", and cohorts_autocreate is off");
        }
        String name = by.equals("name") ? key : c.text(row, "cname");
        if (name.isEmpty()) {
            name = key; // the idnumber names it, rather than nothing
        }
        String idnumber = by.equals("idnumber") ? key : c.text(row, "cidnumber");
        // Names need not be unique, but a second cohort of a name makes that name ambiguous.
        String n = name;
        if (Domain.find(() -> domain.identifiers().cohort("name", n)) >= 0) {
            throw new LineFailure("no cohort " + by + "=" + key + ", and it cannot be created: a cohort named " + name
                    + " exists already");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        if (!idnumber.isEmpty()) {
            fields.put("idnumber", idnumber);
        }
        fields.put("description", c.text(row, "cdescription"));
        fields.put("descriptionformat", 0); // FORMAT_MOODLE, as the original creates them
        String component = c.text(row, "component");
        if (!component.isEmpty()) {
            fields.put("component", component);
        }
        return domain.cohorts().create(placement(row, c), fields, actor);
    }

    /** The category context a line names by id or idnumber, or the system context. */
    private Context placement(CsvTable.Row row, Columns c) throws WsException {
        String category = c.text(row, "ccatcontext");
        if (!category.isEmpty() && !category.equals("0")) {
            return domain.cohorts().placement("id", category);
        }
        String categoryIdnumber = c.text(row, "ccatcontextidnumber");
        if (!categoryIdnumber.isEmpty()) {
            return domain.cohorts().placement("idnumber", categoryIdnumber);
        }
        return domain.cohorts().placement("system", "");
    }
}
