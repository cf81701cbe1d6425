package io.atrium.sync.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Group;
import io.atrium.lms.api.RoleAssignment;
import io.atrium.lms.api.UserEnrolment;
import io.atrium.ws.api.WsException;

/**
 * {@code enrols}/{@code sync}: one enrolment per line. Required columns {@code rolename}
 * (a role shortname), {@code cid} (a course, by {@code enrols_courseidentifier}) and {@code uid}
 * (a user, by {@code enrols_useridentifier}); optional {@code cmd} (default
 * {@code enrols_defaultcmd}), {@code enrol} (empty or {@code manual}: other methods are not
 * available here), {@code starttime}, {@code endtime} (see {@link Times}), {@code gcmd} and the
 * group names {@code g1..g9}.
 * <p>
 * Everything goes through the course's manual enrolment instance: {@code add} enrols (active)
 * with the role, {@code del} unenrols (the roles and groups the enrolment gave go with it),
 * {@code shift} enrols with the role and drops the user's other roles in the course (those
 * given by hand or by the manual enrolment; a role another plugin manages is its business),
 * {@code disable} and {@code enable} suspend and reactivate the enrolment. Times missing from the
 * line keep an existing enrolment's times (0, no limit, for a new one): a file run twice changes
 * nothing the second time.
 */
final class EnrolsSync implements Processor {

    /** What a line does with the enrolment. */
    enum Command {
        ADD, DEL, SHIFT, DISABLE, ENABLE;

        static final String ALLOWED = "add, del (or delete), shift, disable, enable";

        /** @throws IllegalArgumentException naming the allowed commands */
        static Command parse(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            return switch (v) {
            case "add" -> ADD;
            case "del", "delete" -> DEL;
            case "shift" -> SHIFT;
            case "disable" -> DISABLE;
            case "enable" -> ENABLE;
            default -> throw new IllegalArgumentException("Unknown cmd '" + value + "'; the commands are " + ALLOWED);
            };
        }
    }

    /** What a line does with the groups g1..g9. */
    enum GroupCommand {
        GADD(false, true), GADDCREATE(true, true), GREPLACE(false, true), GREPLACECREATE(true, true),
        GDEL(false, false);

        static final String ALLOWED = "gadd, gaddcreate, greplace, greplacecreate, gdel";

        /** Whether a group that does not exist is created. */
        final boolean creates;
        /** Whether the user ends up a member of the named groups (false: removed from them). */
        final boolean joins;

        GroupCommand(boolean creates, boolean joins) {
            this.creates = creates;
            this.joins = joins;
        }

        /** Whether the user leaves the course's groups the line does not name. */
        boolean replaces() {
            return this == GREPLACE || this == GREPLACECREATE;
        }

        /**
         * @return empty for an empty value (no group command)
         * @throws IllegalArgumentException naming the allowed commands
         */
        static Optional<GroupCommand> parse(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            for (GroupCommand g : values()) {
                if (g.name().toLowerCase(Locale.ROOT).equals(v)) {
                    return Optional.of(g);
                }
            }
            throw new IllegalArgumentException("Unknown gcmd '" + value + "'; the group commands are " + ALLOWED);
        }
    }

    static final String MANUAL = "manual";
    static final int GROUP_COLUMNS = 9;

    private final Domain domain;
    private final Supplier<ZoneId> zone;

    /** @param zone the time zone dates in the file are read in (the site's) */
    EnrolsSync(Domain domain, Supplier<ZoneId> zone) {
        this.domain = domain;
        this.zone = zone;
    }

    @Override
    public List<String> required() {
        return List.of("rolename", "cid", "uid");
    }

    /** The enrol method of a line: empty means manual; nothing else is available. */
    static void checkMethod(String value) throws LineFailure {
        String v = value == null ? "" : value.strip();
        if (!v.isEmpty() && !v.equals(MANUAL)) {
            throw new LineFailure("The enrol method '" + v + "' is not available: only manual enrolments are made "
                    + "(leave enrol empty or write manual)");
        }
    }

    /** The group names g1..g9 of a line, in order, without empty ones and repeats. */
    static List<String> groupNames(CsvTable.Row row, Columns c) {
        Set<String> names = new LinkedHashSet<>();
        for (int n = 1; n <= GROUP_COLUMNS; n++) {
            String g = c.text(row, "g" + n);
            if (!g.isEmpty()) {
                names.add(g);
            }
        }
        return new ArrayList<>(names);
    }

