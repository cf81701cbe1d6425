package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Cohort;
import io.atrium.lms.api.Cohorts;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.SiteConfig;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code core_cohort_get_cohorts}: the cohorts with these ids (unknown ids are left out), or all
 * of them; the caller needs moodle/cohort:view or moodle/cohort:manage in each one's context.
 */
@Component
@WsFunctionName("core_cohort_get_cohorts")
public final class GetCohorts implements WsFunction {

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Returns cohort details.")
            .type(FunctionType.READ)
            .parameters(single(key("cohortids", multiple(value(ParamType.INT, "Cohort ID"),
                    "List of cohort id. A cohort id is an integer.").withDefault(List.of()))))
            .returns(multiple(single(
                    key("id", value(ParamType.INT, "ID of the cohort")),
                    key("name", value(ParamType.RAW, "cohort name")),
                    key("idnumber", value(ParamType.RAW, "cohort idnumber")),
                    key("description", value(ParamType.RAW, "cohort description")),
                    key("descriptionformat", value(ParamType.INT, CreateCohorts.FORMAT_DESCRIPTION)),
                    key("visible", value(ParamType.BOOL, "cohort visible")),
                    key("theme", value(ParamType.PLUGIN, "cohort theme").optional()),
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

    private final Cohorts cohorts;
    private final Contexts contexts;
    private final Access access;
    private final SiteConfig config;

    @Activate
    public GetCohorts(@Reference Cohorts cohorts, @Reference Contexts contexts, @Reference Access access,
            @Reference SiteConfig config) {
        this.cohorts = cohorts;
        this.contexts = contexts;
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
        boolean themes = config.get("allowcohortthemes").map(v -> v.trim().equals("1")).orElse(false);
        List<Map<String, Object>> found = new ArrayList<>();
        for (Cohort cohort : cohorts.list(call.params().getLongList("cohortids"))) {
            Context context = contexts.byId(cohort.contextId()).orElseThrow();
            if (context.level() != ContextLevel.SYSTEM && context.level() != ContextLevel.COURSECAT) {
                throw WsException.invalidParameter("Invalid context");
            }
            if (!access.hasCapability(caller, "moodle/cohort:manage", context)
                    && !access.hasCapability(caller, "moodle/cohort:view", context)) {
                throw WsException.noPermissions(access.title("moodle/cohort:view"));
            }
            Map<String, Object> row = CreateCohorts.describe(cohort);
            // A theme the site does not allow is not shown (Moodle returns null for it).
            if (!themes && !cohort.theme().isEmpty()) {
                row.put("theme", null);
            }
            row.put("customfields", List.of());
            found.add(row);
        }
        return found;
    }
}
