package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Enrolments;
import io.atrium.lms.api.Group;
import io.atrium.lms.api.Groups;
import io.atrium.lms.api.RoleAssignment;
import io.atrium.lms.api.Roles;
import io.atrium.lms.api.SiteConfig;
import io.atrium.store.api.Db;
import io.atrium.store.api.Store;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code core_enrol_get_enrolled_users}: the participants of a course as Moodle's
 * {@code user_get_user_details} describes them, with their roles and groups in the course and the
 * courses they are enrolled in, filtered and ordered by the options.
 */
@Component
@WsFunctionName("core_enrol_get_enrolled_users")
public final class GetEnrolledUsers implements WsFunction {

    /** Moodle's description of the options, with the line breaks and indentation of its source. */
    static final String OPTIONS = "Option names:\n"
            + "                            * withcapability (string) return only users with this capability. This option requires 'moodle/role:review' on the course context.\n"
            + "                            * groupid (integer) return only users in this group id. If the course has groups enabled and this param\n"
            + "                                                isn't defined, returns all the viewable users.\n"
            + "                                                This option requires 'moodle/site:accessallgroups' on the course context if the\n"
            + "                                                user doesn't belong to the group.\n"
            + "                            * onlyactive (integer) return only users with active enrolments and matching time restrictions.\n"
            + "                                                This option requires 'moodle/course:enrolreview' on the course context.\n"
            + "                                                Please note that this option can't\n"
            + "                                                be used together with onlysuspended (only one can be active).\n"
            + "                            * onlysuspended (integer) return only suspended users. This option requires\n"
            + "                                            'moodle/course:enrolreview' on the course context. Please note that this option can't\n"
            + "                                                be used together with onlyactive (only one can be active).\n"
            + "                            * userfields ('string, string, ...') return only the values of these user fields.\n"
            + "                            * limitfrom (integer) sql limit from.\n"
            + "                            * limitnumber (integer) maximum number of returned users.\n"
            + "                            * sortby (string) sort by id, firstname or lastname. For ordering like the site does, use siteorder.\n"
            + "                            * sortdirection (string) ASC or DESC";

