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
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Roles;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/** {@code core_role_unassign_roles}: removes roles assigned by hand (component ''), all or none. */
@Component
@WsFunctionName("core_role_unassign_roles")
public final class UnassignRoles implements WsFunction {

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Manual role unassignments.")
            .type(FunctionType.WRITE)
            .parameters(single(key("unassignments", multiple(single(
                    key("roleid", value(ParamType.INT, "Role to assign to the user")),
                    key("userid", value(ParamType.INT, "The user that is going to be assigned")),
                    key("contextid", value(ParamType.INT, "The context to unassign the user role from").optional()),
                    // Moodle's text keeps the line break, indentation and a stray '+' of its source.
                    key("contextlevel", value(ParamType.ALPHA, "The context level to unassign the user role in\n"
                            + "+                                    (block, course, coursecat, system, user, module)")
                            .optional()),
                    key("instanceid", value(ParamType.INT,
                            "The Instance id of item where the role needs to be unassigned").optional()))))))
            .build();

    private final Roles roles;
    private final Contexts contexts;
    private final Access access;

    @Activate
    public UnassignRoles(@Reference Roles roles, @Reference Contexts contexts, @Reference Access access) {
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
        for (Params a : call.params().getParamsList("unassignments")) {
            Context context = ParamContexts.forRoleChange(contexts, access, roles, caller, a, "unassign");
            roles.unassign(a.getLong("roleid"), a.getLong("userid"), context, "", 0, caller);
        }
        return null;
    }
}
