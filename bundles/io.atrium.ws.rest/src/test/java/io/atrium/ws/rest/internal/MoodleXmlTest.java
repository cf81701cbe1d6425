package io.atrium.ws.rest.internal;

import io.atrium.testsupport.Golden;
import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static io.atrium.ws.api.Descriptors.warnings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.atrium.ws.api.Descriptor;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsException;

/**
 * The returns descriptors below are Moodle 4.5's {@code _returns()} (structure and key order,
 * which is all the XML depends on): webservice/externallib.php get_site_info_returns,
 * cohort/externallib.php add_cohort_members_returns, user/externallib.php user_description,
 * course/externallib.php get_courses_returns, get_categories_returns,
 * create_categories_returns, get_courses_by_field_returns, update_users_returns.
 */
class MoodleXmlTest {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n";

    // ---- Descriptors -----------------------------------------------------------------------

    static final Descriptor SITE_INFO = single(
            key("sitename", value(ParamType.RAW, "site name")),
            key("username", value(ParamType.RAW, "username")),
            key("firstname", value(ParamType.TEXT, "first name")),
            key("lastname", value(ParamType.TEXT, "last name")),
            key("fullname", value(ParamType.TEXT, "user full name")),
            key("lang", value(ParamType.LANG, "Current language.")),
            key("userid", value(ParamType.INT, "user id")),
            key("siteurl", value(ParamType.RAW, "site url")),
            key("userpictureurl", value(ParamType.URL, "the user profile picture.")),
            key("functions", multiple(single(
                    key("name", value(ParamType.RAW, "function name")),
                    key("version", value(ParamType.TEXT, "The version number of the component"))),
                    "functions that are available")),
            key("downloadfiles", value(ParamType.INT, "1 if users are allowed to download files").optional()),
            key("uploadfiles", value(ParamType.INT, "1 if users are allowed to upload files").optional()),
            key("release", value(ParamType.TEXT, "Moodle release number").optional()),
            key("version", value(ParamType.TEXT, "Moodle version number").optional()),
            key("mobilecssurl", value(ParamType.URL, "Mobile custom CSS theme").optional()),
            key("advancedfeatures", multiple(single(
                    key("name", value(ParamType.ALPHANUMEXT, "feature name")),
                    key("value", value(ParamType.INT, "feature value. Usually 1 means enabled."))),
                    "Advanced features availability").optional()),
            key("usercanmanageownfiles", value(ParamType.BOOL, "true if the user can manage his own files").optional()),
            key("userquota", value(ParamType.INT, "user quota (bytes). 0 means user can ignore the quota").optional()),
            key("usermaxuploadfilesize", value(ParamType.INT, "user max upload file size (bytes)").optional()),
            key("userhomepage", value(ParamType.INT, "the default home page for the user").optional()),
            key("userhomepageurl", value(ParamType.URL, "The URL of the custom user home page").optional()),
            key("userprivateaccesskey", value(ParamType.ALPHANUM, "Private user access key").optional()),
            key("siteid", value(ParamType.INT, "Site course ID").optional()),
            key("sitecalendartype", value(ParamType.PLUGIN, "Calendar type set in the site.").optional()),
            key("usercalendartype", value(ParamType.PLUGIN, "Calendar typed used by the user.").optional()),
            key("userissiteadmin", value(ParamType.BOOL, "Whether the user is a site admin or not.").optional()),
            key("theme", value(ParamType.PLUGIN, "Current theme for the user.").optional()),
            key("limitconcurrentlogins", value(ParamType.INT, "Number of concurrent sessions allowed").optional()),
            key("usersessionscount", value(ParamType.INT, "Number of active sessions for current user").optional()),
            key("policyagreed", value(ParamType.INT, "Whether user accepted all the policies.").optional()));

    static final Descriptor ADD_COHORT_MEMBERS = single(key("warnings", warnings()));

    static final Descriptor UPDATE_USERS = single(key("warnings", warnings()));

