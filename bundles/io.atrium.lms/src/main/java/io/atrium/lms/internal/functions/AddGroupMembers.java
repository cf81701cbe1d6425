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
import io.atrium.lms.api.Group;
import io.atrium.lms.api.Groups;
import io.atrium.lms.api.Users;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/** {@code core_group_add_group_members}: adds enrolled users to groups, all or none. */
@Component
@WsFunctionName("core_group_add_group_members")
public final class AddGroupMembers implements WsFunction {

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Adds group members.")
            .type(FunctionType.WRITE)
            .parameters(single(key("members", multiple(single(
                    key("groupid", value(ParamType.INT, "group record id")),
                    key("userid", value(ParamType.INT, "user id")))))))
            .build();

    private final Groups groups;
    private final Users users;
    private final Contexts contexts;
    private final Access access;

    @Activate
    public AddGroupMembers(@Reference Groups groups, @Reference Users users, @Reference Contexts contexts,
            @Reference Access access) {
        this.groups = groups;
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
        for (Params m : call.params().getParamsList("members")) {
            long userId = m.getLong("userid");
            Group group = groups.get(m.getLong("groupid")).orElseThrow(() -> WsException.invalidRecord("groups", null));
            if (users.get(userId).filter(u -> !u.deleted() && u.mnethostid() == 1).isEmpty()) {
                throw WsException.invalidRecord("user", null);
            }
            Context context = CourseContexts.valid(contexts, group.courseId());
            access.require(caller, "moodle/course:managegroups", context);
            // The domain refuses users who are not enrolled, with Moodle's text.
            groups.addMember(group.id(), userId, "", 0, caller);
        }
        return null;
    }
}
