package io.atrium.sync.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Cohort;
import io.atrium.lms.api.Cohorts;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Enrolments;
import io.atrium.lms.api.Group;
import io.atrium.lms.api.Groups;
import io.atrium.lms.api.IdentifierException;
import io.atrium.lms.api.Identifiers;
import io.atrium.lms.api.RoleAssignment;
import io.atrium.lms.api.Roles;
import io.atrium.lms.api.SiteConfig;
import io.atrium.lms.api.UserEnrolment;
import io.atrium.ws.api.WsException;

/**
 * An in-memory domain for the processors' and functions' tests: just enough of the lms API's
 * behaviour (identifiers, manual enrolments with their role, groups, cohorts, rights), and a
 * journal of every change, in order, to assert what was written.
 */
final class FakeLms {

    static final Context SYSTEM = new Context(1, ContextLevel.SYSTEM, 0, "/1", 1);

    record Person(long id, String username, String idnumber, String email) {
    }

    final Map<Long, Person> users = new TreeMap<>();
    final Map<Long, String[]> courses = new TreeMap<>(); // id -> shortname, idnumber
    final Set<Long> withoutManualInstance = new HashSet<>();
    final Map<Long, String> roles = new TreeMap<>();
    final Map<Long, String[]> categories = new TreeMap<>(); // id -> idnumber
    final Map<String, UserEnrolment> enrolled = new LinkedHashMap<>(); // course:user
    final List<RoleAssignment> assignments = new ArrayList<>();
    final Map<Long, Group> groupsById = new TreeMap<>();
    final Set<String> groupMembers = new HashSet<>(); // group:user
    final Map<Long, Cohort> cohortsById = new TreeMap<>();
    final Map<Long, Set<Long>> cohortMembers = new HashMap<>();
    final Map<String, String> config = new HashMap<>(); // plugin/name -> value
    /** Who may do what: capability@contextid, for non-admins. */
    final Set<String> granted = new HashSet<>();
    final Set<Long> admins = new HashSet<>();
    /** The changes, in order. */
    final List<String> journal = new ArrayList<>();
    private long next = 100;

    long user(String username, String idnumber, String email) {
        long id = next++;
        users.put(id, new Person(id, username, idnumber, email));
        return id;
    }

    long course(String shortname, String idnumber) {
        long id = next++;
        courses.put(id, new String[] { shortname, idnumber });
        return id;
    }

    long role(String shortname) {
        long id = next++;
        roles.put(id, shortname);
        return id;
    }

    long category(String idnumber) {
        long id = next++;
        categories.put(id, new String[] { idnumber });
        return id;
    }

    static Context courseContext(long courseId) {
        return new Context(10_000 + courseId, ContextLevel.COURSE, courseId, "/1/" + (10_000 + courseId), 2);
    }

    static Context categoryContext(long categoryId) {
        return new Context(20_000 + categoryId, ContextLevel.COURSECAT, categoryId, "/1/" + (20_000 + categoryId), 2);
    }

    private static String key(long a, long b) {
        return a + ":" + b;
    }

    // ---- the services ----

