package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Cohort;
import io.atrium.lms.api.Cohorts;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Users;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code core_cohort_delete_cohort_members}: every pair or none; an unknown cohort or user fails
 * the call ({@code invalidrecord}), a user who is not a member is no error. Returns nothing.
 */
@Component
@WsFunctionName("core_cohort_delete_cohort_members")
public final class DeleteCohortMembers implements WsFunction {

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Deletes cohort members.")
            .type(FunctionType.WRITE)
            .parameters(single(key("members", multiple(single(
                    key("cohortid", value(ParamType.INT, "cohort record id")),
                    key("userid", value(ParamType.INT, "user id")))))))
            .build();

    private final Cohorts cohorts;
    private final Users users;
    private final Contexts contexts;
    private final Access access;

    @Activate
    public DeleteCohortMembers(@Reference Cohorts cohorts, @Reference Users users, @Reference Contexts contexts,
            @Reference Access access) {
        this.cohorts = cohorts;
        this.users = users;
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
        for (Params member : call.params().getParamsList("members")) {
            long cohortId = member.getLong("cohortid");
            long userId = member.getLong("userid");
            Cohort cohort = cohorts.get(cohortId).orElseThrow(() -> WsException.invalidRecord("cohort",
                    "SELECT * FROM {cohort} WHERE id = ?\n[array (\n  0 => " + cohortId + ",\n)]"));
            if (users.get(userId).filter(u -> !u.deleted() && u.mnethostid() == 1).isEmpty()) {
                throw WsException.invalidRecord("user", "SELECT * FROM {user} WHERE id = ? AND deleted = ? AND "
                        + "mnethostid = ?\n[array (\n  0 => " + userId + ",\n  1 => 0,\n  2 => '1',\n)]");
            }
            Context context = contexts.byId(cohort.contextId()).orElseThrow();
            if (context.level() != ContextLevel.SYSTEM && context.level() != ContextLevel.COURSECAT) {
                throw WsException.invalidParameter("Invalid context");
            }
            AddCohortMembers.requireAssign(access, caller, context);
            cohorts.removeMember(cohortId, userId, caller);
        }
        return null;
    }
}