    private static final String FORMAT = "description format (1 = HTML, 0 = MOODLE, 2 = PLAIN, or 4 = MARKDOWN)";

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Get enrolled users by course id.")
            .type(FunctionType.READ)
            .services("moodle_mobile_app")
            .parameters(single(
                    key("courseid", value(ParamType.INT, "course id")),
                    key("options", multiple(single(
                            key("name", value(ParamType.ALPHANUMEXT, "option name")),
                            key("value", value(ParamType.RAW, "option value"))), OPTIONS).withDefault(List.of()))))
            .returns(multiple(single(
                    key("id", value(ParamType.INT, "ID of the user")),
                    key("username", value(ParamType.RAW, "Username policy is defined in Moodle security config").optional()),
                    key("firstname", value(ParamType.NOTAGS, "The first name(s) of the user").optional()),
                    key("lastname", value(ParamType.NOTAGS, "The family name of the user").optional()),
                    key("fullname", value(ParamType.NOTAGS, "The fullname of the user")),
                    key("email", value(ParamType.TEXT, "An email address - allow email as root@localhost").optional()),
                    key("address", value(ParamType.TEXT, "Postal address").optional()),
                    key("phone1", value(ParamType.NOTAGS, "Phone 1").optional()),
                    key("phone2", value(ParamType.NOTAGS, "Phone 2").optional()),
                    key("department", value(ParamType.TEXT, "department").optional()),
                    key("institution", value(ParamType.TEXT, "institution").optional()),
                    key("idnumber", value(ParamType.RAW, "An arbitrary ID code number perhaps from the institution").optional()),
                    key("interests", value(ParamType.TEXT, "user interests (separated by commas)").optional()),
                    key("firstaccess", value(ParamType.INT, "first access to the site (0 if never)").optional()),
                    key("lastaccess", value(ParamType.INT, "last access to the site (0 if never)").optional()),
                    key("lastcourseaccess", value(ParamType.INT, "last access to the course (0 if never)").optional()),
                    key("description", value(ParamType.RAW, "User profile description").optional()),
                    key("descriptionformat", value(ParamType.INT, FORMAT).optional()),
                    key("city", value(ParamType.NOTAGS, "Home city of the user").optional()),
                    key("country", value(ParamType.ALPHA, "Home country code of the user, such as AU or CZ").optional()),
                    key("profileimageurlsmall", value(ParamType.URL, "User image profile URL - small version").optional()),
                    key("profileimageurl", value(ParamType.URL, "User image profile URL - big version").optional()),
                    key("customfields", multiple(single(
                            key("type", value(ParamType.ALPHANUMEXT, "The type of the custom field - text field, checkbox...")),
                            key("value", value(ParamType.RAW, "The value of the custom field")),
                            key("name", value(ParamType.RAW, "The name of the custom field")),
                            key("shortname", value(ParamType.RAW,
                                    "The shortname of the custom field - to be able to build the field class in the code"))),
                            "User custom fields (also known as user profil fields)").optional()),
                    key("groups", multiple(single(
                            key("id", value(ParamType.INT, "group id")),
                            key("name", value(ParamType.RAW, "group name")),
                            key("description", value(ParamType.RAW, "group description")),
                            key("descriptionformat", value(ParamType.INT, FORMAT))), "user groups").optional()),
                    key("roles", multiple(single(
                            key("roleid", value(ParamType.INT, "role id")),
                            key("name", value(ParamType.RAW, "role name")),
                            key("shortname", value(ParamType.ALPHANUMEXT, "role shortname")),
                            key("sortorder", value(ParamType.INT, "role sortorder"))), "user roles").optional()),
                    key("preferences", multiple(single(
                            key("name", value(ParamType.RAW, "The name of the preferences")),
                            key("value", value(ParamType.RAW, "The value of the custom field"))),
                            "User preferences").optional()),
                    key("enrolledcourses", multiple(single(
                            key("id", value(ParamType.INT, "Id of the course")),
                            key("fullname", value(ParamType.RAW, "Fullname of the course")),
                            key("shortname", value(ParamType.RAW, "Shortname of the course"))),
                            "Courses where the user is enrolled - limited by which courses the user is able to see")
                            .optional()))))
            .build();

    private static final List<String> SORTS = List.of("id", "firstname", "lastname", "siteorder");
    private static final int SEPARATEGROUPS = 2;

    private final Store store;
    private final Access access;
    private final Contexts contexts;
    private final SiteConfig config;
    private final Enrolments enrolments;
    private final Roles roles;
    private final Groups groups;

    @Activate
    public GetEnrolledUsers(@Reference Store store, @Reference Access access,
            @Reference Contexts contexts, @Reference SiteConfig config, @Reference Enrolments enrolments,
            @Reference Roles roles, @Reference Groups groups) {
        this.store = store;
        this.access = access;
        this.contexts = contexts;
        this.config = config;
        this.enrolments = enrolments;
        this.roles = roles;
        this.groups = groups;
    }

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    /** The options as Moodle reads them: unknown names are ignored, the last of a name counts. */
    record Options(String withCapability, long groupId, boolean onlyActive, boolean onlySuspended,
            Set<String> userFields, int limitFrom, int limitNumber, String sortBy, boolean descending) {

        static Options of(List<Params> given) throws WsException {
            String withCapability = "";
            long groupId = 0;
            boolean onlyActive = false;
            boolean onlySuspended = false;
            Set<String> userFields = new LinkedHashSet<>();
            int limitFrom = 0;
            int limitNumber = 0;
            String sortBy = "id";
            boolean descending = false;
            for (Params o : given) {
                String value = o.getString("value") == null ? "" : o.getString("value");
                switch (o.getString("name")) {
                case "withcapability" -> withCapability = value;
                case "groupid" -> groupId = phpInt(value);
                case "onlyactive" -> onlyActive = !value.isEmpty() && !value.equals("0");
                case "onlysuspended" -> onlySuspended = !value.isEmpty() && !value.equals("0");
                case "userfields" -> {
                    for (String f : value.split(",", -1)) {
                        userFields.add(f.replaceAll("[^A-Za-z0-9_-]", ""));
                    }
                }
                case "limitfrom" -> limitFrom = (int) phpInt(value);
                case "limitnumber" -> limitNumber = (int) phpInt(value);
                case "sortby" -> {
                    if (!SORTS.contains(value)) {
                        throw WsException.invalidParameter("Invalid value for sortby parameter (value: " + value
                                + "),allowed values are: " + String.join(",", SORTS));
                    }
                    sortBy = value;
                }
                case "sortdirection" -> {
                    String dir = value.toUpperCase(Locale.ROOT);
                    if (!dir.equals("ASC") && !dir.equals("DESC")) {
                        throw WsException.invalidParameter("Invalid value for sortdirection parameter\n"
                                + "                        (value: " + dir + "),allowed values are: ASC,DESC");
                    }
                    descending = dir.equals("DESC");
                }
                default -> {
                    // Moodle ignores options it does not know.
                }
                }
            }
            return new Options(withCapability, groupId, onlyActive, onlySuspended, userFields, limitFrom,
                    limitNumber, sortBy, descending);
        }
    }

