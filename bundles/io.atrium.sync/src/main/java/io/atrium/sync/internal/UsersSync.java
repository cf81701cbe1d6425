package io.atrium.sync.internal;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.atrium.lms.api.User;
import io.atrium.ws.api.WsException;

/**
 * {@code users}/{@code sync}: one user per line, matched by the {@code users_primaryidentity}
 * setting ({@code idnumber}, {@code email} or {@code username}): created when unknown, updated
 * with the columns the file has when known, deleted when {@code deleted} is 1. Required
 * columns {@code username, firstname, lastname}; optional the user fields below,
 * {@code password} (empty: none, or a generated one with {@code users_createpasswords};
 * {@code *NOPASS*}: none), {@code oldusername} (a rename, with {@code users_allowrename}),
 * {@code cohort} (a cohort idnumber the user joins), {@code course<N>} with {@code role<N>}
 * (role shortname, {@code student} by default) and {@code group<N>} (an existing group's name).
 */
final class UsersSync implements Processor {

    /** The user fields a file may set, as mdl_user columns. */
    static final List<String> FIELDS = List.of("idnumber", "email", "auth", "suspended", "lang", "city", "country",
            "institution", "department", "phone1", "phone2", "address", "timezone", "middlename", "alternatename",
            "firstnamephonetic", "lastnamephonetic", "description");

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Moodle's PARAM_USERNAME without extended characters (after lower-casing). */
    private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[a-z0-9_.@-]+");

    private final Domain domain;

    UsersSync(Domain domain) {
        this.domain = domain;
    }

    @Override
    public List<String> required() {
        return List.of("username", "firstname", "lastname");
    }

    @Override
    public String checkHeader(Columns columns) {
        String identity = domain.settings().get("users", "primaryidentity");
        if (!identity.equals("username") && !columns.has(identity)) {
            return "The primary identity is " + identity + " (users_primaryidentity) but the file has no " + identity
                    + " column; nothing was processed";
        }
        return null;
    }

    @Override
    public String line(CsvTable.Row row, Columns c, long actor) throws LineFailure {
        String identity = domain.settings().get("users", "primaryidentity");
        String username = c.text(row, "username").toLowerCase(Locale.ROOT);
        String key = identity.equals("username") ? username : c.text(row, identity);
        if (username.isEmpty()) {
            throw new LineFailure("No username");
        }
        if (!USERNAME.matcher(username).matches()) {
            throw new LineFailure("Invalid username '" + username + "': letters, digits and _ - . @ only");
        }
        if (key.isEmpty()) {
            throw new LineFailure("No " + identity + " (the primary identity) for " + username);
        }
        String old = c.text(row, "oldusername").toLowerCase(Locale.ROOT);
        long id = Domain.find(() -> domain.identifiers().user(identity, identity.equals("username") && !old.isEmpty()
                ? old : key));
        try {
            if ("1".equals(c.text(row, "deleted"))) {
                if (id < 0) {
                    return "user " + username + " does not exist: nothing to delete";
                }
                domain.users().delete(id, actor);
                return "deleted user " + username + " (id " + id + ")";
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("firstname", c.text(row, "firstname"));
            fields.put("lastname", c.text(row, "lastname"));
            for (String f : FIELDS) {
                String v = c.get(row, f);
                if (v != null && !v.isEmpty()) {
                    fields.put(f, f.equals("suspended") ? (Object) Integer.valueOf(v.equals("1") ? 1 : 0) : v);
                }
            }
            String password = c.text(row, "password");
            String done;
            if (id < 0) {
                fields.put("username", username);
                if (!password.isEmpty() && !password.equals("*NOPASS*")) {
                    fields.put("password", password);
                } else if (password.isEmpty() && domain.settings().flag("users", "createpasswords")) {
                    fields.put("password", generated());
                }
                id = domain.users().create(fields, Map.of(), actor);
                done = "created user " + username + " (id " + id + ")";
            } else {
                User user = domain.users().get(id).orElseThrow(() -> new LineFailure("user " + key + " vanished"));
                if (!user.username().equals(username)) {
                    if (!domain.settings().flag("users", "allowrename")) {
                        throw new LineFailure("user " + key + " is " + user.username() + " and the file says "
                                + username + "; renaming needs users_allowrename");
                    }
                    fields.put("username", username);
                }
                if (domain.settings().flag("users", "protectemails") && user.email() != null
                        && !user.email().isEmpty()) {
                    fields.remove("email");
                }
                if (!password.isEmpty() && !password.equals("*NOPASS*")) {
                    fields.put("password", password);
                }
                domain.users().update(id, fields, actor);
                done = "updated user " + username + " (id " + id + ")";
            }
            return done + memberships(row, c, id, actor);
        } catch (WsException e) {
            throw LineFailure.of(e);
        }
    }

    /** Cohort, courses, roles and groups named on the line. */
    private String memberships(CsvTable.Row row, Columns c, long userId, long actor) throws LineFailure, WsException {
        StringBuilder out = new StringBuilder();
        String cohort = c.text(row, "cohort");
        if (!cohort.isEmpty()) {
            long cohortId = Domain.require(() -> domain.identifiers().cohort("idnumber", cohort));
            if (domain.cohorts().addMember(cohortId, userId, actor)) {
                out.append(", added to cohort ").append(cohort);
            }
        }
        String courseBy = domain.settings().get("courses", "fileuploadidentifier");
        for (int n = 1; n <= 99 && c.has("course" + n); n++) {
            String course = c.text(row, "course" + n);
            if (course.isEmpty()) {
                continue;
            }
            long courseId = Domain.require(() -> domain.identifiers().course(courseBy, course));
            String roleName = Optional.ofNullable(c.get(row, "role" + n)).filter(r -> !r.isEmpty()).orElse("student");
            long roleId = Domain.require(() -> domain.identifiers().role("shortname", roleName));
            domain.enrolments().enrol(courseId, userId, roleId, 0, 0, false, actor);
            out.append(", enrolled in ").append(course).append(" as ").append(roleName);
            String group = c.text(row, "group" + n);
            if (!group.isEmpty()) {
                long groupId = domain.groups().byName(courseId, group)
                        .orElseThrow(() -> new LineFailure("course " + course + " has no group " + group)).id();
                domain.groups().addMember(groupId, userId, "", 0, actor);
                out.append(", group ").append(group);
            }
        }
        return out.toString();
    }

    private static String generated() {
        // Long, mixed and with a symbol: it meets any password policy; nobody knows it.
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return "Aa1!" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
