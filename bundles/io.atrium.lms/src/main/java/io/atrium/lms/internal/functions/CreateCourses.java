package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Courses;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/** {@code core_course_create_courses}: all courses or none (one transaction). */
@Component
@WsFunctionName("core_course_create_courses")
public final class CreateCourses implements WsFunction {

    /** Parameters stored as the course column of the same name, in Moodle's order. */
    private static final List<String> COLUMNS = List.of("fullname", "shortname", "idnumber", "summary",
            "summaryformat", "format", "showgrades", "newsitems", "startdate", "enddate", "numsections", "maxbytes",
            "showreports", "visible", "hiddensections", "groupmode", "groupmodeforce", "defaultgroupingid",
            "enablecompletion", "completionnotify", "lang");

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Create new courses")
            .type(FunctionType.WRITE)
            .parameters(single(key("courses", multiple(single(
                    key("fullname", value(ParamType.TEXT, "full name")),
                    key("shortname", value(ParamType.TEXT, "course short name")),
                    key("categoryid", value(ParamType.INT, "category id")),
                    key("idnumber", value(ParamType.RAW, "id number").optional()),
                    key("summary", value(ParamType.RAW, "summary").optional()),
                    key("summaryformat", value(ParamType.INT, "summary" + CourseOutput.FORMAT_DESCRIPTION).withDefault(1L)),
                    key("format", value(ParamType.PLUGIN, "course format: weeks, topics, social, site,..").withDefault("topics")),
                    key("showgrades", value(ParamType.INT, "1 if grades are shown, otherwise 0").withDefault(1L)),
                    key("newsitems", value(ParamType.INT, "number of recent items appearing on the course page").withDefault(5L)),
                    key("startdate", value(ParamType.INT, "timestamp when the course start").optional()),
                    key("enddate", value(ParamType.INT, "timestamp when the course end").optional()),
                    key("numsections", value(ParamType.INT, "(deprecated, use courseformatoptions) number of weeks/topics").optional()),
                    key("maxbytes", value(ParamType.INT, "largest size of file that can be uploaded into the course").withDefault(0L)),
                    key("showreports", value(ParamType.INT, "are activity report shown (yes = 1, no =0)").withDefault(0L)),
                    key("visible", value(ParamType.INT, "1: available to student, 0:not available").optional()),
                    key("hiddensections", value(ParamType.INT, "(deprecated, use courseformatoptions) How the hidden sections in the course are displayed to students").optional()),
                    key("groupmode", value(ParamType.INT, "no group, separate, visible").withDefault(0L)),
                    key("groupmodeforce", value(ParamType.INT, "1: yes, 0: no").withDefault(0L)),
                    key("defaultgroupingid", value(ParamType.INT, "default grouping id").withDefault(0L)),
                    key("enablecompletion", value(ParamType.INT, "Enabled, control via completion and activity settings. Disabled, not shown in activity settings.").optional()),
                    key("completionnotify", value(ParamType.INT, "1: yes 0: no").optional()),
                    key("lang", value(ParamType.SAFEDIR, "forced course language").optional()),
                    key("forcetheme", value(ParamType.PLUGIN, "name of the force theme").optional()),
                    key("courseformatoptions", multiple(single(
                            key("name", value(ParamType.ALPHANUMEXT, "course format option name")),
                            key("value", value(ParamType.RAW, "course format option value"))),
                            "additional options for particular course format").optional()),
                    key("customfields", multiple(single(
                            key("shortname", value(ParamType.ALPHANUMEXT, "The shortname of the custom field")),
                            key("value", value(ParamType.RAW, "The value of the custom field"))),
                            "custom fields for the course").optional())),
                    "courses to create"))))
            .returns(multiple(single(
                    key("id", value(ParamType.INT, "course id")),
                    key("shortname", value(ParamType.RAW, "short name")))))
            .build();

    private final Courses courses;
    private final Contexts contexts;
    private final Access access;

    @Activate
    public CreateCourses(@Reference Courses courses, @Reference Contexts contexts, @Reference Access access) {
        this.courses = courses;
        this.contexts = contexts;
        this.access = access;
    }

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    @Override
    public Object execute(WsCall call) throws WsException {
        long caller = call.caller().userId();
        List<Map<String, Object>> created = new ArrayList<>();
        for (Params course : call.params().getParamsList("courses")) {
            long categoryId = course.getLong("categoryid");
            Optional<Context> context = contexts.of(ContextLevel.COURSECAT, categoryId);
            if (context.isEmpty()) {
                // Moodle's validate_context() on a category that does not exist.
                throw WsException.of("errorcatcontextnotvalid", "You cannot execute functions in the category context "
                        + "(category id:" + categoryId + "). The context error message was: Invalid parameter value detected");
            }
            access.require(caller, "moodle/course:create", context.get());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("category", categoryId);
            for (String f : COLUMNS) {
                if (course.has(f) && course.get(f) != null) {
                    fields.put(f, course.get(f));
                }
            }
            if (course.has("forcetheme") && course.get("forcetheme") != null) {
                fields.put("theme", course.get("forcetheme"));
            }
            if (course.has("customfields") && !course.getParamsList("customfields").isEmpty()) {
                throw WsException.invalidParameter("Custom course fields are not supported: "
                        + course.getParamsList("customfields").get(0).getString("shortname"));
            }
            if (course.has("courseformatoptions")) {
                Map<String, Object> options = new LinkedHashMap<>();
                for (Params o : course.getParamsList("courseformatoptions")) {
                    // numsections is not kept as an option: it says how many sections to create.
                    if (o.getString("name").equals("numsections")) {
                        fields.put("numsections", parseLong(o.getString("value")));
                    } else {
                        options.put(o.getString("name"), o.getString("value"));
                    }
                }
                fields.put("formatoptions", options);
            }
            long id = courses.create(fields, caller);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("shortname", course.getString("shortname"));
            created.add(row);
        }
        return created;
    }

    private static long parseLong(String v) throws WsException {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw WsException.invalidParameter("numsections must be a number: " + v);
        }
    }
}
