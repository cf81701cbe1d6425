package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.SingleStructure;

/**
 * Moodle's {@code user_description()} and {@code user_get_user_details()}: a user as functions
 * return one. Optional text fields appear only when they hold something, as in Moodle.
 */
final class UserDescription {

    private UserDescription() {
    }

    static final SingleStructure STRUCTURE = single(
            key("id", value(ParamType.INT, "ID of the user")),
            key("username", value(ParamType.RAW, "The username").optional()),
            key("firstname", value(ParamType.NOTAGS, "The first name(s) of the user").optional()),
            key("lastname", value(ParamType.NOTAGS, "The family name of the user").optional()),
            key("fullname", value(ParamType.NOTAGS, "The fullname of the user")),
            key("email", value(ParamType.TEXT, "An email address - allow email as root@localhost").optional()),
            key("address", value(ParamType.TEXT, "Postal address").optional()),
            key("phone1", value(ParamType.NOTAGS, "Phone 1").optional()),
            key("phone2", value(ParamType.NOTAGS, "Phone 2").optional()),
            key("department", value(ParamType.TEXT, "department").optional()),
            key("institution", value(ParamType.TEXT, "institution").optional()),
            key("idnumber", value(ParamType.RAW, "An arbitrary ID code number perhaps from the institution").optional()),
            key("interests", value(ParamType.TEXT, "user interests (separated by commas)").optional()),
            key("firstaccess", value(ParamType.INT, "first access to the site (0 if never)").optional()),
            key("lastaccess", value(ParamType.INT, "last access to the site (0 if never)").optional()),
            key("auth", value(ParamType.PLUGIN, "Auth plugins include manual, ldap, etc").optional()),
            key("suspended", value(ParamType.BOOL, "Suspend user account, either false to enable user login or true to disable it").optional()),
            key("confirmed", value(ParamType.BOOL, "Active user: 1 if confirmed, 0 otherwise").optional()),
            key("lang", value(ParamType.LANG, "Language code such as \"en\", must exist on server").optional()),
            key("calendartype", value(ParamType.PLUGIN, "Calendar type such as \"gregorian\", must exist on server").optional()),
            key("theme", value(ParamType.PLUGIN, "Theme name such as \"standard\", must exist on server").optional()),
            key("timezone", value(ParamType.TIMEZONE, "Timezone code such as Australia/Perth, or 99 for default").optional()),
            key("mailformat", value(ParamType.INT, "Mail format code is 0 for plain text, 1 for HTML etc").optional()),
            key("trackforums", value(ParamType.INT, "Whether the user is tracking forums.").optional()),
            key("description", value(ParamType.RAW, "User profile description").optional()),
            key("descriptionformat", value(ParamType.INT, "description format (1 = HTML, 0 = MOODLE, 2 = PLAIN, or 4 = MARKDOWN)").optional()),
            key("city", value(ParamType.NOTAGS, "Home city of the user").optional()),
            key("country", value(ParamType.ALPHA, "Home country code of the user, such as AU or CZ").optional()),
            key("profileimageurlsmall", value(ParamType.URL, "User image profile URL - small version")),
            key("profileimageurl", value(ParamType.URL, "User image profile URL - big version")),
            key("customfields", multiple(single(
                    key("type", value(ParamType.ALPHANUMEXT, "The type of the custom field - text field, checkbox...")),
                    key("value", value(ParamType.RAW, "The value of the custom field (as stored in the database)")),
                    key("displayvalue", value(ParamType.RAW, "The value of the custom field for display").optional()),
                    key("name", value(ParamType.RAW, "The name of the custom field")),
                    key("shortname", value(ParamType.RAW, "The shortname of the custom field - to be able to build the field class in the code"))),
                    "User custom fields (also known as user profile fields)").optional()),
            key("preferences", multiple(single(
                    key("name", value(ParamType.RAW, "The name of the preferences")),
                    key("value", value(ParamType.RAW, "The value of the preference"))),
                    "Users preferences").optional()));

    /** The columns {@link #of} reads. */
    static final String COLUMNS = "id, username, firstname, lastname, email, address, phone1, phone2, department, "
            + "institution, idnumber, firstaccess, lastaccess, auth, suspended, confirmed, lang, theme, timezone, "
            + "mailformat, trackforums, description, descriptionformat, city, country, timemodified";

    /**
     * One user.
     *
     * @param full whether the viewer may see everything (site admin, or moodle/user:viewalldetails)
     */
    static Map<String, Object> of(ResultSet rs, String wwwroot, String themerev, boolean full) throws SQLException {
        Map<String, Object> u = new LinkedHashMap<>();
        long id = rs.getLong("id");
        u.put("id", id);
        String first = text(rs, "firstname");
        String last = text(rs, "lastname");
        if (full) {
            u.put("username", text(rs, "username"));
            u.put("firstname", first);
            u.put("lastname", last);
        }
        u.put("fullname", first + " " + last);
        if (full) {
            u.put("email", text(rs, "email"));
            putIfSet(u, "address", text(rs, "address"));
            putIfSet(u, "phone1", text(rs, "phone1"));
            putIfSet(u, "phone2", text(rs, "phone2"));
            u.put("department", text(rs, "department"));
            putIfSet(u, "institution", text(rs, "institution"));
            putIfSet(u, "idnumber", text(rs, "idnumber"));
            u.put("firstaccess", rs.getLong("firstaccess"));
            u.put("lastaccess", rs.getLong("lastaccess"));
            u.put("auth", text(rs, "auth"));
            u.put("suspended", rs.getInt("suspended") != 0);
            u.put("confirmed", rs.getInt("confirmed") != 0);
            u.put("lang", text(rs, "lang"));
            u.put("theme", text(rs, "theme"));
            u.put("timezone", text(rs, "timezone"));
            u.put("mailformat", rs.getInt("mailformat"));
            u.put("trackforums", rs.getInt("trackforums"));
            String description = text(rs, "description");
            if (!description.isEmpty()) {
                u.put("description", description);
                u.put("descriptionformat", rs.getInt("descriptionformat"));
            }
            putIfSet(u, "city", text(rs, "city"));
            putIfSet(u, "country", text(rs, "country"));
        }
        String image = wwwroot + "/theme/image.php/boost/core/" + themerev + "/u/";
        u.put("profileimageurlsmall", image + "f2");
        u.put("profileimageurl", image + "f1");
        return u;
    }

    private static void putIfSet(Map<String, Object> u, String key, String value) {
        if (!value.isEmpty()) {
            u.put(key, value);
        }
    }

    private static String text(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? "" : v;
    }
}
