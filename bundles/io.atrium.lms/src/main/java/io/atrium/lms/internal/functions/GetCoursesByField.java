package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static io.atrium.ws.api.Descriptors.warnings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.SiteConfig;
import io.atrium.store.api.Db;
import io.atrium.store.api.Store;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code core_course_get_courses_by_field}: courses by id, ids, shortname, idnumber, category
 * or section, or all of them. Those who can enter a course get its settings (managers also its
 * ID number, times and cache revision); others only its public information. Hidden courses
 * only for those who may see them.
 */
@Component
@WsFunctionName("core_course_get_courses_by_field")
public final class GetCoursesByField implements WsFunction {

    /** Filters enabled on a new Moodle 4.5 site, in their order, all inherited from the site. */
    private static final List<String> FILTERS = List.of("displayh5p", "activitynames", "mathjaxloader", "emoticon",
            "urltolink", "mediaplugin");

    /** Fields for whoever can enter the course. */
    private static final List<String> COURSE_FIELDS = List.of("format", "showgrades", "newsitems", "startdate",
            "enddate", "maxbytes", "showreports", "visible", "groupmode", "groupmodeforce", "defaultgroupingid",
            "enablecompletion", "completionnotify", "lang", "theme", "marker");

    /** Fields for those who may update the course. */
    private static final List<String> MANAGER_FIELDS = List.of("idnumber", "legacyfiles", "calendartype",
            "timecreated", "timemodified", "requested", "cacherev");

    private static final Set<String> TEXT_FIELDS = Set.of("format", "lang", "theme", "idnumber", "calendartype");

    static final SingleStructure COURSE = single(
            key("id", value(ParamType.INT, "course id")),
            key("fullname", value(ParamType.RAW, "course full name")),
            key("displayname", value(ParamType.RAW, "course display name")),
            key("shortname", value(ParamType.RAW, "course short name")),
            key("courseimage", value(ParamType.URL, "Course image").optional()),
            key("categoryid", value(ParamType.INT, "category id")),
            key("categoryname", value(ParamType.RAW, "category name")),
            key("sortorder", value(ParamType.INT, "Sort order in the category").optional()),
            key("summary", value(ParamType.RAW, "summary")),
            key("summaryformat", value(ParamType.INT, "summary" + CourseOutput.FORMAT_DESCRIPTION)),
            key("summaryfiles", CourseOutput.files("summary files in the summary field").optional()),
            key("overviewfiles", CourseOutput.files("additional overview files attached to this course")),
            key("showactivitydates", value(ParamType.BOOL, "Whether the activity dates are shown or not")),
            key("showcompletionconditions", value(ParamType.BOOL, "Whether the activity completion conditions are shown or not")),
            key("contacts", multiple(single(
                    key("id", value(ParamType.INT, "contact user id")),
                    key("fullname", value(ParamType.NOTAGS, "contact user fullname"))),
                    "contact users")),
            key("enrollmentmethods", multiple(value(ParamType.PLUGIN, "enrollment method"), "enrollment methods list")),
            key("customfields", multiple(single(
                    key("name", value(ParamType.RAW, "The name of the custom field")),
                    key("shortname", value(ParamType.RAW, "The shortname of the custom field - to be able to build the field class in the code")),
                    key("type", value(ParamType.ALPHANUMEXT, "The type of the custom field - text field, checkbox...")),
                    key("valueraw", value(ParamType.RAW, "The raw value of the custom field")),
                    key("value", value(ParamType.RAW, "The value of the custom field"))),
                    "Custom fields").optional()),
            key("idnumber", value(ParamType.RAW, "Id number").optional()),
            key("format", value(ParamType.PLUGIN, "Course format: weeks, topics, social, site,..").optional()),
            key("showgrades", value(ParamType.INT, "1 if grades are shown, otherwise 0").optional()),
            key("newsitems", value(ParamType.INT, "Number of recent items appearing on the course page").optional()),
            key("startdate", value(ParamType.INT, "Timestamp when the course start").optional()),
            key("enddate", value(ParamType.INT, "Timestamp when the course end").optional()),
            key("maxbytes", value(ParamType.INT, "Largest size of file that can be uploaded into").optional()),
            key("showreports", value(ParamType.INT, "Are activity report shown (yes = 1, no =0)").optional()),
            key("visible", value(ParamType.INT, "1: available to student, 0:not available").optional()),
            key("groupmode", value(ParamType.INT, "no group, separate, visible").optional()),
            key("groupmodeforce", value(ParamType.INT, "1: yes, 0: no").optional()),
            key("defaultgroupingid", value(ParamType.INT, "default grouping id").optional()),
            key("enablecompletion", value(ParamType.INT, "Completion enabled? 1: yes 0: no").optional()),
            key("completionnotify", value(ParamType.INT, "1: yes 0: no").optional()),
            key("lang", value(ParamType.SAFEDIR, "Forced course language").optional()),
            key("theme", value(ParamType.PLUGIN, "Fame of the forced theme").optional()),
            key("marker", value(ParamType.INT, "Current course marker").optional()),
            key("legacyfiles", value(ParamType.INT, "If legacy files are enabled").optional()),
            key("calendartype", value(ParamType.PLUGIN, "Calendar type").optional()),
            key("timecreated", value(ParamType.INT, "Time when the course was created").optional()),
            key("timemodified", value(ParamType.INT, "Last time  the course was updated").optional()),
            key("requested", value(ParamType.INT, "If is a requested course").optional()),
            key("cacherev", value(ParamType.INT, "Cache revision number").optional()),
            key("filters", multiple(single(
                    key("filter", value(ParamType.PLUGIN, "Filter plugin name")),
                    key("localstate", value(ParamType.INT, "Filter state: 1 for on, -1 for off, 0 if inherit")),
                    key("inheritedstate", value(ParamType.INT, "1 or 0 to use when localstate is set to inherit"))),
                    "Course filters").optional()),
            key("courseformatoptions", multiple(single(
                    key("name", value(ParamType.RAW, "Course format option name.")),
                    key("value", value(ParamType.RAW, "Course format option value."))),
                    "Additional options for particular course format.").optional()),
            key("communicationroomname", value(ParamType.TEXT, "Communication tool room name.").optional()),
            key("communicationroomurl", value(ParamType.RAW, "Communication tool room URL.").optional()));

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Get courses matching a specific field (id/s, shortname, idnumber, category)")
            .type(FunctionType.READ)
            .services("moodle_mobile_app")
            .parameters(single(
                    key("field", value(ParamType.ALPHA, "The field to search can be left empty for all courses or:\n"
                            + "    id: course id\n"
                            + "    ids: comma separated course ids\n"
                            + "    shortname: course short name\n"
                            + "    idnumber: course id number\n"
                            + "    category: category id the course belongs to\n"
                            + "    sectionid: section id that belongs to a course\n").withDefault("")),
                    key("value", value(ParamType.RAW, "The value to match").withDefault(""))))
            .returns(single(
                    key("courses", multiple(COURSE, "Course")),
                    key("warnings", warnings())))
            .build();