    static final Descriptor CUSTOM_FIELD = single(
            key("type", value(ParamType.ALPHANUMEXT, "The type of the custom field")),
            key("value", value(ParamType.RAW, "The value of the custom field")),
            key("displayvalue", value(ParamType.RAW, "The value of the custom field for display").optional()),
            key("name", value(ParamType.RAW, "The name of the custom field")),
            key("shortname", value(ParamType.RAW, "The shortname of the custom field")));

    static final Descriptor USERS = multiple(single(
            key("id", value(ParamType.INT, "ID of the user")),
            key("username", value(ParamType.RAW, "The username").optional()),
            key("firstname", value(ParamType.NOTAGS, "The first name(s) of the user").optional()),
            key("lastname", value(ParamType.NOTAGS, "The family name of the user").optional()),
            key("fullname", value(ParamType.NOTAGS, "The fullname of the user")),
            key("email", value(ParamType.TEXT, "An email address").optional()),
            key("address", value(ParamType.TEXT, "Postal address").optional()),
            key("phone1", value(ParamType.NOTAGS, "Phone 1").optional()),
            key("phone2", value(ParamType.NOTAGS, "Phone 2").optional()),
            key("department", value(ParamType.TEXT, "department").optional()),
            key("institution", value(ParamType.TEXT, "institution").optional()),
            key("idnumber", value(ParamType.RAW, "An arbitrary ID code number").optional()),
            key("interests", value(ParamType.TEXT, "user interests (separated by commas)").optional()),
            key("firstaccess", value(ParamType.INT, "first access to the site (0 if never)").optional()),
            key("lastaccess", value(ParamType.INT, "last access to the site (0 if never)").optional()),
            key("auth", value(ParamType.PLUGIN, "Auth plugins include manual, ldap, etc").optional()),
            key("suspended", value(ParamType.BOOL, "Suspend user account").optional()),
            key("confirmed", value(ParamType.BOOL, "Active user: 1 if confirmed, 0 otherwise").optional()),
            key("lang", value(ParamType.LANG, "Language code such as \"en\"").optional()),
            key("calendartype", value(ParamType.PLUGIN, "Calendar type such as \"gregorian\"").optional()),
            key("theme", value(ParamType.PLUGIN, "Theme name such as \"standard\"").optional()),
            key("timezone", value(ParamType.TIMEZONE, "Timezone code").optional()),
            key("mailformat", value(ParamType.INT, "Mail format code").optional()),
            key("trackforums", value(ParamType.INT, "Whether the user is tracking forums.").optional()),
            key("description", value(ParamType.RAW, "User profile description").optional()),
            key("descriptionformat", value(ParamType.INT, "description format").optional()),
            key("city", value(ParamType.NOTAGS, "Home city of the user").optional()),
            key("country", value(ParamType.ALPHA, "Home country code of the user").optional()),
            key("profileimageurlsmall", value(ParamType.URL, "User image profile URL - small version")),
            key("profileimageurl", value(ParamType.URL, "User image profile URL - big version")),
            key("customfields", multiple(CUSTOM_FIELD, "User custom fields").optional()),
            key("preferences", multiple(single(
                    key("name", value(ParamType.RAW, "The name of the preferences")),
                    key("value", value(ParamType.RAW, "The value of the preference"))), "Users preferences")
                    .optional())));

    static final Descriptor FORMAT_OPTIONS = multiple(single(
            key("name", value(ParamType.ALPHANUMEXT, "course format option name")),
            key("value", value(ParamType.RAW, "course format option value"))), "additional options for particular course format")
            .optional();

    static final Descriptor COURSE_CUSTOMFIELDS = multiple(single(
            key("name", value(ParamType.RAW, "The name of the custom field")),
            key("shortname", value(ParamType.ALPHANUMEXT, "The shortname of the custom field")),
            key("type", value(ParamType.COMPONENT, "The type of the custom field - text, checkbox...")),
            key("valueraw", value(ParamType.RAW, "The raw value of the custom field")),
            key("value", value(ParamType.RAW, "The value of the custom field"))), "Custom fields and associated values")
            .optional();