    final Identifiers identifiers = new Identifiers() {
        @Override
        public long course(String by, String value) throws IdentifierException {
            return match("course", by, value, courses.entrySet().stream().filter(e -> switch (by) {
            case "id" -> String.valueOf(e.getKey()).equals(value);
            case "shortname" -> e.getValue()[0].equals(value);
            case "idnumber" -> value.equals(e.getValue()[1]);
            default -> false;
            }).map(Map.Entry::getKey).toList(), List.of("id", "shortname", "idnumber"));
        }

        @Override
        public long user(String by, String value) throws IdentifierException {
            return match("user", by, value, users.values().stream().filter(u -> switch (by) {
            case "id" -> String.valueOf(u.id()).equals(value);
            case "username" -> u.username().equals(value);
            case "idnumber" -> value.equals(u.idnumber());
            case "email" -> value.equalsIgnoreCase(u.email());
            default -> false;
            }).map(Person::id).toList(), List.of("id", "username", "idnumber", "email"));
        }

        @Override
        public long cohort(String by, String value) throws IdentifierException {
            return match("cohort", by, value, cohortsById.values().stream().filter(c -> switch (by) {
            case "id" -> String.valueOf(c.id()).equals(value);
            case "idnumber" -> value.equals(c.idnumber());
            case "name" -> value.equals(c.name());
            default -> false;
            }).map(Cohort::id).toList(), List.of("id", "idnumber", "name"));
        }

        @Override
        public long group(String by, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long role(String by, String value) throws IdentifierException {
            return match("role", by, value, roles.entrySet().stream().filter(e -> switch (by) {
            case "id" -> String.valueOf(e.getKey()).equals(value);
            case "shortname" -> e.getValue().equals(value);
            default -> false;
            }).map(Map.Entry::getKey).toList(), List.of("id", "shortname"));
        }

        @Override
        public long category(String by, String value) throws IdentifierException {
            return match("category", by, value, categories.entrySet().stream().filter(e -> switch (by) {
            case "id" -> String.valueOf(e.getKey()).equals(value);
            case "idnumber" -> value.equals(e.getValue()[0]);
            default -> false;
            }).map(Map.Entry::getKey).toList(), List.of("id", "idnumber"));
        }

        private long match(String entity, String by, String value, List<Long> ids, List<String> kinds)
                throws IdentifierException {
            if (!kinds.contains(by)) {
                throw new IdentifierException(IdentifierException.INVALID, entity, entity + " cannot be identified by '"
                        + by + "'");
            }
            if (by.equals("id") && !value.matches("\\d+")) {
                throw new IdentifierException(IdentifierException.INVALID, entity,
                        entity + " id=" + value + " is not a number");
            }
            if (ids.isEmpty()) {
                throw new IdentifierException(IdentifierException.NOT_FOUND, entity,
                        entity + " " + by + "=" + value + " not exists");
            }
            if (ids.size() > 1) {
                throw new IdentifierException(IdentifierException.AMBIGUOUS, entity,
                        entity + " " + by + "=" + value + " matches more than one record");
            }
            return ids.get(0);
        }
    };

    final Contexts contexts = new Contexts() {
        @Override
        public Context system() {
            return SYSTEM;
        }

        @Override
        public Optional<Context> byId(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Context> of(ContextLevel level, long instanceId) {
            if (level == ContextLevel.COURSE && courses.containsKey(instanceId)) {
                return Optional.of(courseContext(instanceId));
            }
            return Optional.empty();
        }
    };

    final Roles roleService = new Roles() {
        @Override
        public long assign(long roleId, long userId, Context context, String component, long itemId, long actor) {
            for (RoleAssignment a : assignments) {
                if (a.roleId() == roleId && a.userId() == userId && a.contextId() == context.id()
                        && a.component().equals(component) && a.itemId() == itemId) {
                    return a.id();
                }
            }
            long id = next++;
            assignments.add(new RoleAssignment(id, roleId, "", roles.get(roleId), context.id(), userId, component,
                    itemId, 0, 0));
            journal.add("assign " + roles.get(roleId) + " " + userId + "@" + context.id());
            return id;
        }

        @Override
        public int unassign(long roleId, long userId, Context context, String component, long itemId, long actor) {
            int before = assignments.size();
            assignments.removeIf(a -> a.roleId() == roleId && a.userId() == userId && a.contextId() == context.id()
                    && a.component().equals(component) && a.itemId() == itemId);
            int removed = before - assignments.size();
            if (removed > 0) {
                journal.add("unassign " + roles.get(roleId) + " " + userId + "@" + context.id());
            }
            return removed;
        }

        @Override
        public List<RoleAssignment> assignments(long userId) {
            return assignments.stream().filter(a -> a.userId() == userId).toList();
        }

        @Override
        public List<RoleAssignment> assignments(long userId, Context context) {
            return assignments.stream().filter(a -> a.userId() == userId && a.contextId() == context.id()).toList();
        }

        @Override
        public Set<Long> assignable(long userId, Context context) {
            if (admins.contains(userId) || granted.contains("moodle/role:assign@" + context.id())) {
                return Set.copyOf(roles.keySet());
            }
            return Set.of();
        }
    };

    final Enrolments enrolments = new Enrolments() {
        @Override
        public Optional<Long> manualInstance(long courseId) {
            return courses.containsKey(courseId) && !withoutManualInstance.contains(courseId)
                    ? Optional.of(50_000 + courseId) : Optional.empty();
        }

        @Override
        public Optional<UserEnrolment> manualEnrolment(long courseId, long userId) {
            return Optional.ofNullable(enrolled.get(key(courseId, userId)));
        }

        @Override
        public long enrol(long courseId, long userId, long roleId, long timestart, long timeend, boolean suspended,
                long actor) throws WsException {
            if (manualInstance(courseId).isEmpty()) {
                throw WsException.of("wsnoinstance", "no manual instance in course " + courseId);
            }
            int status = suspended ? SUSPENDED : ACTIVE;
            UserEnrolment before = enrolled.get(key(courseId, userId));
            long id = before == null ? next++ : before.id();
            if (before == null || before.status() != status || before.timestart() != timestart
                    || before.timeend() != timeend) {
                enrolled.put(key(courseId, userId), new UserEnrolment(id, 50_000 + courseId, userId, status, timestart,
                        timeend, 0, 0));
                journal.add((before == null ? "enrol " : "update ") + courseId + " " + userId + " " + status + " "
                        + timestart + " " + timeend);
            }
            if (roleId != 0) {
                roleService.assign(roleId, userId, courseContext(courseId), "", 0, actor);
            }
            return id;
        }

        @Override
        public void unenrol(long courseId, long userId, long actor) {
            if (enrolled.remove(key(courseId, userId)) != null) {
                journal.add("unenrol " + courseId + " " + userId);
                long ctx = courseContext(courseId).id();
                assignments.removeIf(a -> a.userId() == userId && a.contextId() == ctx);
                groupsById.values().stream().filter(g -> g.courseId() == courseId)
                        .forEach(g -> groupMembers.remove(key(g.id(), userId)));
            }
        }

        @Override
        public boolean isEnrolled(long courseId, long userId, boolean onlyActive) {
            return enrolled.containsKey(key(courseId, userId));
        }

        @Override
        public List<Long> enrolledUsers(long courseId, Query query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Long> courses(long userId, boolean onlyActive) {
            throw new UnsupportedOperationException();
        }
    };

    final Groups groups = new Groups() {
        @Override
        public Optional<Group> get(long id) {
            return Optional.ofNullable(groupsById.get(id));
        }

        @Override
        public Optional<Group> byName(long courseId, String name) {
            return groupsById.values().stream().filter(g -> g.courseId() == courseId && g.name().equals(name))
                    .findFirst();
        }

        @Override
        public long create(long courseId, Map<String, Object> fields, long actor) {
            long id = next++;
            groupsById.put(id, new Group(id, courseId, "", (String) fields.get("name"), "", 1, "", 0, true, 0, 0));
            journal.add("create group " + fields.get("name"));
            return id;
        }

        @Override
        public boolean addMember(long groupId, long userId, String component, long itemId, long actor)
                throws WsException {
            Group g = groupsById.get(groupId);
            if (!enrolled.containsKey(key(g.courseId(), userId))) {
                throw WsException.invalidParameter("user " + userId + " is not enrolled in course " + g.courseId());
            }
            if (groupMembers.add(key(groupId, userId))) {
                journal.add("join " + g.name() + " " + userId);
                return true;
            }
            return false;
        }

        @Override
        public boolean removeMember(long groupId, long userId, long actor) {
            if (groupMembers.remove(key(groupId, userId))) {
                journal.add("leave " + groupsById.get(groupId).name() + " " + userId);
                return true;
            }
            return false;
        }

        @Override
        public boolean isMember(long groupId, long userId) {
            return groupMembers.contains(key(groupId, userId));
        }

        @Override
        public List<Group> ofUser(long courseId, long userId) {
            return groupsById.values().stream()
                    .filter(g -> g.courseId() == courseId && groupMembers.contains(key(g.id(), userId))).toList();
        }
    };

    final Cohorts cohorts = new Cohorts() {
        @Override
        public Optional<Cohort> get(long id) {
            return Optional.ofNullable(cohortsById.get(id));
        }

        @Override
        public List<Cohort> list(Collection<Long> ids) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Context placement(String type, String value) throws WsException {
            if (type.equals("system")) {
                return SYSTEM;
            }
            try {
                return categoryContext(identifiers.category(type, value));
            } catch (IdentifierException e) {
                throw WsException.invalidParameter("category not exists: category " + type + " = " + value);
            }
        }

        @Override
        public long create(Context context, Map<String, Object> fields, long actor) throws WsException {
            Object idnumber = fields.get("idnumber");
            if (idnumber != null && cohortsById.values().stream().anyMatch(c -> idnumber.equals(c.idnumber()))) {
                throw WsException.invalidParameter("record already exists: idnumber=" + idnumber);
            }
            long id = next++;
            cohortsById.put(id, new Cohort(id, context.id(), (String) fields.get("name"), (String) idnumber,
                    String.valueOf(fields.getOrDefault("description", "")), 0, true,
                    String.valueOf(fields.getOrDefault("component", "")), "", 0, 0));
            journal.add("create cohort " + fields.get("name") + " in " + context.id());
            return id;
        }

        @Override
        public void delete(long cohortId, long actor) throws WsException {
            if (cohortsById.remove(cohortId) == null) {
                throw WsException.invalidRecord("cohort", null);
            }
            cohortMembers.remove(cohortId);
            journal.add("delete cohort " + cohortId);
        }

        @Override
        public boolean addMember(long cohortId, long userId, long actor) {
            if (cohortMembers.computeIfAbsent(cohortId, c -> new java.util.TreeSet<>()).add(userId)) {
                journal.add("cohort join " + cohortId + " " + userId);
                return true;
            }
            return false;
        }

        @Override
        public boolean removeMember(long cohortId, long userId, long actor) {
            Set<Long> m = cohortMembers.get(cohortId);
            if (m != null && m.remove(userId)) {
                journal.add("cohort leave " + cohortId + " " + userId);
                return true;
            }
            return false;
        }

        @Override
        public boolean isMember(long cohortId, long userId) {
            return cohortMembers.getOrDefault(cohortId, Set.of()).contains(userId);
        }

        @Override
        public List<Long> members(long cohortId) {
            return new ArrayList<>(cohortMembers.getOrDefault(cohortId, Set.of()));
        }
    };

    final Access access = new Access() {
        @Override
        public boolean hasCapability(long userId, String capability, Context context) {
            return admins.contains(userId) || granted.contains(capability + "@" + context.id());
        }

        @Override
        public void require(long userId, String capability, Context context) throws WsException {
            if (!hasCapability(userId, capability, context)) {
                throw WsException.noPermissions(capability);
            }
        }

        @Override
        public boolean isSiteAdmin(long userId) {
            return admins.contains(userId);
        }

        @Override
        public String title(String capability) {
            return capability;
        }
    };

    final SiteConfig siteConfig = new SiteConfig() {
        @Override
        public Optional<String> get(String name) {
            return Optional.ofNullable(config.get("core/" + name));
        }

        @Override
        public void set(String name, String value) {
            config.put("core/" + name, value);
        }

        @Override
        public Optional<String> get(String plugin, String name) {
            return Optional.ofNullable(config.get(plugin + "/" + name));
        }

        @Override
        public Map<String, String> plugin(String plugin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void set(String plugin, String name, String value) {
            config.put(plugin + "/" + name, value);
        }

        @Override
        public String wwwroot() {
            return "http://localhost";
        }
    };

    final Settings settings = new Settings(siteConfig);

    /** The domain the processors get (no store, users, courses or categories service: they use none). */
    Domain domain() {
        return new Domain(null, null, identifiers, null, null, enrolments, roleService, groups, cohorts, contexts, access,
                settings);
    }

    /** Sets a tool_sync setting as tool_sync_set_config does. */
    void setting(String service, String name, String value) throws WsException {
        settings.set(service, name, value);
    }
}
