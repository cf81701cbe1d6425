package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Enrolments;
import io.atrium.lms.api.Roles;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code enrol_manual_enrol_users}: enrols each user through the course's manual instance with a
 * role; the first failure undoes the whole call, as Moodle's delegated transaction does.
 */
@Component
@WsFunctionName("enrol_manual_enrol_users")
public final class EnrolUsers implements WsFunction {

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Manual enrol users")
            .type(FunctionType.WRITE)
            .parameters(single(key("enrolments", multiple(single(
                    key("roleid", value(ParamType.INT, "Role to assign to the user")),
                    key("userid", value(ParamType.INT, "The user that is going to be enrolled")),
                    key("courseid", value(ParamType.INT, "The course to enrol the user role in")),
                    key("timestart", value(ParamType.INT, "Timestamp when the enrolment start").optional()),
                    key("timeend", value(ParamType.INT, "Timestamp when the enrolment end").optional()),
                    key("suspend", value(ParamType.INT, "set to 1 to suspend the enrolment").optional()))))))
            .build();

    private final Enrolments enrolments;
    private final Roles roles;
    private final Contexts contexts;
    private final Access access;

    @Activate
    public EnrolUsers(@Reference Enrolments enrolments, @Reference Roles roles, @Reference Contexts contexts,
            @Reference Access access) {
        this.enrolments = enrolments;
        this.roles = roles;
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
        for (Params e : call.params().getParamsList("enrolments")) {
            long courseId = e.getLong("courseid");
            long userId = e.getLong("userid");
            long roleId = e.getLong("roleid");
            // Moodle's order: the context, the capability, the role, then the instance.
            Context context = contexts.of(ContextLevel.COURSE, courseId)
                    .orElseThrow(() -> WsException.invalidParameter("Context does not exist"));
            access.require(caller, "enrol/manual:enrol", context);
            if (!roles.assignable(caller, context).contains(roleId)) {
                throw WsException.of("wsusercannotassign", "You don't have the permission to assign this role ("
                        + roleId + ") to this user (" + userId + ") in this course(" + courseId + ").");
            }
            if (enrolments.manualInstance(courseId).isEmpty()) {
                throw ManualInstance.missing();
            }
            long timestart = e.has("timestart") && e.getLong("timestart") != null ? e.getLong("timestart") : 0;
            long timeend = e.has("timeend") && e.getLong("timeend") != null ? e.getLong("timeend") : 0;
            boolean suspend = e.has("suspend") && e.getLong("suspend") != null && e.getLong("suspend") != 0;
            enrolments.enrol(courseId, userId, roleId, timestart, timeend, suspend, caller);
        }
        return null;
    }
}