    static final Descriptor GET_COURSES = multiple(single("course",
            key("id", value(ParamType.INT, "course id")),
            key("shortname", value(ParamType.RAW, "course short name")),
            key("categoryid", value(ParamType.INT, "category id")),
            key("categorysortorder", value(ParamType.INT, "sort order into the category").optional()),
            key("fullname", value(ParamType.RAW, "full name")),
            key("displayname", value(ParamType.RAW, "course display name")),
            key("idnumber", value(ParamType.RAW, "id number").optional()),
            key("summary", value(ParamType.RAW, "summary")),
            key("summaryformat", value(ParamType.INT, "summary format")),
            key("format", value(ParamType.PLUGIN, "course format: weeks, topics, social, site,..")),
            key("showgrades", value(ParamType.INT, "1 if grades are shown, otherwise 0").optional()),
            key("newsitems", value(ParamType.INT, "number of recent items appearing on the course page").optional()),
            key("startdate", value(ParamType.INT, "timestamp when the course start")),
            key("enddate", value(ParamType.INT, "timestamp when the course end")),
            key("numsections", value(ParamType.INT, "(deprecated, use courseformatoptions) number of weeks/topics")
                    .optional()),
            key("maxbytes", value(ParamType.INT, "largest size of file that can be uploaded into the course").optional()),
            key("showreports", value(ParamType.INT, "are activity report shown (yes = 1, no =0)").optional()),
            key("visible", value(ParamType.INT, "1: available to student, 0:not available").optional()),
            key("hiddensections", value(ParamType.INT, "(deprecated, use courseformatoptions) How the hidden sections")
                    .optional()),
            key("groupmode", value(ParamType.INT, "no group, separate, visible").optional()),
            key("groupmodeforce", value(ParamType.INT, "1: yes, 0: no").optional()),
            key("defaultgroupingid", value(ParamType.INT, "default grouping id").optional()),
            key("timecreated", value(ParamType.INT, "timestamp when the course have been created").optional()),
            key("timemodified", value(ParamType.INT, "timestamp when the course have been modified").optional()),
            key("enablecompletion", value(ParamType.INT, "Enabled, control via completion and activity settings")
                    .optional()),
            key("completionnotify", value(ParamType.INT, "1: yes 0: no").optional()),
            key("lang", value(ParamType.SAFEDIR, "forced course language").optional()),
            key("forcetheme", value(ParamType.PLUGIN, "name of the force theme").optional()),
            key("courseformatoptions", FORMAT_OPTIONS),
            key("showactivitydates", value(ParamType.BOOL, "Whether the activity dates are shown or not")),
            key("showcompletionconditions", value(ParamType.BOOL, "Whether the activity completion conditions are shown")),
            key("customfields", COURSE_CUSTOMFIELDS)), "course");

    static final Descriptor GET_CATEGORIES = multiple(single("Category",
            key("id", value(ParamType.INT, "category id")),
            key("name", value(ParamType.RAW, "category name")),
            key("idnumber", value(ParamType.RAW, "category id number").optional()),
            key("description", value(ParamType.RAW, "category description")),
            key("descriptionformat", value(ParamType.INT, "description format")),
            key("parent", value(ParamType.INT, "parent category id")),
            key("sortorder", value(ParamType.INT, "category sorting order")),
            key("coursecount", value(ParamType.INT, "number of courses in this category")),
            key("visible", value(ParamType.INT, "1: available, 0:not available").optional()),
            key("visibleold", value(ParamType.INT, "1: available, 0:not available").optional()),
            key("timemodified", value(ParamType.INT, "timestamp").optional()),
            key("depth", value(ParamType.INT, "category depth")),
            key("path", value(ParamType.TEXT, "category path")),
            key("theme", value(ParamType.PLUGIN, "category theme").optional())), "List of categories");

