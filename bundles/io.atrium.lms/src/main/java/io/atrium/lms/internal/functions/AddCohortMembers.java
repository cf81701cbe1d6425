package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static io.atrium.ws.api.Descriptors.warnings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Cohort;
import io.atrium.lms.api.Cohorts;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.IdentifierException;
import io.atrium.lms.api.Identifiers;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code core_cohort_add_cohort_members}: cohorts and users named by any identifier the resolver
 * knows; one that names nothing, or a user already in the cohort, is a warning with Moodle's codes
 * (1 bad identifier kind, 2 not found, 3 already a member) and the others are still added. A
 * missing capability fails the whole call.
 */
@Component
@WsFunctionName("core_cohort_add_cohort_members")
public final class AddCohortMembers implements WsFunction {

    private static final Set<String> COHORT_BY = Set.of("id", "idnumber");
    /** Moodle takes id and username; the platform's resolver also knows idnumber and email. */
    private static final Set<String> USER_BY = Set.of("id", "idnumber", "username", "email");

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Adds cohort members.")
            .type(FunctionType.WRITE)
            .parameters(single(key("members", multiple(single(
                    key("cohorttype", single(
                            key("type", value(ParamType.ALPHANUMEXT, "The name of the field: id\n"
                                    + "                                    (numeric value of cohortid) or idnumber (alphanumeric value of idnumber) ")),
                            key("value", value(ParamType.RAW, "The value of the cohort")))),
                    key("usertype", single(
                            key("type", value(ParamType.ALPHANUMEXT, "The name of the field: id\n"
                                    + "                                    (numeric value of id) or username (alphanumeric value of username) ")),
                            key("value", value(ParamType.RAW, "The value of the cohort")))))))))
            .returns(single(key("warnings", warnings())))
            .build();

    private final Cohorts cohorts;
    private final Identifiers identifiers;
    private final Contexts contexts;
    private final Access access;

    @Activate
    public AddCohortMembers(@Reference Cohorts cohorts, @Reference Identifiers identifiers,
            @Reference Contexts contexts, @Reference Access access) {
        this.cohorts = cohorts;
        this.identifiers = identifiers;
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
        List<Map<String, Object>> warnings = new ArrayList<>();
        for (Params member : call.params().getParamsList("members")) {
            String cohortBy = member.getParams("cohorttype").getString("type");
            String cohortValue = member.getParams("cohorttype").getString("value");
            String userBy = member.getParams("usertype").getString("type");
            String userValue = member.getParams("usertype").getString("value");
            if (!COHORT_BY.contains(cohortBy)) {
                // Moodle's message, its spelling included.
                warnings.add(warning("1", "invalid parameter: cohortype=" + cohortBy));
                continue;
            }
            if (!USER_BY.contains(userBy)) {
                warnings.add(warning("1", "invalid parameter: usertype=" + userBy));
                continue;
            }
            long cohortId;
            long userId;
            try {
                cohortId = identifiers.cohort(cohortBy, cohortValue);
                userId = identifiers.user(userBy, userValue);
            } catch (IdentifierException e) {
                // Only lookups ran: nothing was written, the call goes on with the next member.
                warnings.add(warning("2", e.getMessage()));
                continue;
            }
            if (cohorts.isMember(cohortId, userId)) {
                warnings.add(warning("3", "record already exists: cohort(" + cohortBy + "=" + cohortValue + " "
                        + userBy + "=" + userValue + ")"));
                continue;
            }
            Cohort cohort = cohorts.get(cohortId).orElseThrow();
            Context context = contexts.byId(cohort.contextId()).orElseThrow();
            if (context.level() != ContextLevel.SYSTEM && context.level() != ContextLevel.COURSECAT) {
                warnings.add(warning("1", "Invalid context: " + context.level().level()));
                continue;
            }
            requireAssign(access, caller, context);
            cohorts.addMember(cohortId, userId, caller);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("warnings", warnings);
        return result;
    }

    /** moodle/cohort:manage or moodle/cohort:assign in the cohort's context; Moodle names the latter. */
    static void requireAssign(Access access, long caller, Context context) throws WsException {
        if (!access.hasCapability(caller, "moodle/cohort:manage", context)
                && !access.hasCapability(caller, "moodle/cohort:assign", context)) {
            throw WsException.noPermissions(access.title("moodle/cohort:assign"));
        }
    }

    /** A warning as Moodle's cohort functions give them: no item, no itemid. */
    private static Map<String, Object> warning(String code, String message) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("warningcode", code);
        w.put("message", message);
        return w;
    }
}