    private static OptionalLong time(CsvTable.Row row, Columns c, String column, ZoneId zone) throws LineFailure {
        try {
            return Times.parse(c.text(row, column), zone);
        } catch (IllegalArgumentException e) {
            throw new LineFailure("Invalid " + column + ": " + e.getMessage());
        }
    }

    @Override
    public String line(CsvTable.Row row, Columns c, long actor) throws LineFailure {
        // Everything the line says is checked before anything is written.
        Command cmd;
        Optional<GroupCommand> gcmd;
        OptionalLong start;
        OptionalLong end;
        try {
            String given = c.get(row, "cmd");
            cmd = Command.parse(given == null || given.isBlank() ? domain.settings().get("enrols", "defaultcmd") : given);
            gcmd = GroupCommand.parse(c.text(row, "gcmd"));
        } catch (IllegalArgumentException e) {
            throw new LineFailure(e.getMessage());
        }
        ZoneId z = zone.get();
        start = time(row, c, "starttime", z);
        end = time(row, c, "endtime", z);
        checkMethod(c.text(row, "enrol"));
        List<String> groups = groupNames(row, c);
        if (gcmd.isEmpty() && !groups.isEmpty()) {
            throw new LineFailure("The line names groups (" + String.join(", ", groups) + ") but no gcmd: say "
                    + GroupCommand.ALLOWED);
        }
        if (cmd == Command.DEL && gcmd.isPresent() && gcmd.get().joins) {
            throw new LineFailure("gcmd " + gcmd.get().name().toLowerCase(Locale.ROOT) + " needs the user enrolled, "
                    + "and cmd del unenrols them");
        }
        if (start.isPresent() && end.isPresent() && end.getAsLong() != 0 && end.getAsLong() < start.getAsLong()) {
            throw new LineFailure("endtime " + c.text(row, "endtime") + " is before starttime "
                    + c.text(row, "starttime"));
        }
        String uid = c.text(row, "uid");
        String cid = c.text(row, "cid");
        String rolename = c.text(row, "rolename");
        if (uid.isEmpty()) {
            throw new LineFailure("No uid");
        }
        if (cid.isEmpty()) {
            throw new LineFailure("No cid");
        }
        String userBy = domain.settings().get("enrols", "useridentifier");
        String courseBy = domain.settings().get("enrols", "courseidentifier");
        long userId = Domain.require(() -> domain.identifiers().user(userBy, uid));
        long courseId = Domain.require(() -> domain.identifiers().course(courseBy, cid));
        long roleId = 0;
        if (cmd == Command.ADD || cmd == Command.SHIFT) {
            if (rolename.isEmpty()) {
                throw new LineFailure("No rolename: cmd " + cmd.name().toLowerCase(Locale.ROOT) + " needs a role");
            }
            roleId = Domain.require(() -> domain.identifiers().role("shortname", rolename));
        }
        Context context = domain.contexts().of(ContextLevel.COURSE, courseId)
                .orElseThrow(() -> new LineFailure("course " + cid + " has no context"));
        String who = "user " + uid + " in course " + cid;
        try {
            StringBuilder out = new StringBuilder(switch (cmd) {
            case ADD -> add(courseId, userId, roleId, rolename, start, end, context, who, actor);
            case SHIFT -> shift(courseId, userId, roleId, rolename, start, end, context, who, actor);
            case DEL -> del(courseId, userId, who, actor);
            case DISABLE, ENABLE -> status(courseId, userId, cmd == Command.DISABLE, start, end, who, actor);
            });
            if (gcmd.isPresent()) {
                out.append(groups(gcmd.get(), groups, courseId, userId, cid, actor));
            }
            return out.toString();
        } catch (WsException e) {
            throw LineFailure.of(e);
        }
    }

    private String add(long courseId, long userId, long roleId, String rolename, OptionalLong start, OptionalLong end,
            Context context, String who, long actor) throws WsException {
        Optional<UserEnrolment> before = domain.enrolments().manualEnrolment(courseId, userId);
        boolean hadRole = domain.roles().assignments(userId, context).stream().anyMatch(a -> a.roleId() == roleId);
        long timestart = start.orElse(before.map(UserEnrolment::timestart).orElse(0L));
        long timeend = end.orElse(before.map(UserEnrolment::timeend).orElse(0L));
        domain.enrolments().enrol(courseId, userId, roleId, timestart, timeend, false, actor);
        if (before.isEmpty()) {
            return "enrolled " + who + " as " + rolename;
        }
        UserEnrolment b = before.get();
        boolean changed = b.suspended() || b.timestart() != timestart || b.timeend() != timeend;
        return (hadRole ? who + " was enrolled as " + rolename + " already" : "gave " + rolename + " to " + who
                + " (enrolled already)") + (changed ? "; enrolment updated" + (b.suspended() ? " and reactivated" : "")
                        : "");
    }