    static final Descriptor CREATE_CATEGORIES = multiple(single(
            key("id", value(ParamType.INT, "new category id")),
            key("name", value(ParamType.RAW, "new category name"))));

    static final Descriptor FILES = multiple(single("File.",
            key("filename", value(ParamType.FILE, "File name.").optional()),
            key("filepath", value(ParamType.PATH, "File path.").optional()),
            key("filesize", value(ParamType.INT, "File size.").optional()),
            key("fileurl", value(ParamType.URL, "Downloadable file url.").optional()),
            key("timemodified", value(ParamType.INT, "Time modified.").optional()),
            key("mimetype", value(ParamType.RAW, "File mime type.").optional()),
            key("isexternalfile", value(ParamType.BOOL, "Whether is an external file.").optional()),
            key("repositorytype", value(ParamType.PLUGIN, "The repository type for external files.").optional()),
            key("icon", value(ParamType.RAW, "The relative path to the file icon.").optional())), "Files").optional();

    static final Descriptor GET_COURSES_BY_FIELD = single(
            key("courses", multiple(single("Course",
                    key("id", value(ParamType.INT, "id")),
                    key("fullname", value(ParamType.TEXT, "fullname")),
                    key("displayname", value(ParamType.TEXT, "displayname")),
                    key("shortname", value(ParamType.TEXT, "shortname")),
                    key("courseimage", value(ParamType.URL, "Course image").optional()),
                    key("categoryid", value(ParamType.INT, "categoryid")),
                    key("categoryname", value(ParamType.TEXT, "categoryname")),
                    key("sortorder", value(ParamType.INT, "Sort order in the category").optional()),
                    key("summary", value(ParamType.RAW, "summary")),
                    key("summaryformat", value(ParamType.INT, "summary format")),
                    key("summaryfiles", FILES),
                    key("overviewfiles", FILES),
                    key("showactivitydates", value(ParamType.BOOL, "Whether the activity dates are shown or not")),
                    key("showcompletionconditions", value(ParamType.BOOL, "Whether the activity completion conditions are shown")),
                    key("contacts", multiple(single(
                            key("id", value(ParamType.INT, "contact user id")),
                            key("fullname", value(ParamType.NOTAGS, "contact user fullname"))), "contact user")),
                    key("enrollmentmethods", multiple(value(ParamType.PLUGIN, "enrollment method"))),
                    key("customfields", COURSE_CUSTOMFIELDS),
                    key("idnumber", value(ParamType.RAW, "Id number").optional()),
                    key("format", value(ParamType.PLUGIN, "Course format: weeks, topics, social, site..").optional()),
                    key("showgrades", value(ParamType.INT, "true if grades are shown, otherwise false").optional()),
                    key("newsitems", value(ParamType.INT, "Number of recent items appearing on the course page").optional()),
                    key("startdate", value(ParamType.INT, "Timestamp when the course start").optional()),
                    key("enddate", value(ParamType.INT, "Timestamp when the course end").optional()),
                    key("maxbytes", value(ParamType.INT, "Largest size of file that can be uploaded into").optional()),
                    key("showreports", value(ParamType.INT, "Are activity report shown (yes = 1, no =0)").optional()),
                    key("visible", value(ParamType.INT, "1: available to student, 0:not available").optional()),
                    key("groupmode", value(ParamType.INT, "no group, separate, visible").optional()),
                    key("groupmodeforce", value(ParamType.INT, "1: yes, 0: no").optional()),
                    key("defaultgroupingid", value(ParamType.INT, "default grouping id").optional()),
                    key("enablecompletion", value(ParamType.INT, "Completion enabled? 1: yes 0: no").optional()),
                    key("completionnotify", value(ParamType.INT, "1: yes 0: no").optional()),
                    key("lang", value(ParamType.SAFEDIR, "Forced course language").optional()),
                    key("theme", value(ParamType.PLUGIN, "Fame of the forced theme").optional()),
                    key("marker", value(ParamType.INT, "Current course marker").optional()),
                    key("legacyfiles", value(ParamType.INT, "If legacy files are enabled").optional()),
                    key("calendartype", value(ParamType.PLUGIN, "Calendar type").optional()),
                    key("timecreated", value(ParamType.INT, "Time when the course was created").optional()),
                    key("timemodified", value(ParamType.INT, "Last time the course was updated").optional()),
                    key("requested", value(ParamType.INT, "If is a requested course").optional()),
                    key("cacherev", value(ParamType.INT, "Cache revision number").optional()),
                    key("filters", multiple(single(
                            key("filter", value(ParamType.PLUGIN, "Filter plugin name")),
                            key("localstate", value(ParamType.INT, "Filter state: 1 for on, -1 for off, 0 if inherit")),
                            key("inheritedstate", value(ParamType.INT, "1 or 0 to use when localstate is set to inherit"))),
                            "Course filters").optional()),
                    key("courseformatoptions", FORMAT_OPTIONS),
                    key("communicationroomname", value(ParamType.TEXT, "Communication tool room name.").optional()),
                    key("communicationroomurl", value(ParamType.RAW, "Communication tool room URL.").optional())),
                    "Course")),
            key("warnings", warnings()));

