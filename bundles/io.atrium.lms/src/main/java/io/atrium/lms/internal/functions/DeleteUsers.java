package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Users;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code core_user_delete_users}: all users or none (one transaction). An unknown or already
 * deleted user, an administrator, the caller and the guest fail the whole call. Returns nothing.
 */
@Component
@WsFunctionName("core_user_delete_users")
public final class DeleteUsers implements WsFunction {

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Delete users.")
            .type(FunctionType.WRITE)
            .capability("moodle/user:delete", "Delete users")
            .parameters(single(key("userids", multiple(value(ParamType.INT, "user ID")))))
            .build();

    private final Users users;
    private final Access access;

    @Activate
    public DeleteUsers(@Reference Users users, @Reference Access access) {
        this.users = users;
        this.access = access;
    }

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    @Override
    public Object execute(WsCall call) throws WsException {
        long caller = call.caller().userId();
        for (Long id : call.params().getLongList("userids")) {
            // Moodle's order: the record must exist (MUST_EXIST), then no admin, then not oneself.
            if (users.get(id).filter(u -> !u.deleted()).isEmpty()) {
                throw WsException.invalidRecord("user", "SELECT * FROM {user} WHERE id = ? AND deleted = ?\n"
                        + "[array (\n  0 => " + id + ",\n  1 => 0,\n)]");
            }
            if (access.isSiteAdmin(id)) {
                throw WsException.of("useradminodelete", "Administrator accounts can not be deleted");
            }
            if (id == caller) {
                throw WsException.of("usernotdeletederror", "User not deleted - error");
            }
            users.delete(id, caller);
        }
        return null;
    }
}