    private final Store store;
    private final Access access;
    private final Contexts contexts;
    private final SiteConfig config;

    @Activate
    public GetCoursesByField(@Reference Store store, @Reference Access access,
            @Reference Contexts contexts, @Reference SiteConfig config) {
        this.store = store;
        this.access = access;
        this.contexts = contexts;
        this.config = config;
    }

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    @Override
    public Object execute(WsCall call) throws WsException {
        String field = call.params().getString("field");
        String value = call.params().getString("value");
        String where;
        List<Object> args = new ArrayList<>();
        switch (field == null ? "" : field) {
        case "" -> where = "1 = 1";
        case "id", "category" -> {
            where = "c." + field + " = ?";
            args.add(integer(value));
        }
        case "ids" -> {
            Set<Long> ids = new LinkedHashSet<>();
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    ids.add(integer(id));
                }
            }
            if (ids.isEmpty()) {
                throw WsException.invalidParameter("Invalid value");
            }
            where = "c.id IN (" + Db.placeholders(ids.size()) + ")";
            args.addAll(ids);
        }
        case "shortname", "idnumber" -> {
            if (value.isEmpty()) {
                throw WsException.invalidParameter("Invalid value");
            }
            where = "c." + field + " = ?";
            args.add(value);
        }
        case "sectionid" -> {
            where = "c.id IN (SELECT s.course FROM mdl_course_sections s WHERE s.id = ?)";
            args.add(integer(value));
        }
        default -> throw WsException.invalidParameter("Invalid field name");
        }
        Db db = store.current();
        String wwwroot = config.wwwroot();
        String indentation = config.get("format_topics", "indentation").orElse("1");
        long caller = call.caller().userId();
        List<Map<String, Object>> rows = db.list("SELECT c.*, cc.name AS categoryname FROM mdl_course c "
                + "LEFT JOIN mdl_course_categories cc ON cc.id = c.category WHERE " + where + " ORDER BY c.id", rs -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    for (String f : List.of("id", "fullname", "shortname", "category", "categoryname", "sortorder",
                            "summary", "summaryformat", "showactivitydates", "showcompletionconditions")) {
                        c.put(f, rs.getObject(f));
                    }
                    for (String f : COURSE_FIELDS) {
                        c.put(f, TEXT_FIELDS.contains(f) ? rs.getString(f) : (Object) rs.getLong(f));
                    }
                    for (String f : MANAGER_FIELDS) {
                        c.put(f, TEXT_FIELDS.contains(f) ? rs.getString(f) : (Object) rs.getLong(f));
                    }
                    return c;
                }, args.toArray());
        List<Map<String, Object>> courses = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            long id = ((Number) row.get("id")).longValue();
            Context context = contexts.of(ContextLevel.COURSE, id).orElse(null);
            if (context == null) {
                continue;
            }
            boolean canUpdate = access.hasCapability(caller, "moodle/course:update", context);
            boolean seesHidden = access.hasCapability(caller, "moodle/course:viewhiddencourses", context);
            if (((Number) row.get("visible")).intValue() == 0 && !seesHidden && !canUpdate) {
                continue;
            }
            Map<String, Object> c = publicInformation(db, row, context, wwwroot);
            boolean canEnter = access.hasCapability(caller, "moodle/course:view", context)
                    || db.number("SELECT COUNT(*) FROM mdl_user_enrolments ue JOIN mdl_enrol e ON e.id = ue.enrolid "
                            + "WHERE e.courseid = ? AND ue.userid = ? AND ue.status = 0 AND e.status = 0", id, caller) > 0;
            if (canEnter) {
                List<String> fields = new ArrayList<>(COURSE_FIELDS);
                if (canUpdate) {
                    fields.addAll(MANAGER_FIELDS);
                }
                for (String f : fields) {
                    c.put(f, row.get(f));
                }
                List<Map<String, Object>> filters = new ArrayList<>();
                for (String f : FILTERS) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("filter", f);
                    m.put("localstate", 0);
                    m.put("inheritedstate", 1);
                    filters.add(m);
                }
                c.put("filters", filters);
                String format = String.valueOf(row.get("format"));
                Map<String, Object> options = CourseOutput.formatOptions(db, id, format);
                if (format.equals("topics") || format.equals("weeks")) {
                    // A site setting of the format that Moodle lists with the course's own options.
                    options.put("indentation", indentation);
                }
                c.put("courseformatoptions", CourseOutput.optionList(options));
            }
            courses.add(c);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("courses", courses);
        result.put("warnings", List.of());
        return result;
    }

    /** What anyone who may see the course learns about it (Moodle's get_course_public_information). */
    private static Map<String, Object> publicInformation(Db db, Map<String, Object> row, Context context,
            String wwwroot) {
        long id = ((Number) row.get("id")).longValue();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("fullname", row.get("fullname"));
        c.put("displayname", row.get("fullname"));
        c.put("shortname", row.get("shortname"));
        c.put("courseimage", wwwroot + "/pluginfile.php/" + context.id() + "/course/generated/course.svg");
        c.put("categoryid", ((Number) row.get("category")).longValue());
        c.put("categoryname", row.get("categoryname") == null ? "" : row.get("categoryname"));
        c.put("sortorder", ((Number) row.get("sortorder")).longValue());
        c.put("summary", CourseOutput.formatText((String) row.get("summary"), ((Number) row.get("summaryformat")).intValue()));
        c.put("summaryformat", 1);
        c.put("summaryfiles", List.of());
        c.put("overviewfiles", List.of());
        c.put("showactivitydates", ((Number) row.get("showactivitydates")).intValue() != 0);
        Object conditions = row.get("showcompletionconditions");
        c.put("showcompletionconditions", conditions == null ? null : ((Number) conditions).intValue() != 0);
        c.put("contacts", List.of());
        c.put("enrollmentmethods", db.list("SELECT enrol FROM mdl_enrol WHERE courseid = ? AND status = 0 "
                + "GROUP BY enrol ORDER BY MIN(sortorder), MIN(id)", rs -> rs.getString(1), id));
        return c;
    }

    private static long integer(String value) throws WsException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw WsException.invalidParameter("Invalid value");
        }
    }
}
