package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

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
import io.atrium.lms.api.Course;
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
 * {@code core_course_get_courses}: the courses asked for, or all of them with the site course.
 * As in Moodle, the caller needs moodle/course:view in each course but the site course; the
 * settings only for those with moodle/course:update; hidden courses only for those who may see them.
 */
@Component
@WsFunctionName("core_course_get_courses")
public final class GetCourses implements WsFunction {

    /** Keys shown only to those who may update the course. */
    private static final Set<String> ADMIN_KEYS = Set.of("categorysortorder", "idnumber", "showgrades", "newsitems",
            "maxbytes", "showreports", "visible", "hiddensections", "groupmode", "groupmodeforce",
            "defaultgroupingid", "timecreated", "timemodified", "enablecompletion", "completionnotify", "lang",
            "forcetheme", "courseformatoptions");

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Return course details")
            .type(FunctionType.READ)
            .services("moodle_mobile_app")
            .parameters(single(key("options", single("options - operator OR is used",
                    key("ids", multiple(value(ParamType.INT, "Course id"),
                            "List of course id. If empty return all courses except front page course.").optional()))
                    .withDefault(Map.of()))))
            .returns(multiple(single("course",
                    key("id", value(ParamType.INT, "course id")),
                    key("shortname", value(ParamType.RAW, "course short name")),
                    key("categoryid", value(ParamType.INT, "category id")),
                    key("categorysortorder", value(ParamType.INT, "sort order into the category").optional()),
                    key("fullname", value(ParamType.RAW, "full name")),
                    key("displayname", value(ParamType.RAW, "course display name")),
                    key("idnumber", value(ParamType.RAW, "id number").optional()),
                    key("summary", value(ParamType.RAW, "summary")),
                    key("summaryformat", value(ParamType.INT, "summary" + CourseOutput.FORMAT_DESCRIPTION)),
                    key("format", value(ParamType.PLUGIN, "course format: weeks, topics, social, site,..")),
                    key("showgrades", value(ParamType.INT, "1 if grades are shown, otherwise 0").optional()),
                    key("newsitems", value(ParamType.INT, "number of recent items appearing on the course page").optional()),
                    key("startdate", value(ParamType.INT, "timestamp when the course start")),
                    key("enddate", value(ParamType.INT, "timestamp when the course end")),
                    key("numsections", value(ParamType.INT, "(deprecated, use courseformatoptions) number of weeks/topics").optional()),
                    key("maxbytes", value(ParamType.INT, "largest size of file that can be uploaded into the course").optional()),
                    key("showreports", value(ParamType.INT, "are activity report shown (yes = 1, no =0)").optional()),
                    key("visible", value(ParamType.INT, "1: available to student, 0:not available").optional()),
                    key("hiddensections", value(ParamType.INT, "(deprecated, use courseformatoptions) How the hidden sections in the course are displayed to students").optional()),
                    key("groupmode", value(ParamType.INT, "no group, separate, visible").optional()),
                    key("groupmodeforce", value(ParamType.INT, "1: yes, 0: no").optional()),
                    key("defaultgroupingid", value(ParamType.INT, "default grouping id").optional()),
                    key("timecreated", value(ParamType.INT, "timestamp when the course have been created").optional()),
                    key("timemodified", value(ParamType.INT, "timestamp when the course have been modified").optional()),
                    key("enablecompletion", value(ParamType.INT, "Enabled, control via completion and activity settings. Disbaled, not shown in activity settings.").optional()),
                    key("completionnotify", value(ParamType.INT, "1: yes 0: no").optional()),
                    key("lang", value(ParamType.SAFEDIR, "forced course language").optional()),
                    key("forcetheme", value(ParamType.PLUGIN, "name of the force theme").optional()),
                    key("courseformatoptions", multiple(single(
                            key("name", value(ParamType.ALPHANUMEXT, "course format option name")),
                            key("value", value(ParamType.RAW, "course format option value"))),
                            "additional options for particular course format").optional()),
                    key("showactivitydates", value(ParamType.BOOL, "Whether the activity dates are shown or not")),
                    key("showcompletionconditions", value(ParamType.BOOL, "Whether the activity completion conditions are shown or not")),
                    key("customfields", multiple(single(
                            key("name", value(ParamType.RAW, "The name of the custom field")),
                            key("shortname", value(ParamType.ALPHANUMEXT, "The shortname of the custom field")),
                            key("type", value(ParamType.COMPONENT, "The type of the custom field - text, checkbox...")),
                            key("valueraw", value(ParamType.RAW, "The raw value of the custom field")),
                            key("value", value(ParamType.RAW, "The value of the custom field"))),
                            "Custom fields and associated values").optional()))))
            .build();

