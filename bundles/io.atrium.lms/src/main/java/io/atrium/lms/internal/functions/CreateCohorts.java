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
import io.atrium.lms.api.Cohort;
import io.atrium.lms.api.Cohorts;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.SiteConfig;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code core_cohort_create_cohorts}: all cohorts or none (one transaction), each in the system
 * context or a category's, which needs moodle/cohort:manage there.
 */
@Component
@WsFunctionName("core_cohort_create_cohorts")
public final class CreateCohorts implements WsFunction {

    static final String FORMAT_DESCRIPTION = "description format (1 = HTML, 0 = MOODLE, 2 = PLAIN, or 4 = MARKDOWN)";

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Creates new cohorts.")
            .type(FunctionType.WRITE)
            .parameters(single(key("cohorts", multiple(single(
                    key("categorytype", single(
                            key("type", value(ParamType.TEXT, "the name of the field: id (numeric value\n"
                                    + "                                    of course category id) or idnumber (alphanumeric value of idnumber course category)\n"
                                    + "                                    or system (value ignored)")),
                            key("value", value(ParamType.RAW, "the value of the categorytype")))),
                    key("name", value(ParamType.RAW, "cohort name")),
                    key("idnumber", value(ParamType.RAW, "cohort idnumber")),
                    key("description", value(ParamType.RAW, "cohort description").optional()),
                    key("descriptionformat", value(ParamType.INT, FORMAT_DESCRIPTION).withDefault(1L)),
                    key("visible", value(ParamType.BOOL, "cohort visible").optional()),
                    key("theme", value(ParamType.PLUGIN,
                            "the cohort theme. The allowcohortthemes setting must be enabled on Moodle").optional()),
                    key("customfields", multiple(single(
                            key("shortname", value(ParamType.ALPHANUMEXT, "The shortname of the custom field")),
                            key("value", value(ParamType.RAW, "The value of the custom field"))),
                            "Custom fields for the cohort").optional()))))))
            .returns(multiple(single(
                    key("id", value(ParamType.INT, "cohort id")),
                    key("name", value(ParamType.RAW, "cohort name")),
                    key("idnumber", value(ParamType.RAW, "cohort idnumber")),
                    key("description", value(ParamType.RAW, "cohort description")),
                    key("descriptionformat", value(ParamType.INT, FORMAT_DESCRIPTION)),
                    key("visible", value(ParamType.BOOL, "cohort visible")),
                    key("theme", value(ParamType.PLUGIN, "cohort theme").optional()))))
            .build();

    private final Cohorts cohorts;
    private final Access access;
    private final SiteConfig config;

    @Activate
    public CreateCohorts(@Reference Cohorts cohorts, @Reference Access access, @Reference SiteConfig config) {
        this.cohorts = cohorts;
        this.access = access;
        this.config = config;
    }

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    @Override
    public Object execute(WsCall call) throws WsException {
        long caller = call.caller().userId();
        // Themes per cohort only count when the site allows them, as in Moodle; else they are dropped.
        boolean themes = config.get("allowcohortthemes").map(v -> v.trim().equals("1")).orElse(false);
        List<Map<String, Object>> created = new ArrayList<>();
        for (Params c : call.params().getParamsList("cohorts")) {
            Params type = c.getParams("categorytype");
            Context context = cohorts.placement(type.getString("type"), type.getString("value"));
            access.require(caller, "moodle/cohort:manage", context);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", c.getString("name"));
            fields.put("idnumber", c.getString("idnumber"));
            if (c.has("description")) {
                fields.put("description", c.getString("description"));
            }
            fields.put("descriptionformat", c.getLong("descriptionformat").intValue());
            if (c.has("visible") && c.get("visible") != null) {
                fields.put("visible", c.getBoolean("visible"));
            }
            if (themes && c.has("theme")) {
                fields.put("theme", c.getString("theme"));
            }
            // Custom fields: none can be defined here, and Moodle skips values for undefined ones.
            long id = cohorts.create(context, fields, caller);
            Cohort cohort = cohorts.get(id).orElseThrow();
            created.add(describe(cohort));
        }
        return created;
    }

    /** A cohort as create_cohorts and get_cohorts return it, up to the theme. */
    static Map<String, Object> describe(Cohort cohort) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", cohort.id());
        row.put("name", cohort.name());
        row.put("idnumber", cohort.idnumber());
        row.put("description", FormattedText.of(cohort.description(), cohort.descriptionFormat()));
        row.put("descriptionformat", FormattedText.HTML);
        row.put("visible", cohort.visible());
        row.put("theme", cohort.theme());
        return row;
    }
}
