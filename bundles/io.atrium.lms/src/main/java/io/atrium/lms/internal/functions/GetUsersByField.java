package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.SiteConfig;
import io.atrium.store.api.Db;
import io.atrium.store.api.Store;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code core_user_get_users_by_field}: users whose id, idnumber, username or email is one of the
 * values; values that match nobody are left out, as in Moodle.
 */
@Component
@WsFunctionName("core_user_get_users_by_field")
public final class GetUsersByField implements WsFunction {

    private static final Set<String> FIELDS = Set.of("id", "idnumber", "username", "email");

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Retrieve users' information for a specified unique field - If you want to do a user search, use core_user_get_users() or core_user_search_identity().")
            .type(FunctionType.READ)
            .services("moodle_mobile_app")
            .parameters(single(
                    key("field", value(ParamType.ALPHA, "the search field can be 'id' or 'idnumber' or 'username' or 'email'")),
                    key("values", multiple(value(ParamType.RAW, "the value to match")))))
            .returns(multiple(UserDescription.STRUCTURE))
            .build();

    private final Store store;
    private final Access access;
    private final Contexts contexts;
    private final SiteConfig config;

    @Activate
    public GetUsersByField(@Reference Store store, @Reference Access access,
            @Reference Contexts contexts, @Reference SiteConfig config) {
        this.store = store;
        this.access = access;
        this.contexts = contexts;
        this.config = config;
    }

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    @Override
    public Object execute(WsCall call) throws WsException {
        String field = call.params().getString("field");
        if (!FIELDS.contains(field)) {
            throw WsException.codingError("invalid field parameter",
                    "The search field '" + field + "' is not supported, look at the web service documentation");
        }
        Set<String> values = new LinkedHashSet<>(call.params().getStringList("values"));
        List<Object> args = new ArrayList<>();
        for (String v : values) {
            if (field.equals("id")) {
                try {
                    args.add(Long.parseLong(v.trim()));
                } catch (NumberFormatException e) {
                    throw WsException.invalidParameter("values => Invalid parameter value detected: the value is \""
                            + v + "\", the server was expecting \"int\" type");
                }
            } else {
                args.add(v);
            }
        }
        if (args.isEmpty()) {
            return List.of();
        }
        String wwwroot = config.wwwroot();
        String themerev = config.get("themerev").orElse("1");
        long viewer = call.caller().userId();
        boolean admin = access.isSiteAdmin(viewer);
        Db db = store.current();
        String sql = "SELECT " + UserDescription.COLUMNS + " FROM mdl_user WHERE deleted = 0 AND "
                + (field.equals("email") ? "LOWER(email) IN (" + marks(args.size(), "LOWER(?)") + ")"
                        : field + " IN (" + marks(args.size(), "?") + ")")
                + " ORDER BY id";
        List<Long> ids = new ArrayList<>();
        List<Map<String, Object>> found = db.list(sql, rs -> {
            ids.add(rs.getLong("id"));
            return UserDescription.of(rs, wwwroot, themerev, true);
        }, args.toArray());
        List<Map<String, Object>> visible = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            long id = ids.get(i);
            boolean full = admin || id == viewer || contexts.of(ContextLevel.USER, id)
                    .map(c -> access.hasCapability(viewer, "moodle/user:viewalldetails", c)).orElse(false);
            if (full) {
                visible.add(found.get(i));
            } else {
                Map<String, Object> u = found.get(i);
                u.keySet().retainAll(Set.of("id", "fullname", "profileimageurlsmall", "profileimageurl"));
                visible.add(u);
            }
        }
        return visible;
    }

    private static String marks(int n, String mark) {
        return String.join(", ", Collections.nCopies(n, mark));
    }
}
