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
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.User;
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
 * {@code core_user_update_users}: as in Moodle, a user that cannot be updated (unknown id, deleted,
 * the guest, an administrator changed by someone who is not one, a duplicate email...) is a warning
 * and the others are still updated. {@link Users#update} checks everything before it writes, so a
 * refused user leaves nothing behind; any other failure fails the whole call.
 */
@Component
@WsFunctionName("core_user_update_users")
public final class UpdateUsers implements WsFunction {

    /** The user fields taken as they are. */
    private static final List<String> FIELDS = List.of("username", "auth", "suspended", "password", "firstname",
            "lastname", "email", "maildisplay", "city", "country", "timezone", "description", "firstnamephonetic",
            "lastnamephonetic", "middlename", "alternatename", "idnumber", "institution", "department", "phone1",
            "phone2", "address", "lang", "calendartype", "theme", "mailformat");

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Update users.")
            .type(FunctionType.WRITE)
            .capability("moodle/user:update", "Update user profiles")
            .parameters(single(key("users", multiple(single(
                    key("id", value(ParamType.INT, "ID of the user")),
                    key("username", value(ParamType.USERNAME, "Username policy is defined in Moodle security config.").notNull().optional()),
                    key("auth", value(ParamType.PLUGIN, "Auth plugins include manual, ldap, etc").notNull().optional()),
                    key("suspended", value(ParamType.BOOL, "Suspend user account, either false to enable user login or true to disable it").optional()),
                    key("password", value(ParamType.RAW, "Plain text password consisting of any characters").notNull().optional()),
                    key("firstname", value(ParamType.NOTAGS, "The first name(s) of the user").notNull().optional()),
                    key("lastname", value(ParamType.NOTAGS, "The family name of the user").optional()),
                    key("email", value(ParamType.RAW_TRIMMED, "A valid and unique email address").notNull().optional()),
                    key("maildisplay", value(ParamType.INT, "Email visibility").optional()),
                    key("city", value(ParamType.NOTAGS, "Home city of the user").optional()),
                    key("country", value(ParamType.ALPHA, "Home country code of the user, such as AU or CZ").optional()),
                    key("timezone", value(ParamType.TIMEZONE, "Timezone code such as Australia/Perth, or 99 for default").optional()),
                    key("description", value(ParamType.RAW, "User profile description, no HTML").optional()),
                    key("userpicture", value(ParamType.INT, "The itemid where the new user picture has been uploaded to, 0 to delete").optional()),
                    key("firstnamephonetic", value(ParamType.NOTAGS, "The first name(s) phonetically of the user").optional()),
                    key("lastnamephonetic", value(ParamType.NOTAGS, "The family name phonetically of the user").optional()),
                    key("middlename", value(ParamType.NOTAGS, "The middle name of the user").optional()),
                    key("alternatename", value(ParamType.NOTAGS, "The alternate name of the user").optional()),
                    key("interests", value(ParamType.TEXT, "User interests (separated by commas)").optional()),
                    key("idnumber", value(ParamType.RAW, "An arbitrary ID code number perhaps from the institution").optional()),
                    key("institution", value(ParamType.TEXT, "Institution").optional()),
                    key("department", value(ParamType.TEXT, "Department").optional()),
                    key("phone1", value(ParamType.NOTAGS, "Phone").optional()),
                    key("phone2", value(ParamType.NOTAGS, "Mobile phone").optional()),
                    key("address", value(ParamType.TEXT, "Postal address").optional()),
                    key("lang", value(ParamType.LANG, "Language code such as \"en\", must exist on server").optional()),
                    key("calendartype", value(ParamType.PLUGIN, "Calendar type such as \"gregorian\", must exist on server").optional()),
                    key("theme", value(ParamType.PLUGIN, "Theme name such as \"standard\", must exist on server").optional()),
                    key("mailformat", value(ParamType.INT, "Mail format code is 0 for plain text, 1 for HTML etc").optional()),
                    key("customfields", multiple(single(
                            key("type", value(ParamType.ALPHANUMEXT, "The name of the custom field")),
                            key("value", value(ParamType.RAW, "The value of the custom field"))),
                            "User custom fields (also known as user profil fields)").optional()),
                    key("preferences", multiple(single(
                            key("type", value(ParamType.RAW, "The name of the preference")),
                            key("value", value(ParamType.RAW, "The value of the preference"))),
                            "User preferences").optional()))))))
            .returns(single(key("warnings", warnings())))
            .build();

    private final Users users;
    private final Access access;

    @Activate
    public UpdateUsers(@Reference Users users, @Reference Access access) {
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
        List<Map<String, Object>> warnings = new ArrayList<>();
        for (Params user : call.params().getParamsList("users")) {
            long id = user.getLong("id");
            try {
                update(user, id, caller);
            } catch (WsException e) {
                // Moodle reports a user it could not update and goes on. Every refusal is raised
                // before that user's first write (see Users.update), so nothing half-done stays.
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("item", "user");
                w.put("itemid", id);
                w.put("warningcode", e.errorcode());
                w.put("message", e.getMessage());
                warnings.add(w);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("warnings", warnings);
        return result;
    }

    private void update(Params user, long id, long caller) throws WsException {
        Optional<User> existing = users.get(id);
        if (existing.isPresent() && id != caller && access.isSiteAdmin(id) && !access.isSiteAdmin(caller)) {
            throw WsException.of("useradminodelete", "Administrator accounts can not be deleted");
        }
        if (user.has("customfields") && !user.getParamsList("customfields").isEmpty()) {
            throw WsException.invalidParameter("Custom profile fields are not supported: "
                    + user.getParamsList("customfields").get(0).getString("type"));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String f : FIELDS) {
            if (user.has(f) && user.get(f) != null) {
                fields.put(f, user.get(f));
            }
        }
        // userpicture (draft file areas) and interests (tags) have no store here; Moodle too
        // ignores the picture when user images are disabled.
        users.update(id, fields, caller);
        if (user.has("preferences")) {
            for (Params p : user.getParamsList("preferences")) {
                users.setPreference(id, p.getString("type"), p.getString("value"));
            }
        }
    }
}