    // ---- Golden success bodies ---------------------------------------------------------------

    private static void assertGolden(String file, Object value, Descriptor returns) {
        Golden g = Golden.of(file);
        String out = MoodleXml.response(value, returns);
        assertEquals(g.bodyText(), out, file);
        assertArrayEquals(g.body(), out.getBytes(StandardCharsets.UTF_8), file);
    }

    /** The JSON capture's value with the J data of the JSON run swapped for the X data of the XML run. */
    private static Object jsonWith(String file, String... replacements) {
        String text = Golden.of(file).bodyText();
        for (int i = 0; i < replacements.length; i += 2) {
            assertTrue(text.contains(replacements[i]), replacements[i]);
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        return Golden.json(text);
    }

    @Test
    void siteInfo() {
        // The JSON run leaves out the absent optional keys (userhomepageurl, usersessionscount).
        assertGolden("rest_xml_site_info.http", Golden.of("rest_json_site_info.http").bodyJson(), SITE_INFO);
    }

    @Test
    void addCohortMembersEmitsAbsentOptionalKeysAsNull() {
        assertGolden("rest_xml_add_cohort_members.http", Golden.of("rest_json_add_cohort_members.http").bodyJson(),
                ADD_COHORT_MEMBERS);
    }

    @Test
    void getCoursesEmitsAnAbsentListAsAnEmptyMultiple() {
        assertGolden("rest_xml_get_courses.http", Golden.of("rest_json_get_courses.http").bodyJson(), GET_COURSES);
        assertGolden("rest_xml_get_courses_all.http", Golden.of("rest_json_get_courses_all.http").bodyJson(),
                GET_COURSES);
    }

    @Test
    void usersByFieldEmail() {
        Object value = jsonWith("rest_json_get_users_by_field_email.http",
                "\"id\":10,", "\"id\":11,", "gold2j", "gold2x", "zoe.j+tag", "zoe.x+tag");
        assertGolden("rest_xml_get_users_by_field_email.http", value, USERS);
        assertGolden("rest_xml_get_users_by_field_empty.http", List.of(), USERS);
    }

    @Test
    void usersByFieldWithBooleans() {
        assertGolden("rest_xml_get_users_by_field.http", Golden.of("rest_json_get_users_by_field.http").bodyJson(),
                USERS);
    }

    @Test
    void categoriesEscapeHtml() {
        Object value = jsonWith("rest_json_get_categories.http",
                "\"id\":2,", "\"id\":3,", "\\u00fc J", "\\u00fc X", "CATJ", "CATX", "\"sortorder\":20000",
                "\"sortorder\":30000", "\"path\":\"\\/2\"", "\"path\":\"\\/3\"");
        assertGolden("rest_xml_get_categories.http", value, GET_CATEGORIES);
    }

    @Test
    void createCategories() {
        Map<String, Object> category = new LinkedHashMap<>();
        category.put("id", 3L);
        category.put("name", "Catégorie é/ü X");
        assertGolden("rest_xml_create_categories.http", List.of(category), CREATE_CATEGORIES);
    }

    @Test
    void coursesByFieldEmitsEveryDescribedKey() {
        Object value = jsonWith("rest_json_get_courses_by_field.http",
                "\"id\":3,", "\"id\":4,", "\\u00fc 1", "\\u00fc 2", "CURSO-J", "CURSO-X",
                "pluginfile.php\\/22\\/", "pluginfile.php\\/23\\/", "\"categoryid\":2,", "\"categoryid\":3,",
                "\\u00fc J", "\\u00fc X", "\"sortorder\":20001", "\"sortorder\":30001", "CRSJ", "CRSX");
        assertGolden("rest_xml_get_courses_by_field.http", value, GET_COURSES_BY_FIELD);
    }

    @Test
    void emptyWarnings() {
        assertGolden("rest_xml_update_users.http", Golden.of("rest_json_update_users.http").bodyJson(), UPDATE_USERS);
        assertGolden("rest_xml_update_users.http", Map.of(), UPDATE_USERS);
    }

    @Test
    void functionsThatReturnNothing() {
        for (String f : List.of("rest_xml_enrol_users.http", "rest_xml_add_group_members.http",
                "rest_xml_assign_roles.http", "rest_xml_delete_cohort_members.http", "rest_xml_unenrol_users.http")) {
            assertGolden(f, null, null);
        }
        assertEquals(HEAD + "<RESPONSE>\n</RESPONSE>\n", MoodleXml.response("ignored", null));
    }

    // ---- Golden error bodies -----------------------------------------------------------------

    static Stream<String> xmlErrorCaptures() {
        return Stream.concat(Golden.files("rest_xml_").stream(), Golden.files("debug_rest_xml_").stream())
                .filter(f -> Golden.of(f).bodyText().contains("<EXCEPTION "));
    }

    private static final Pattern ERROR = Pattern.compile("<\\?xml version=\"1.0\" encoding=\"UTF-8\" \\?>\n"
            + "<EXCEPTION class=\"([^\"]*)\">\n<ERRORCODE>(.*?)</ERRORCODE>\n<MESSAGE>(.*?)</MESSAGE>\n"
            + "(?:<DEBUGINFO>(.*?)</DEBUGINFO>\n)?</EXCEPTION>\n", Pattern.DOTALL);

    private static String unescape(String s) {
        return s == null ? null
                : s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    @ParameterizedTest
    @MethodSource("xmlErrorCaptures")
    void errorBodies(String file) {
        Golden g = Golden.of(file);
        Matcher m = ERROR.matcher(g.bodyText());
        assertTrue(m.matches(), file);
        WsException e = new WsException(unescape(m.group(1)), unescape(m.group(2)), unescape(m.group(3)),
                unescape(m.group(4)));
        assertArrayEquals(g.body(), MoodleXml.error(e, file.startsWith("debug_")).getBytes(StandardCharsets.UTF_8),
                file);
    }

    /** The XML error of each JSON error capture whose XML twin had the same data. */
    static Stream<String> jsonXmlErrorPairs() {
        return xmlErrorCaptures().filter(f -> !f.contains("duplicate_shortname"))
                .filter(f -> java.nio.file.Files.exists(Golden.DIR.resolve(f.replace("_xml_", "_json_"))));
    }

    @ParameterizedTest
    @MethodSource("jsonXmlErrorPairs")
    void errorBodiesFromTheJsonTwin(String file) {
        Map<?, ?> json = (Map<?, ?>) Golden.of(file.replace("_xml_", "_json_")).bodyJson();
        WsException e = new WsException((String) json.get("exception"), (String) json.get("errorcode"),
                (String) json.get("message"), (String) json.get("debuginfo"));
        assertArrayEquals(Golden.of(file).body(),
                MoodleXml.error(e, file.startsWith("debug_")).getBytes(StandardCharsets.UTF_8), file);
    }

    @Test
    void errorShapes() {
        assertTrue(jsonXmlErrorPairs().count() >= 25);
        WsException e = WsException.accessException("a <b> & \"c\" 'd'\nline");
        assertEquals(HEAD + "<EXCEPTION class=\"webservice_access_exception\">\n<ERRORCODE>accessexception</ERRORCODE>\n"
                + "<MESSAGE>Access control exception</MESSAGE>\n"
                + "<DEBUGINFO>a &lt;b&gt; &amp; &quot;c&quot; 'd'\nline</DEBUGINFO>\n</EXCEPTION>\n",
                MoodleXml.error(e, true));
        assertEquals(HEAD + "<EXCEPTION class=\"core\\exception\\moodle_exception\">\n<ERRORCODE>invalidtoken</ERRORCODE>\n"
                + "<MESSAGE>Invalid token - token not found</MESSAGE>\n</EXCEPTION>\n",
                MoodleXml.error(WsException.invalidToken(), true));
        assertEquals(Golden.of("rest_xml_err_access_exception.http").bodyText(),
                MoodleXml.error(WsException.accessException("anything"), false));
        assertEquals(Golden.of("rest_xml_create_courses_err_duplicate_shortname.http").bodyText(),
                MoodleXml.error(WsException.of("shortnametaken",
                        "Short name is already used for another course (CURSO-X/é)"), false));
    }

    // ---- Rules -------------------------------------------------------------------------------

    @Test
    void scalars() {
        Descriptor v = value(ParamType.RAW, "");
        assertEquals(HEAD + "<RESPONSE>\n<VALUE>1</VALUE>\n</RESPONSE>\n", MoodleXml.response(true, v));
        assertEquals(HEAD + "<RESPONSE>\n<VALUE>0</VALUE>\n</RESPONSE>\n", MoodleXml.response(false, v));
        assertEquals(HEAD + "<RESPONSE>\n<VALUE>-42</VALUE>\n</RESPONSE>\n", MoodleXml.response(-42L, v));
        assertEquals(HEAD + "<RESPONSE>\n<VALUE>7</VALUE>\n</RESPONSE>\n", MoodleXml.response(7, v));
        assertEquals(HEAD + "<RESPONSE>\n<VALUE></VALUE>\n</RESPONSE>\n", MoodleXml.response("", v));
        assertEquals(HEAD + "<RESPONSE>\n<VALUE null=\"null\"/>\n</RESPONSE>\n", MoodleXml.response(null, v));
    }

    @Test
    void floatsAsPhpPrintsThemInStringContext() {
        Descriptor v = value(ParamType.FLOAT, "");
        String[][] cases = { { "0.1", "0.1" }, { "1.0", "1" }, { "-0.0", "-0" }, { "2.5", "2.5" },
                { "0.30000000000000004", "0.3" }, { "3.141592653589793", "3.1415926535898" },
                { "1e14", "1.0E+14" }, { "99999999999999", "99999999999999" }, { "123456789012345", "1.2345678901234E+14" },
                { "1e25", "1.0E+25" }, { "0.0001", "0.0001" }, { "0.00001", "1.0E-5" }, { "-1.5e-7", "-1.5E-7" },
                { "NaN", "NAN" }, { "Infinity", "INF" }, { "-Infinity", "-INF" } };
        for (String[] c : cases) {
            assertEquals(HEAD + "<RESPONSE>\n<VALUE>" + c[1] + "</VALUE>\n</RESPONSE>\n",
                    MoodleXml.response(Double.parseDouble(c[0]), v), c[0]);
        }
        assertEquals(HEAD + "<RESPONSE>\n<VALUE>0.1</VALUE>\n</RESPONSE>\n", MoodleXml.response(0.1f, v));
    }

    @Test
    void escaping() {
        assertEquals("a &amp; b &lt;c&gt; &quot;d&quot; 'e' é/ü 😀", MoodleXml.escape("a & b <c> \"d\" 'e' é/ü 😀"));
        assertEquals("&amp;amp;", MoodleXml.escape("&amp;"));
        assertEquals("plain", MoodleXml.escape("plain"));
        assertEquals("", MoodleXml.escape("bad \ud800 utf-8"), "htmlspecialchars returns '' for invalid UTF-8");
        assertEquals("", MoodleXml.escape("\udc00"));
    }

    @Test
    void structures() {
        Descriptor d = single(
                key("one", value(ParamType.INT, "")),
                key("two", value(ParamType.TEXT, "").optional()),
                key("list", multiple(value(ParamType.INT, ""))),
                key("empty", multiple(value(ParamType.INT, "")).optional()),
                key("nested", single(key("x", value(ParamType.RAW, "")))),
                key("grid", multiple(multiple(value(ParamType.RAW, "")))));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("list", List.of(2L));
        v.put("one", 1L);
        v.put("unknown", "dropped");
        v.put("grid", List.of(List.of("a"), List.of()));
        assertEquals(HEAD + "<RESPONSE>\n<SINGLE>\n"
                + "<KEY name=\"one\"><VALUE>1</VALUE>\n</KEY>\n"
                + "<KEY name=\"two\"><VALUE null=\"null\"/>\n</KEY>\n"
                + "<KEY name=\"list\"><MULTIPLE>\n<VALUE>2</VALUE>\n</MULTIPLE>\n</KEY>\n"
                + "<KEY name=\"empty\"><MULTIPLE>\n</MULTIPLE>\n</KEY>\n"
                + "<KEY name=\"nested\"><SINGLE>\n<KEY name=\"x\"><VALUE null=\"null\"/>\n</KEY>\n</SINGLE>\n</KEY>\n"
                + "<KEY name=\"grid\"><MULTIPLE>\n<MULTIPLE>\n<VALUE>a</VALUE>\n</MULTIPLE>\n<MULTIPLE>\n</MULTIPLE>\n"
                + "</MULTIPLE>\n</KEY>\n"
                + "</SINGLE>\n</RESPONSE>\n", MoodleXml.response(v, d));
    }

    @Test
    void nullValuesWithADescriptorPrintAsXmlizeResultDoes() {
        assertEquals(HEAD + "<RESPONSE>\n<SINGLE>\n<KEY name=\"a\"><VALUE null=\"null\"/>\n</KEY>\n</SINGLE>\n</RESPONSE>\n",
                MoodleXml.response(null, single(key("a", value(ParamType.INT, ""))).nullable()));
        assertEquals(HEAD + "<RESPONSE>\n<MULTIPLE>\n</MULTIPLE>\n</RESPONSE>\n",
                MoodleXml.response(null, multiple(value(ParamType.INT, ""))));
        assertEquals(HEAD + "<RESPONSE>\n<MULTIPLE>\n<VALUE null=\"null\"/>\n<VALUE>1</VALUE>\n</MULTIPLE>\n</RESPONSE>\n",
                MoodleXml.response(Arrays.asList(null, 1L), multiple(value(ParamType.INT, ""))));
    }

    @Test
    void aScalarMustBeAScalar() {
        assertThrows(IllegalArgumentException.class,
                () -> MoodleXml.response(Map.of("a", 1L), value(ParamType.RAW, "")));
        assertThrows(IllegalArgumentException.class,
                () -> MoodleXml.response(List.of(List.of()), multiple(value(ParamType.RAW, ""))));
    }
}
