package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Groups;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code core_group_create_groups}: creates groups, all or none, and returns them as given plus
 * their ids (the description as sent, not formatted).
 */
@Component
@WsFunctionName("core_group_create_groups")
public final class CreateGroups implements WsFunction {

    static final String VISIBILITY = "group visibility mode. 0 = Visible to all. 1 = Visible to members. "
            + "2 = See own membership. 3 = Membership is invisible.";

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Creates new groups.")
            .type(FunctionType.WRITE)
            .parameters(single(key("groups", multiple(single(
                    key("courseid", value(ParamType.INT, "id of course")),
                    key("name", value(ParamType.TEXT, "multilang compatible name, course unique")),
                    key("description", value(ParamType.RAW, "group description text")),
                    key("descriptionformat", value(ParamType.INT,
                            "description format (1 = HTML, 0 = MOODLE, 2 = PLAIN, or 4 = MARKDOWN)").withDefault(1L)),
                    key("enrolmentkey", value(ParamType.RAW, "group enrol secret phrase").optional()),
                    key("idnumber", value(ParamType.RAW, "id number").optional()),
                    key("visibility", value(ParamType.INT, VISIBILITY + " Default = 0.").withDefault(0L)),
                    key("participation", value(ParamType.BOOL,
                            "activity participation enabled? Only for \"all\" and \"members\" visibility. Default true.")
                            .withDefault(true)),
                    key("customfields", multiple(single(
                            key("shortname", value(ParamType.ALPHANUMEXT, "The shortname of the custom field")),
                            key("value", value(ParamType.RAW, "The value of the custom field"))),
                            "Custom fields for the group/grouping").optional())),
                    "List of group object. A group has a courseid, a name, a description and an enrolment key."))))
            .returns(multiple(single("group record",
                    key("id", value(ParamType.INT, "group record id")),
                    key("courseid", value(ParamType.INT, "id of course")),
                    key("name", value(ParamType.TEXT, "multilang compatible name, course unique")),
                    key("description", value(ParamType.RAW, "group description text")),
                    key("descriptionformat", value(ParamType.INT,
                            "description format (1 = HTML, 0 = MOODLE, 2 = PLAIN, or 4 = MARKDOWN)")),
                    key("enrolmentkey", value(ParamType.RAW, "group enrol secret phrase")),
                    key("idnumber", value(ParamType.RAW, "id number")),
                    key("visibility", value(ParamType.INT, VISIBILITY)),
                    key("participation", value(ParamType.BOOL, "participation mode")),
                    key("customfields", multiple(single(
                            key("name", value(ParamType.RAW, "The name of the custom field")),
                            key("shortname", value(ParamType.RAW,
                                    "The shortname of the custom field - to be able to build the field class in the code")),
                            key("type", value(ParamType.ALPHANUMEXT,
                                    "The type of the custom field - text field, checkbox...")),
                            key("valueraw", value(ParamType.RAW, "The raw value of the custom field")),
                            key("value", value(ParamType.RAW, "The value of the custom field"))),
                            "Custom fields").optional()))))
            .build();

    /** Moodle's text formats: MOODLE, HTML, PLAIN, MARKDOWN. */
    private static final Set<Long> FORMATS = Set.of(0L, 1L, 2L, 4L);

    private final Groups groups;
    private final Contexts contexts;
    private final Access access;

    @Activate
    public CreateGroups(@Reference Groups groups, @Reference Contexts contexts, @Reference Access access) {
        this.groups = groups;
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
        for (Params g : call.params().getParamsList("groups")) {
            long courseId = g.getLong("courseid");
            String name = g.getString("name") == null ? "" : g.getString("name");
            // Moodle checks the name before the course, with its own texts.
            if (name.trim().isEmpty()) {
                throw WsException.invalidParameter("Invalid group name");
            }
            if (groups.byName(courseId, name).isPresent()) {
                throw WsException.invalidParameter("Group with the same name already exists in the course");
            }
            Context context = CourseContexts.valid(contexts, courseId);
            access.require(caller, "moodle/course:managegroups", context);
            long format = g.getLong("descriptionformat") == null ? 1 : g.getLong("descriptionformat");
            if (!FORMATS.contains(format)) {
                throw WsException.invalidParameter("Invalid text format: " + format);
            }
            if (!g.getParamsList("customfields").isEmpty()) {
                throw WsException.invalidParameter("Custom group fields are not supported: "
                        + g.getParamsList("customfields").get(0).getString("shortname"));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", name);
            fields.put("description", g.getString("description") == null ? "" : g.getString("description"));
            fields.put("descriptionformat", format);
            if (g.has("enrolmentkey") && g.getString("enrolmentkey") != null) {
                fields.put("enrolmentkey", g.getString("enrolmentkey"));
            }
            if (g.has("idnumber") && g.getString("idnumber") != null) {
                fields.put("idnumber", g.getString("idnumber"));
            }
            long visibility = g.getLong("visibility") == null ? 0 : g.getLong("visibility");
            boolean participation = g.getBoolean("participation") == null || g.getBoolean("participation");
            fields.put("visibility", visibility);
            fields.put("participation", participation);
            long id = groups.create(courseId, fields, caller);

            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("courseid", courseId);
            row.put("name", name);
            row.put("description", fields.get("description"));
            row.put("descriptionformat", format);
            row.put("enrolmentkey", fields.getOrDefault("enrolmentkey", ""));
            row.put("idnumber", fields.getOrDefault("idnumber", ""));
            row.put("visibility", visibility);
            row.put("participation", participation);
            created.add(row);
        }
        return created;
    }
}