    /** PHP's integer cast of a string: the leading integer, 0 when there is none. */
    static long phpInt(String s) {
        String t = s.strip();
        int end = 0;
        if (end < t.length() && (t.charAt(end) == '-' || t.charAt(end) == '+')) {
            end++;
        }
        int digits = end;
        while (end < t.length() && Character.isDigit(t.charAt(end)) && end - digits < 18) {
            end++;
        }
        return end == digits ? 0 : Long.parseLong(t.substring(0, end).replace("+", ""));
    }

    @Override
    public Object execute(WsCall call) throws WsException {
        long courseId = call.params().getLong("courseid");
        Options options = Options.of(call.params().getParamsList("options"));
        long caller = call.caller().userId();
        Db db = store.current();
        record Course(String fullname, String shortname, int groupmode) {
        }
        Course course = db.first("SELECT fullname, shortname, groupmode FROM mdl_course WHERE id = ?",
                rs -> new Course(rs.getString(1), rs.getString(2), rs.getInt(3)), courseId)
                .orElseThrow(() -> WsException.invalidRecord("course", null));
        Optional<Context> courseContext = contexts.of(ContextLevel.COURSE, courseId);
        // The site course's participants are the site's: Moodle checks them in the system context.
        Context context = courseId == 1 ? contexts.system() : courseContext
                .orElseThrow(() -> CourseContexts.notValid(courseId, WsException.invalidParameter("Context does not exist")));
        Context coursectx = courseContext.orElse(context);

        String view = context.level() == ContextLevel.SYSTEM ? "moodle/site:viewparticipants"
                : "moodle/course:viewparticipants";
        if (!access.hasCapability(caller, view, context)
                && !access.hasCapability(caller, "moodle/course:enrolreview", context)) {
            throw WsException.noPermissions(access.title(view));
        }
        if (!options.withCapability().isEmpty()) {
            access.require(caller, "moodle/role:review", coursectx);
        }
        if (options.groupId() != 0 && !groups.isMember(options.groupId(), caller)) {
            access.require(caller, "moodle/site:accessallgroups", coursectx);
        }
        if (options.onlyActive() || options.onlySuspended()) {
            access.require(caller, "moodle/course:enrolreview", coursectx);
        }
        if (options.onlyActive() && options.onlySuspended()) {
            throw WsException.codingError("Both onlyactive and onlysuspended are set, this is probably not what you want!",
                    null);
        }
        // In separate groups mode, people who cannot see all groups see their groups' members only.
        Set<Long> visibleMembers = null;
        if (options.groupId() == 0 && course.groupmode() == SEPARATEGROUPS
                && !access.hasCapability(caller, "moodle/site:accessallgroups", coursectx)) {
            List<Group> mine = groups.ofUser(courseId, caller);
            if (mine.isEmpty()) {
                return List.of();
            }
            visibleMembers = new HashSet<>();
            for (Group g : mine) {
                visibleMembers.addAll(enrolments.enrolledUsers(courseId, Enrolments.Query.all().inGroup(g.id())));
            }
        }
        boolean filtered = visibleMembers != null || !options.withCapability().isEmpty();
        Enrolments.Query query = Enrolments.Query.all().active(options.onlyActive())
                .suspended(options.onlySuspended()).inGroup(options.groupId())
                .sorted(options.sortBy(), options.descending());
        if (!filtered) {
            query = query.limit(options.limitFrom(), options.limitNumber());
        }
        List<Long> ids = new ArrayList<>();
        for (long id : enrolments.enrolledUsers(courseId, query)) {
            if (visibleMembers != null && !visibleMembers.contains(id)) {
                continue;
            }
            if (!options.withCapability().isEmpty() && !access.hasCapability(id, options.withCapability(), coursectx)) {
                continue;
            }
            ids.add(id);
        }
        if (filtered) {
            int from = Math.min(Math.max(options.limitFrom(), 0), ids.size());
            int to = options.limitNumber() > 0 ? Math.min(ids.size(), from + options.limitNumber()) : ids.size();
            ids = ids.subList(from, to);
        }

        String wwwroot = config.wwwroot();
        String themerev = config.get("themerev").orElse("1");
        boolean admin = access.isSiteAdmin(caller);
        boolean viewDetails = admin || access.hasCapability(caller, "moodle/user:viewdetails", coursectx);
        boolean viewHidden = admin || access.hasCapability(caller, "moodle/user:viewhiddendetails", coursectx);
        List<Map<String, Object>> users = new ArrayList<>();
        for (long id : ids) {
            boolean self = id == caller;
            if (!viewDetails && !self) {
                continue; // Moodle's user_get_user_details gives nothing for such a user
            }
            boolean full = viewHidden || self;
            Map<String, Object> u = db.first("SELECT " + UserDescription.COLUMNS + " FROM mdl_user WHERE id = ?",
                    rs -> UserDescription.of(rs, wwwroot, themerev, full), id).orElse(null);
            if (u == null) {
                continue;
            }
            if (full) {
                u.put("lastcourseaccess", 0L); // course access is not tracked yet: never, as Moodle says it
            }
            List<Map<String, Object>> inGroups = new ArrayList<>();
            for (Group g : groups.ofUser(courseId, id)) {
                Map<String, Object> gm = new LinkedHashMap<>();
                gm.put("id", g.id());
                gm.put("name", g.name());
                gm.put("description", FormattedText.bareAmpersands(g.description()));
                gm.put("descriptionformat", 1); // formatted text is HTML
                inGroups.add(gm);
            }
            u.put("groups", inGroups);
            List<Map<String, Object>> held = new ArrayList<>();
            if (courseContext.isPresent()) {
                for (RoleAssignment ra : roles.assignments(id, courseContext.get())) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("roleid", ra.roleId());
                    r.put("name", ra.roleName());
                    r.put("shortname", ra.roleShortname());
                    r.put("sortorder", ra.sortorder());
                    held.add(r);
                }
            }
            u.put("roles", held);
            if (self) {
                List<Map<String, Object>> prefs = db.list("SELECT name, value FROM mdl_user_preferences "
                        + "WHERE userid = ? ORDER BY name", rs -> {
                            Map<String, Object> p = new LinkedHashMap<>();
                            p.put("name", rs.getString(1));
                            p.put("value", rs.getString(2));
                            return p;
                        }, id);
                if (!prefs.isEmpty()) {
                    u.put("preferences", prefs);
                }
            }
            List<Map<String, Object>> courses = new ArrayList<>();
            for (long c : enrolments.courses(id, true)) {
                // Courses outside any category (the site course) are not listed, as in Moodle.
                db.first("SELECT id, fullname, shortname FROM mdl_course WHERE id = ? AND category <> 0", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("fullname", FormattedText.bareAmpersands(rs.getString(2)));
                    m.put("shortname", FormattedText.bareAmpersands(rs.getString(3)));
                    return m;
                }, c).ifPresent(courses::add);
            }
            if (!courses.isEmpty()) {
                u.put("enrolledcourses", courses);
            }
            if (!options.userFields().isEmpty()) {
                // Moodle's user_get_user_details always gives the id and the full name.
                u.keySet().removeIf(k -> !k.equals("id") && !k.equals("fullname") && !options.userFields().contains(k));
            }
            users.add(u);
        }
        return users;
    }
}