    private final Store store;
    private final Access access;
    private final Contexts contexts;

    @Activate
    public GetCourses(@Reference Store store, @Reference Access access, @Reference Contexts contexts) {
        this.store = store;
        this.access = access;
        this.contexts = contexts;
    }

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    @Override
    public Object execute(WsCall call) throws WsException {
        Params options = call.params().getParams("options");
        List<Long> ids = options == null || !options.has("ids") ? List.of() : options.getLongList("ids");
        Db db = store.current();
        String sql = "SELECT * FROM mdl_course";
        Object[] args = new Object[0];
        if (!ids.isEmpty()) {
            Set<Long> unique = new LinkedHashSet<>(ids);
            sql += " WHERE id IN (" + Db.placeholders(unique.size()) + ")";
            args = unique.toArray();
        }
        List<Map<String, Object>> rows = db.list(sql + " ORDER BY id", rs -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", rs.getLong("id"));
            c.put("shortname", rs.getString("shortname"));
            c.put("categoryid", rs.getLong("category"));
            c.put("categorysortorder", rs.getLong("sortorder"));
            c.put("fullname", rs.getString("fullname"));
            c.put("displayname", rs.getString("fullname"));
            c.put("idnumber", rs.getString("idnumber"));
            c.put("summary", CourseOutput.formatText(rs.getString("summary"), rs.getInt("summaryformat")));
            c.put("summaryformat", 1);
            c.put("format", rs.getString("format"));
            c.put("showgrades", rs.getInt("showgrades"));
            c.put("newsitems", rs.getInt("newsitems"));
            c.put("startdate", rs.getLong("startdate"));
            c.put("enddate", rs.getLong("enddate"));
            c.put("numsections", null); // below, from the sections
            c.put("maxbytes", rs.getLong("maxbytes"));
            c.put("showreports", rs.getInt("showreports"));
            c.put("visible", rs.getInt("visible"));
            c.put("hiddensections", null); // below, from the format options
            c.put("groupmode", rs.getInt("groupmode"));
            c.put("groupmodeforce", rs.getInt("groupmodeforce"));
            c.put("defaultgroupingid", rs.getLong("defaultgroupingid"));
            c.put("timecreated", rs.getLong("timecreated"));
            c.put("timemodified", rs.getLong("timemodified"));
            c.put("enablecompletion", rs.getInt("enablecompletion"));
            c.put("completionnotify", rs.getInt("completionnotify"));
            c.put("lang", rs.getString("lang"));
            c.put("forcetheme", rs.getString("theme"));
            c.put("courseformatoptions", null);
            c.put("showactivitydates", rs.getInt("showactivitydates") != 0);
            int conditions = rs.getInt("showcompletionconditions");
            c.put("showcompletionconditions", rs.wasNull() ? null : conditions != 0);
            return c;
        }, args);
        long caller = call.caller().userId();
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> c : rows) {
            long id = (Long) c.get("id");
            Context context = contexts.of(ContextLevel.COURSE, id).orElseThrow(() -> WsException.of(
                    "errorcoursecontextnotvalid", "You cannot execute functions in the course context (course id:" + id
                            + "). The context error message was: Invalid parameter value detected"));
            if (id != Course.SITE_ID) {
                access.require(caller, "moodle/course:view", context);
            }
            String format = (String) c.get("format");
            Map<String, Object> formatOptions = CourseOutput.formatOptions(db, id, format);
            c.put("numsections", db.number("SELECT MAX(section) FROM mdl_course_sections WHERE course = ?", id));
            if (formatOptions.containsKey("hiddensections")) {
                c.put("hiddensections", formatOptions.get("hiddensections"));
            } else {
                c.remove("hiddensections");
            }
            c.put("courseformatoptions", CourseOutput.optionList(formatOptions));
            boolean courseAdmin = access.hasCapability(caller, "moodle/course:update", context);
            if (!courseAdmin) {
                c.keySet().removeAll(ADMIN_KEYS);
            }
            boolean visible = courseAdmin || Integer.valueOf(1).equals(c.get("visible"))
                    || access.hasCapability(caller, "moodle/course:viewhiddencourses", context);
            if (visible) {
                result.add(c);
            }
        }
        return result;
    }
}
