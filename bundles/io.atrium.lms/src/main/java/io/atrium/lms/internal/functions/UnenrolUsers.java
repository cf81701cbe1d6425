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
import io.atrium.lms.api.Users;
import io.atrium.store.api.Store;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code enrol_manual_unenrol_users}: removes each user's manual enrolment (and what came with it);
 * {@code roleid} is accepted and, as in Moodle, not used.
 */
@Component
@WsFunctionName("enrol_manual_unenrol_users")
public final class UnenrolUsers implements WsFunction {

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Manual unenrol users")
            .type(FunctionType.WRITE)
            .parameters(single(key("enrolments", multiple(single(
                    key("userid", value(ParamType.INT, "The user that is going to be unenrolled")),
                    key("courseid", value(ParamType.INT, "The course to unenrol the user from")),
                    key("roleid", value(ParamType.INT, "The user role").optional()))))))
            .build();

    private final Enrolments enrolments;
    private final Contexts contexts;
    private final Access access;
    private final Users users;
    private final Store store;

    @Activate
    public UnenrolUsers(@Reference Enrolments enrolments, @Reference Contexts contexts, @Reference Access access,
            @Reference Users users, @Reference Store store) {
        this.enrolments = enrolments;
        this.contexts = contexts;
        this.access = access;
        this.users = users;
        this.store = store;
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
            // Moodle asks for the course context strictly here: a missing course is a missing record.
            if (store.current().number("SELECT COUNT(*) FROM mdl_course WHERE id = ?", courseId) == 0) {
                throw WsException.invalidRecord("course", null);
            }
            Context context = contexts.of(ContextLevel.COURSE, courseId)
                    .orElseThrow(() -> WsException.invalidRecord("context", null));
            access.require(caller, "enrol/manual:unenrol", context);
            if (store.current().number("SELECT COUNT(*) FROM mdl_enrol WHERE courseid = ? AND enrol = 'manual'",
                    courseId) == 0) {
                throw ManualInstance.missing();
            }
            if (users.get(userId).isEmpty()) {
                throw WsException.invalidParameter("User id not exist: " + userId);
            }
            enrolments.unenrol(courseId, userId, caller);
        }
        return null;
    }
}
