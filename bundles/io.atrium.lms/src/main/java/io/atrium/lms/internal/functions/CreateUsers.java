package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Users;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/** {@code core_user_create_users}: all users or none (one transaction). */
@Component
@WsFunctionName("core_user_create_users")
public final class CreateUsers implements WsFunction {

    /** The user fields taken as they are, in Moodle's order. */
    private static final List<String> FIELDS = List.of("username", "auth", "firstname", "lastname", "email",
            "maildisplay", "city", "country", "timezone", "description", "firstnamephonetic", "lastnamephonetic",
            "middlename", "alternatename", "idnumber", "institution", "department", "phone1", "phone2", "address",
            "lang", "calendartype", "theme", "mailformat");

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Create users.")
            .type(FunctionType.WRITE)
            .capability("moodle/user:create", "Create users")
            .parameters(single(key("users", multiple(single(
                    key("createpassword", value(ParamType.INT, "True if password should be created and mailed to user.").optional()),
                    key("username", value(ParamType.USERNAME, "Username policy is defined in Moodle security config.")),
                    key("auth", value(ParamType.PLUGIN, "Auth plugins include manual, ldap, etc").withDefault("manual")),
                    key("password", value(ParamType.RAW, "Plain text password consisting of any characters").optional()),
                    key("firstname", value(ParamType.NOTAGS, "The first name(s) of the user")),
                    key("lastname", value(ParamType.NOTAGS, "The family name of the user")),
                    key("email", value(ParamType.RAW_TRIMMED, "A valid and unique email address")),
                    key("maildisplay", value(ParamType.INT, "Email visibility").optional()),
                    key("city", value(ParamType.NOTAGS, "Home city of the user").optional()),
                    key("country", value(ParamType.ALPHA, "Home country code of the user, such as AU or CZ").optional()),
                    key("timezone", value(ParamType.TIMEZONE, "Timezone code such as Australia/Perth, or 99 for default").optional()),
                    key("description", value(ParamType.TEXT, "User profile description, no HTML").optional()),
                    key("firstnamephonetic", value(ParamType.NOTAGS, "The first name(s) phonetically of the user").optional()),
                    key("lastnamephonetic", value(ParamType.NOTAGS, "The family name phonetically of the user").optional()),
                    key("middlename", value(ParamType.NOTAGS, "The middle name of the user").optional()),
                    key("alternatename", value(ParamType.NOTAGS, "The alternate name of the user").optional()),
                    key("interests", value(ParamType.TEXT, "User interests (separated by commas)").optional()),
                    key("idnumber", value(ParamType.RAW, "An arbitrary ID code number perhaps from the institution").withDefault("")),
                    key("institution", value(ParamType.TEXT, "institution").optional()),
                    key("department", value(ParamType.TEXT, "department").optional()),
                    key("phone1", value(ParamType.NOTAGS, "Phone 1").optional()),
                    key("phone2", value(ParamType.NOTAGS, "Phone 2").optional()),
                    key("address", value(ParamType.TEXT, "Postal address").optional()),
                    key("lang", value(ParamType.LANG, "Language code such as \"en\", must exist on server").withDefault("en")),
                    key("calendartype", value(ParamType.PLUGIN, "Calendar type such as \"gregorian\", must exist on server").withDefault("gregorian")),
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
            .returns(multiple(single(
                    key("id", value(ParamType.INT, "user id")),
                    key("username", value(ParamType.RAW, "user name")))))
            .build();

    private final Users users;

    @Activate
    public CreateUsers(@Reference Users users) {
        this.users = users;
    }

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    @Override
    public Object execute(WsCall call) throws WsException {
        List<Map<String, Object>> created = new ArrayList<>();
        for (Params user : call.params().getParamsList("users")) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (String f : FIELDS) {
                if (user.has(f) && user.get(f) != null) {
                    fields.put(f, user.get(f));
                }
            }
            if (user.has("password")) {
                fields.put("password", user.getString("password"));
            } else if (!user.has("createpassword") || user.getLong("createpassword") == 0) {
                throw WsException.invalidParameter("Invalid password: you must provide a password, or set createpassword.");
            }
            if (user.has("customfields") && !user.getParamsList("customfields").isEmpty()) {
                throw WsException.invalidParameter("Custom profile fields are not supported: "
                        + user.getParamsList("customfields").get(0).getString("type"));
            }
            Map<String, String> prefs = new LinkedHashMap<>();
            if (user.has("preferences")) {
                for (Params p : user.getParamsList("preferences")) {
                    prefs.put(p.getString("type"), p.getString("value"));
                }
            }
            long id = users.create(fields, prefs, call.caller().userId());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("username", fields.get("username"));
            created.add(row);
        }
        return created;
    }
}