    private String shift(long courseId, long userId, long roleId, String rolename, OptionalLong start,
            OptionalLong end, Context context, String who, long actor) throws WsException {
        List<String> dropped = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (RoleAssignment a : domain.roles().assignments(userId, context)) {
            if (a.roleId() == roleId) {
                continue;
            }
            if (a.component().isEmpty() || a.component().equals("enrol_" + MANUAL)) {
                domain.roles().unassign(a.roleId(), userId, context, a.component(), a.itemId(), actor);
                dropped.add(a.roleShortname());
            } else {
                kept.add(a.roleShortname() + " (managed by " + a.component() + ")");
            }
        }
        String done = add(courseId, userId, roleId, rolename, start, end, context, who, actor);
        if (!dropped.isEmpty()) {
            done += "; dropped " + String.join(", ", dropped);
        }
        if (!kept.isEmpty()) {
            done += "; kept " + String.join(", ", kept);
        }
        return done;
    }

    private String del(long courseId, long userId, String who, long actor) throws WsException {
        if (domain.enrolments().manualEnrolment(courseId, userId).isEmpty()) {
            return who + " is not enrolled manually: nothing to remove";
        }
        domain.enrolments().unenrol(courseId, userId, actor);
        return "unenrolled " + who;
    }

    private String status(long courseId, long userId, boolean suspend, OptionalLong start, OptionalLong end,
            String who, long actor) throws WsException, LineFailure {
        Optional<UserEnrolment> before = domain.enrolments().manualEnrolment(courseId, userId);
        if (before.isEmpty()) {
            if (suspend) {
                return who + " is not enrolled manually: nothing to disable";
            }
            throw new LineFailure(who + " is not enrolled manually: nothing to enable (cmd add enrols)");
        }
        UserEnrolment b = before.get();
        long timestart = start.orElse(b.timestart());
        long timeend = end.orElse(b.timeend());
        if (b.suspended() == suspend && b.timestart() == timestart && b.timeend() == timeend) {
            return who + (suspend ? " was suspended already" : " was active already");
        }
        // Role 0: the enrolment changes, the roles stay as they are.
        domain.enrolments().enrol(courseId, userId, 0, timestart, timeend, suspend, actor);
        return (suspend ? "suspended the enrolment of " : "reactivated the enrolment of ") + who;
    }

    /** The group command, after the enrolment command. */
    private String groups(GroupCommand gcmd, List<String> names, long courseId, long userId, String cid, long actor)
            throws WsException, LineFailure {
        StringBuilder out = new StringBuilder();
        if (!gcmd.joins) {
            for (String name : names) {
                Optional<Group> g = domain.groups().byName(courseId, name);
                if (g.isPresent() && domain.groups().removeMember(g.get().id(), userId, actor)) {
                    out.append(", removed from group ").append(name);
                } else {
                    out.append(", not in group ").append(name);
                }
            }
            return out.toString();
        }
        // Every named group is found (or created) before the memberships change.
        Map<Long, String> wanted = new LinkedHashMap<>();
        for (String name : names) {
            Optional<Group> g = domain.groups().byName(courseId, name);
            if (g.isPresent()) {
                wanted.put(g.get().id(), name);
            } else if (gcmd.creates) {
                long id = domain.groups().create(courseId, Map.of("name", name), actor);
                wanted.put(id, name);
                out.append(", created group ").append(name);
            } else {
                throw new LineFailure("course " + cid + " has no group " + name + " ("
                        + gcmd.name().toLowerCase(Locale.ROOT) + "create would create it)");
            }
        }
        if (gcmd.replaces()) {
            for (Group g : domain.groups().ofUser(courseId, userId)) {
                if (!wanted.containsKey(g.id()) && domain.groups().removeMember(g.id(), userId, actor)) {
                    out.append(", removed from group ").append(g.name());
                }
            }
        }
        for (Map.Entry<Long, String> g : wanted.entrySet()) {
            if (domain.groups().addMember(g.getKey(), userId, "", 0, actor)) {
                out.append(", added to group ").append(g.getValue());
            } else {
                out.append(", in group ").append(g.getValue()).append(" already");
            }
        }
        return out.toString();
    }
}
