package io.atrium.sync.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Course;
import io.atrium.lms.api.CourseModuleContent;
import io.atrium.lms.api.Enrolments;
import io.atrium.lms.api.RoleAssignment;
import io.atrium.ws.api.WsException;

/**
 * {@code courses}/{@code reset}: one course per line, named in the column the
 * {@code courses_fileresetidentifier} setting names ({@code shortname} by default), with the
 * original's columns {@code events, logs, notes, grades, roles, local_roles, groups, groupings,
 * modules}; further columns are the original's per-module options ({@code forum_all}...).
 * <p>
 * Atrium resets what it holds, through the domain API: {@code roles} (role shortnames,
 * separated by spaces or commas) unenrols the users who hold one of those roles in the course,
 * as Moodle's "unenrol users" reset; {@code local_roles} removes the role assignments that
 * enrolled users hold in the course's activities. Everything else is reported, per line, as not
 * reset: calendar events, notes, grades, groupings and activity data are not held by Atrium;
 * the event log is the audit trail (webhooks read it) and no API deletes it; groups cannot be
 * deleted through the domain API.
 */
final class CoursesReset implements Processor {

    static final List<String> OPTIONS = List.of("events", "logs", "notes", "grades", "roles", "local_roles", "groups",
            "groupings", "modules");

    private final Domain domain;

    CoursesReset(Domain domain) {
        this.domain = domain;
    }

    private String identifier() {
        return domain.settings().get("courses", "fileresetidentifier");
    }

    @Override
    public List<String> required() {
        List<String> required = new ArrayList<>();
        required.add(identifier());
        required.addAll(OPTIONS);
        return required;
    }

    @Override
    public String line(CsvTable.Row row, Columns c, long actor) throws LineFailure {
        String by = identifier();
        String value = c.text(row, by);
        if (value.isEmpty()) {
            throw new LineFailure("No course " + by);
        }
        long courseId = Domain.find(() -> domain.identifiers().course(by, value));
        if (courseId < 0) {
            throw new LineFailure("No course with " + by + " " + value + ": nothing reset");
        }
        if (courseId == Course.SITE_ID) {
            throw new LineFailure("The site course cannot be reset");
        }
        // Every value is checked before anything changes.
        Set<String> roleNames = new LinkedHashSet<>();
        for (String r : c.text(row, "roles").split("[\\s,]+")) {
            if (!r.isEmpty() && !isNo(r)) {
                roleNames.add(r);
            }
        }
        Set<Long> roleIds = new LinkedHashSet<>();
        for (String r : roleNames) {
            roleIds.add(Domain.require(() -> domain.identifiers().role("shortname", r)));
        }
        boolean localRoles = yes(row, c, "local_roles");
        List<String> notHeld = new ArrayList<>();
        List<String> cannot = new ArrayList<>();
        if (yes(row, c, "events")) {
            notHeld.add("events (there is no calendar)");
        }
        if (yes(row, c, "notes")) {
            notHeld.add("notes");
        }
        if (yes(row, c, "grades")) {
            notHeld.add("grades");
        }
        if (yes(row, c, "groupings")) {
            notHeld.add("groupings");
        }
        List<String> moduleData = new ArrayList<>();
        String modules = c.text(row, "modules");
        if (!modules.isEmpty() && !isNo(modules)) {
            moduleData.add("modules " + modules);
        }
        for (String column : c.names()) {
            String v = c.text(row, column);
            if (!column.equals(by) && !OPTIONS.contains(column) && !v.isEmpty() && !isNo(v)) {
                moduleData.add(column);
            }
        }
        if (!moduleData.isEmpty()) {
            notHeld.add(String.join(", ", moduleData) + " (activities keep no user data)");
        }
        if (yes(row, c, "logs")) {
            cannot.add("logs (the event log is the audit trail webhooks read; nothing deletes it)");
        }
        if (yes(row, c, "groups")) {
            cannot.add("groups (the domain API cannot delete groups)");
        }

        List<String> done = new ArrayList<>();
        try {
            if (!roleIds.isEmpty()) {
                done.add(unenrol(courseId, roleIds, roleNames, actor));
            }
            if (localRoles) {
                done.add(localRoles(courseId, actor));
            }
        } catch (WsException e) {
            throw LineFailure.of(e);
        }
        StringBuilder out = new StringBuilder("course ").append(value).append(" (id ").append(courseId).append("): ");
        out.append(done.isEmpty() ? "nothing reset" : String.join("; ", done));
        if (!notHeld.isEmpty()) {
            out.append("; not reset, Atrium holds no such data: ").append(String.join(", ", notHeld));
        }
        if (!cannot.isEmpty()) {
            out.append("; not reset: ").append(String.join(", ", cannot));
        }
        return out.toString();
    }

    private String unenrol(long courseId, Set<Long> roleIds, Set<String> roleNames, long actor) throws WsException {
        Context context = courseContext(courseId);
        boolean manual = domain.enrolments().manualInstance(courseId).isPresent();
        int unenrolled = 0;
        int kept = 0;
        for (long user : domain.enrolments().enrolledUsers(courseId, Enrolments.Query.all())) {
            boolean holds = domain.roles().assignments(user, context).stream()
                    .anyMatch(a -> roleIds.contains(a.roleId()));
            if (!holds) {
                continue;
            }
            if (manual) {
                domain.enrolments().unenrol(courseId, user, actor);
            }
            if (domain.enrolments().isEnrolled(courseId, user, false)) {
                kept++;
            } else {
                unenrolled++;
            }
        }
        String s = "unenrolled " + unenrolled + " user(s) holding " + String.join(", ", roleNames);
        if (kept > 0) {
            s += " (" + kept + " more kept: enrolled by a method other than manual, which Atrium cannot unenrol)";
        }
        return s;
    }

    private String localRoles(long courseId, long actor) {
        List<Long> users = domain.enrolments().enrolledUsers(courseId, Enrolments.Query.all());
        int removed = 0;
        for (CourseModuleContent m : domain.courses().modules(courseId)) {
            Context module = domain.contexts().of(ContextLevel.MODULE, m.id()).orElse(null);
            if (module == null) {
                continue;
            }
            for (long user : users) {
                for (RoleAssignment a : domain.roles().assignments(user, module)) {
                    removed += domain.roles().unassign(a.roleId(), user, module, a.component(), a.itemId(), actor);
                }
            }
        }
        return "removed " + removed + " role assignment(s) in the course's activities (of users enrolled in it)";
    }

    private Context courseContext(long courseId) {
        return domain.contexts().of(ContextLevel.COURSE, courseId)
                .orElseThrow(() -> new IllegalStateException("course " + courseId + " has no context"));
    }

    private static final Map<String, Boolean> FLAGS = Map.of("yes", true, "y", true, "1", true, "true", true,
            "no", false, "n", false, "0", false, "false", false, "", false);

    private static boolean isNo(String v) {
        return Boolean.FALSE.equals(FLAGS.get(v.toLowerCase(Locale.ROOT)));
    }

    /** A yes/no column (yes, y, 1, true / no, n, 0, false, empty); anything else fails the line. */
    private static boolean yes(CsvTable.Row row, Columns c, String column) throws LineFailure {
        String v = c.text(row, column);
        Boolean flag = FLAGS.get(v.toLowerCase(Locale.ROOT));
        if (flag == null) {
            throw new LineFailure("column " + column + ": '" + v + "' is neither yes nor no");
        }
        return flag;
    }
}
