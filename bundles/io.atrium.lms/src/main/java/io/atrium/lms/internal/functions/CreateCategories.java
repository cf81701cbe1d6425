package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Categories;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/** {@code core_course_create_categories}: all categories or none (one transaction). */
@Component
@WsFunctionName("core_course_create_categories")
public final class CreateCategories implements WsFunction {

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Create course categories")
            .type(FunctionType.WRITE)
            .capability("moodle/category:manage", "Manage course categories")
            .parameters(single(key("categories", multiple(single(
                    key("name", value(ParamType.TEXT, "new category name")),
                    key("parent", value(ParamType.INT, "the parent category id inside which the new category will be created - set to 0 for a root category").withDefault(0L)),
                    key("idnumber", value(ParamType.RAW, "the new category idnumber").optional()),
                    key("description", value(ParamType.RAW, "the new category description").optional()),
                    key("descriptionformat", value(ParamType.INT, "description" + CourseOutput.FORMAT_DESCRIPTION).withDefault(1L)),
                    key("theme", value(ParamType.PLUGIN, "the new category theme. This option must be enabled on moodle").optional()))))))
            .returns(multiple(single(
                    key("id", value(ParamType.INT, "new category id")),
                    key("name", value(ParamType.TEXT, "new category name")))))
            .build();

    private final Categories categories;
    private final Contexts contexts;
    private final Access access;

    @Activate
    public CreateCategories(@Reference Categories categories, @Reference Contexts contexts, @Reference Access access) {
        this.categories = categories;
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
        for (Params c : call.params().getParamsList("categories")) {
            long parent = c.getLong("parent");
            if (parent != 0) {
                // Moodle checks the capability where the category goes.
                access.require(caller, "moodle/category:manage", contexts.of(ContextLevel.COURSECAT, parent)
                        .orElseThrow(() -> WsException.invalidRecord("context",
                                "SELECT * FROM {context} WHERE instanceid = ? AND contextlevel = ?\n[array (\n  0 => "
                                        + parent + ",\n  1 => 40,\n)]")));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", c.getString("name"));
            fields.put("parent", parent);
            for (String f : List.of("idnumber", "description", "descriptionformat", "theme")) {
                if (c.has(f) && c.get(f) != null) {
                    fields.put(f, c.get(f));
                }
            }
            long id = categories.create(fields, caller);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("name", c.getString("name"));
            created.add(row);
        }
        return created;
    }
}
