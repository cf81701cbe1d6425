package io.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;

import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atrium.itests.support.Golden;
import io.atrium.itests.support.Http.Response;
import io.atrium.itests.support.Moodle;
import io.atrium.itests.support.TestAuth;
import io.atrium.lms.api.Categories;
import io.atrium.lms.api.Courses;

/**
 * core_course_* for categories and courses over REST, against Moodle's captures, and what they
 * leave in the database and the log; the Courses service's copy from a template.
 */
public abstract class CoursesCases extends DataCases {

    /** A token of the guest user, who may create nothing. */
    static final String GUEST = "0c0a5e5f1b2d4e6f8a9b0c1d2e3f4a5b";

    @Inject
    private Courses courses;

    @Inject
    private Categories categories;

    /** A token of a user (id 900, made by {@link #creator()}) who is course creator in one category only. */
    static final String CREATOR = "9a8b7c6d5e4f30211203f4e5d6c7b8a9";

    @Override
    protected TestAuth authenticator() {
        return new TestAuth().with(GUEST, new TestAuth.Token(1, "guest", "oracle_ws",
                Set.of("webservice/rest:use"), f -> true))
                .with(CREATOR, new TestAuth.Token(900, "creator900", "oracle_ws",
                        Set.of("webservice/rest:use"), f -> true));
    }

    /** User 900, course creator in CATJ/é-1 (a role assigned in the category's context). */
    private void creator(long cat) {
        store.inTransaction(false, db -> {
            if (db.number("SELECT COUNT(*) FROM mdl_user WHERE id = 900") == 0) {
                db.update("INSERT INTO mdl_user (id, username, firstname, lastname, email) "
                        + "VALUES (900, 'creator900', 'Cre', 'Ator', 'creator900@example.com')");
                long ctx = db.number("SELECT id FROM mdl_context WHERE contextlevel = 40 AND instanceid = ?", cat);
                db.insert("mdl_role_assignments", Map.of("roleid", 2L, "contextid", ctx, "userid", 900L));
            }
            return null;
        });
    }

    /** The category of the captures (CATJ/é-1), created as Moodle's capture did; its id. */
    private long catJ() {
        if (count("SELECT COUNT(*) FROM mdl_course_categories WHERE idnumber = 'CATJ/é-1'") == 0) {
            Response r = admin.replay("rest_json_create_categories");
            Moodle.assertSameShape("rest_json_create_categories", r.body());
        }
        return count("SELECT id FROM mdl_course_categories WHERE idnumber = 'CATJ/é-1'");
    }

    /** The course of the captures (CURSO-J/é in CATJ/é-1); its id. */
    private long cursoJ() {
        long cat = catJ();
        if (count("SELECT COUNT(*) FROM mdl_course WHERE shortname = 'CURSO-J/é'") == 0) {
            Response r;
            if (cat == 2) {
                r = admin.replay("rest_json_create_courses");
            } else {
                r = admin.call("core_course_create_courses", "courses[0][fullname]", "Curso é/ü 1",
                        "courses[0][shortname]", "CURSO-J/é", "courses[0][categoryid]", String.valueOf(cat),
                        "courses[0][idnumber]", "CRSJ/é-1", "courses[0][summary]",
                        "<p>Résumé é/ü & \"quoted\" <a href=\"https://example.com/a/b?x=1&y=2\">link</a></p>",
                        "courses[0][summaryformat]", "1");
            }
            Moodle.assertSameShape("rest_json_create_courses", r.body());
            assertEquals("CURSO-J/é", JsonParser.parseString(r.body()).getAsJsonArray().get(0).getAsJsonObject()
                    .get("shortname").getAsString());
        }
        return count("SELECT id FROM mdl_course WHERE shortname = 'CURSO-J/é'");
    }

    private long course(String shortname, long category) {
        JsonElement e = admin.json("core_course_create_courses", "courses[0][fullname]", "Course " + shortname,
                "courses[0][shortname]", shortname, "courses[0][categoryid]", String.valueOf(category));
        assertTrue(e.toString(), e.isJsonArray());
        return e.getAsJsonArray().get(0).getAsJsonObject().get("id").getAsLong();
    }

    @Test
    public void createCategoriesAnswersAsMoodleAndKeepsTheTree() {
        long logged = count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ?",
                "\\core\\event\\course_category_created");
        boolean fresh = count("SELECT COUNT(*) FROM mdl_course_categories WHERE idnumber = 'CATJ/é-1'") == 0;
        long cat = catJ();
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_course_categories WHERE id = ? AND name = 'Catégorie é/ü J' "
                + "AND parent = 0 AND depth = 1 AND path = ? AND descriptionformat = 1", cat, "/" + cat));
        long ctx = count("SELECT id FROM mdl_context WHERE contextlevel = 40 AND instanceid = ?", cat);
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_context WHERE id = ? AND path = ? AND depth = 2", ctx,
                "/1/" + ctx));
        if (fresh) {
            assertEquals(logged + 1, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ?",
                    "\\core\\event\\course_category_created"));
        }
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND objectid = ? "
                + "AND objecttable = 'course_categories' AND crud = 'c' AND contextlevel = 40 AND contextid = ? "
                + "AND userid = 2", "\\core\\event\\course_category_created", cat, ctx));

        // A subcategory: under the parent in path, depth, context and sort order.
        JsonArray sub = admin.json("core_course_create_categories", "categories[0][name]", "Sub of J",
                "categories[0][parent]", String.valueOf(cat)).getAsJsonArray();
        long subId = sub.get(0).getAsJsonObject().get("id").getAsLong();
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_course_categories WHERE id = ? AND parent = ? AND depth = 2 "
                + "AND path = ? AND idnumber IS NULL", subId, cat, "/" + cat + "/" + subId));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_context WHERE contextlevel = 40 AND instanceid = ? "
                + "AND path = ? AND depth = 3", subId, "/1/" + ctx + "/" + count(
                        "SELECT id FROM mdl_context WHERE contextlevel = 40 AND instanceid = ?", subId)));
        assertTrue("categories are numbered depth first in steps of 10000",
                count("SELECT sortorder FROM mdl_course_categories WHERE id = ?", subId)
                        == count("SELECT sortorder FROM mdl_course_categories WHERE id = ?", cat) + 10000);
        assertEquals(10000, count("SELECT sortorder FROM mdl_course_categories WHERE id = 1"));
    }

    @Test
    public void aDuplicateCategoryIdnumberIsMoodlesErrorAndLeavesNothing() {
        catJ();
        long before = count("SELECT COUNT(*) FROM mdl_course_categories");
        long contexts = count("SELECT COUNT(*) FROM mdl_context");
        Response r = admin.replay("rest_json_create_categories_err_duplicate_idnumber");
        assertEquals(Golden.read("rest_json_create_categories_err_duplicate_idnumber").responseText(), r.body());
        // The first of two is created, the second fails: neither stays.
        r = admin.call("core_course_create_categories", "categories[0][name]", "Half 1", "categories[0][idnumber]",
                "HALF-CAT", "categories[1][name]", "Half 2", "categories[1][idnumber]", "HALF-CAT");
        assertTrue(r.body(), r.body().contains("categoryidnumbertaken"));
        assertEquals(before, count("SELECT COUNT(*) FROM mdl_course_categories"));
        assertEquals(contexts, count("SELECT COUNT(*) FROM mdl_context"));
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND objectid NOT IN "
                + "(SELECT id FROM mdl_course_categories)", "\\core\\event\\course_category_created"));
    }

    @Test
    public void getCategoriesAnswersAsMoodle() {
        long cat = catJ();
        Response r = admin.replay("rest_json_get_categories");
        Moodle.assertSameShape("rest_json_get_categories", r.body());
        JsonArray list = JsonParser.parseString(r.body()).getAsJsonArray();
        assertEquals(r.body(), 1, list.size());
        JsonObject c = list.get(0).getAsJsonObject();
        JsonObject expected = JsonParser.parseString(Golden.read("rest_json_get_categories").responseText())
                .getAsJsonArray().get(0).getAsJsonObject();
        for (String k : List.of("name", "idnumber", "description", "descriptionformat", "parent", "visible",
                "visibleold", "depth", "theme")) {
            assertEquals(k, expected.get(k), c.get(k));
        }
        assertEquals(cat, c.get("id").getAsLong());
        assertEquals("/" + cat, c.get("path").getAsString());

        // With its subcategories unless asked not to.
        long subs = count("SELECT COUNT(*) FROM mdl_course_categories WHERE parent = ?", cat);
        JsonArray withSubs = admin.json("core_course_get_categories", "criteria[0][key]", "id",
                "criteria[0][value]", String.valueOf(cat)).getAsJsonArray();
        assertEquals(1 + subs, withSubs.size());
        assertEquals(cat, withSubs.get(0).getAsJsonObject().get("id").getAsLong());
    }

    @Test
    public void createCoursesAnswersAsMoodleAndStoresTheCourse() {
        long logged = count("SELECT COUNT(*) FROM mdl_logstore_standard_log");
        long cat = catJ();
        long id = cursoJ();
        long ctx = count("SELECT id FROM mdl_context WHERE contextlevel = 50 AND instanceid = ?", id);
        long catCtx = count("SELECT id FROM mdl_context WHERE contextlevel = 40 AND instanceid = ?", cat);
        assertEquals("the course context is under its category's", 1, count(
                "SELECT COUNT(*) FROM mdl_context WHERE id = ? AND path = ? AND depth = 3", ctx,
                "/1/" + catCtx + "/" + ctx));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_course WHERE id = ? AND category = ? AND idnumber = ? "
                + "AND format = 'topics' AND newsitems = 5 AND enablecompletion = 1 AND visible = 1", id, cat,
                "CRSJ/é-1"));
        assertEquals("section 0 and the 4 sections of a new topics course", 5,
                count("SELECT COUNT(*) FROM mdl_course_sections WHERE course = ?", id));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_enrol WHERE courseid = ? AND enrol = 'manual' AND status = 0 "
                + "AND roleid = 5", id));
        assertEquals(count("SELECT COUNT(*) FROM mdl_course WHERE category = ?", cat),
                count("SELECT coursecount FROM mdl_course_categories WHERE id = ?", cat));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND objectid = ? "
                + "AND objecttable = 'course' AND crud = 'c' AND edulevel = 1 AND contextlevel = 50 AND contextid = ? "
                + "AND courseid = ? AND userid = 2 AND other LIKE '%fullname%'", "\\core\\event\\course_created", id, ctx,
                id));
        assertTrue(count("SELECT COUNT(*) FROM mdl_logstore_standard_log") > logged
                || count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE objectid = ?", id) > 0);
    }

    @Test
    public void aDuplicateShortnameIsMoodlesErrorAndAFailedCallLeavesNothing() {
        long cat = catJ();
        cursoJ();
        if (cat == 2) {
            Response r = admin.replay("rest_json_create_courses_err_duplicate_shortname");
            assertEquals(Golden.read("rest_json_create_courses_err_duplicate_shortname").responseText(), r.body());
        }
        Response r = admin.call("core_course_create_courses", "courses[0][fullname]", "Curso duplicado é/ü",
                "courses[0][shortname]", "CURSO-J/é", "courses[0][categoryid]", String.valueOf(cat));
        assertEquals(Golden.read("rest_json_create_courses_err_duplicate_shortname").responseText(), r.body());

        long courseRows = count("SELECT COUNT(*) FROM mdl_course");
        long contexts = count("SELECT COUNT(*) FROM mdl_context");
        long sections = count("SELECT COUNT(*) FROM mdl_course_sections");
        long enrols = count("SELECT COUNT(*) FROM mdl_enrol");
        long logged = count("SELECT COUNT(*) FROM mdl_logstore_standard_log");
        long coursecount = count("SELECT coursecount FROM mdl_course_categories WHERE id = ?", cat);
        r = admin.call("core_course_create_courses",
                "courses[0][fullname]", "Half 1", "courses[0][shortname]", "HALF-1", "courses[0][categoryid]",
                String.valueOf(cat), "courses[0][idnumber]", "HALF-ID",
                "courses[1][fullname]", "Half 2", "courses[1][shortname]", "HALF-2", "courses[1][categoryid]",
                String.valueOf(cat), "courses[1][idnumber]", "HALF-ID");
        JsonObject e = JsonParser.parseString(r.body()).getAsJsonObject();
        assertEquals(r.body(), "courseidnumbertaken", e.get("errorcode").getAsString());
        assertEquals("ID number is already used for another course (HALF-ID)", e.get("message").getAsString());
        assertEquals("the first course, created before the second failed, is gone", courseRows,
                count("SELECT COUNT(*) FROM mdl_course"));
        assertEquals(contexts, count("SELECT COUNT(*) FROM mdl_context"));
        assertEquals(sections, count("SELECT COUNT(*) FROM mdl_course_sections"));
        assertEquals(enrols, count("SELECT COUNT(*) FROM mdl_enrol"));
        assertEquals(logged, count("SELECT COUNT(*) FROM mdl_logstore_standard_log"));
        assertEquals(coursecount, count("SELECT coursecount FROM mdl_course_categories WHERE id = ?", cat));
    }

    @Test
    public void aCourseInACategoryThatDoesNotExistIsAContextError() {
        Response r = admin.call("core_course_create_courses", "courses[0][fullname]", "Nowhere",
                "courses[0][shortname]", "NOWHERE", "courses[0][categoryid]", "99999");
        assertEquals("{\"exception\":\"core\\\\exception\\\\moodle_exception\",\"errorcode\":\"errorcatcontextnotvalid\","
                + "\"message\":\"You cannot execute functions in the category context (category id:99999). "
                + "The context error message was: Invalid parameter value detected\"}", r.body());
    }

    @Test
    public void theGuestMayNotCreateCoursesNorCategories() throws Exception {
        try (AutoCloseable rest = allow(6, "webservice/rest:use")) {
            guestMayNotCreate();
        }
    }

    private void guestMayNotCreate() {
        long cat = catJ();
        Moodle guest = new Moodle(http, GUEST);
        Response r = guest.call("core_course_create_courses", "courses[0][fullname]", "G",
                "courses[0][shortname]", "GUESTCOURSE", "courses[0][categoryid]", String.valueOf(cat));
        assertEquals(Golden.read("rest_json_err_nopermissions").responseText().replace("Create users",
                "Create courses"), r.body());
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_course WHERE shortname = 'GUESTCOURSE'"));
    }

    @Test
    public void getCoursesByFieldAnswersAsMoodle() {
        long id = cursoJ();
        long cat = catJ();
        Response r = admin.replay("rest_json_get_courses_by_field");
        Moodle.assertSameShape("rest_json_get_courses_by_field", r.body());
        JsonObject c = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("courses").get(0)
                .getAsJsonObject();
        JsonObject expected = JsonParser.parseString(Golden.read("rest_json_get_courses_by_field").responseText())
                .getAsJsonObject().getAsJsonArray("courses").get(0).getAsJsonObject();
        for (String k : List.of("fullname", "displayname", "shortname", "categoryname", "summary", "summaryformat",
                "summaryfiles", "overviewfiles", "showactivitydates", "showcompletionconditions", "contacts",
                "enrollmentmethods", "idnumber", "format", "showgrades", "newsitems", "startdate", "enddate",
                "maxbytes", "showreports", "visible", "groupmode", "groupmodeforce", "defaultgroupingid",
                "enablecompletion", "completionnotify", "lang", "theme", "marker", "legacyfiles", "calendartype",
                "requested", "filters", "courseformatoptions")) {
            assertEquals(k, expected.get(k), c.get(k));
        }
        long ctx = count("SELECT id FROM mdl_context WHERE contextlevel = 50 AND instanceid = ?", id);
        assertTrue(c.get("courseimage").getAsString(),
                c.get("courseimage").getAsString().endsWith("/pluginfile.php/" + ctx + "/course/generated/course.svg"));
        assertEquals(id, c.get("id").getAsLong());
        assertEquals(cat, c.get("categoryid").getAsLong());
        assertEquals(count("SELECT sortorder FROM mdl_course_categories WHERE id = ?", cat) + 1
                + count("SELECT COUNT(*) FROM mdl_course WHERE category = ? AND id > ?", cat, id),
                c.get("sortorder").getAsLong());

        // The other fields.
        JsonObject byId = admin.json("core_course_get_courses_by_field", "field", "id", "value", String.valueOf(id))
                .getAsJsonObject();
        assertEquals(1, byId.getAsJsonArray("courses").size());
        JsonObject byCat = admin.json("core_course_get_courses_by_field", "field", "category", "value",
                String.valueOf(cat)).getAsJsonObject();
        assertEquals(count("SELECT COUNT(*) FROM mdl_course WHERE category = ?", cat),
                byCat.getAsJsonArray("courses").size());
        long section = count("SELECT MIN(id) FROM mdl_course_sections WHERE course = ?", id);
        JsonObject bySection = admin.json("core_course_get_courses_by_field", "field", "sectionid", "value",
                String.valueOf(section)).getAsJsonObject();
        assertEquals(id, bySection.getAsJsonArray("courses").get(0).getAsJsonObject().get("id").getAsLong());
        JsonObject all = admin.json("core_course_get_courses_by_field").getAsJsonObject();
        assertEquals(count("SELECT COUNT(*) FROM mdl_course"), all.getAsJsonArray("courses").size());
        JsonObject bad = admin.json("core_course_get_courses_by_field", "field", "nonsense", "value", "1")
                .getAsJsonObject();
        assertEquals("invalidparameter", bad.get("errorcode").getAsString());
    }

    @Test
    public void getCoursesAnswersAsMoodleWithTheSiteCourse() {
        cursoJ();
        Response r = admin.replay("rest_json_get_courses_all");
        Moodle.assertSameShape("rest_json_get_courses_all", r.body());
        JsonArray all = JsonParser.parseString(r.body()).getAsJsonArray();
        assertEquals(count("SELECT COUNT(*) FROM mdl_course"), all.size());
        JsonObject site = all.get(0).getAsJsonObject();
        assertEquals("site", site.get("format").getAsString());
        assertTrue(site.get("showcompletionconditions").isJsonNull());
        assertEquals(1, site.get("numsections").getAsInt());

        r = admin.replay("rest_json_get_courses");
        Moodle.assertSameShape("rest_json_get_courses", r.body());
        JsonObject two = JsonParser.parseString(r.body()).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(2, two.get("id").getAsLong());
        assertEquals(count("SELECT sortorder FROM mdl_course WHERE id = 2"), two.get("categorysortorder").getAsLong());
    }

    @Test
    public void deleteCoursesRemovesTheCourseAndWhatHangsOnIt() {
        cursoJ(); // first, so that the captures' course 2 is always CURSO-J/é
        long cat = catJ();
        long id = course("CURSO-DEL/é", cat);
        long ctx = count("SELECT id FROM mdl_context WHERE contextlevel = 50 AND instanceid = ?", id);
        long coursecount = count("SELECT coursecount FROM mdl_course_categories WHERE id = ?", cat);
        // Something to take along: a group, an enrolled user with a role, a module.
        store.inTransaction(false, db -> {
            db.insert("mdl_groups", Map.of("courseid", id, "name", "G"));
            long enrol = db.number("SELECT id FROM mdl_enrol WHERE courseid = ?", id);
            db.insert("mdl_user_enrolments", Map.of("enrolid", enrol, "userid", 2L));
            db.insert("mdl_role_assignments", Map.of("roleid", 5L, "contextid", ctx, "userid", 2L));
            long section = db.number("SELECT id FROM mdl_course_sections WHERE course = ? AND section = 1", id);
            db.insert("mdl_course_modules", Map.of("course", id, "section", section, "modname", "page"));
            return null;
        });
        Response r = admin.call("core_course_delete_courses", "courseids[0]", String.valueOf(id));
        assertEquals(Golden.read("rest_json_delete_courses").responseText(), r.body());
        for (String table : List.of("mdl_course_sections WHERE course", "mdl_course_modules WHERE course",
                "mdl_groups WHERE courseid", "mdl_enrol WHERE courseid", "mdl_course_format_options WHERE courseid",
                "mdl_course WHERE id")) {
            assertEquals(table, 0, count("SELECT COUNT(*) FROM " + table + " = ?", id));
        }
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_context WHERE id = ?", ctx));
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_role_assignments WHERE contextid = ?", ctx));
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_user_enrolments WHERE enrolid NOT IN (SELECT id FROM mdl_enrol)"));
        assertEquals(coursecount - 1, count("SELECT coursecount FROM mdl_course_categories WHERE id = ?", cat));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND objectid = ? "
                + "AND objecttable = 'course' AND crud = 'd' AND contextlevel = 50 AND contextid = ? AND other LIKE ?",
                "\\core\\event\\course_deleted", id, ctx, "%CURSO-DEL%"));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND contextid = ? "
                + "AND relateduserid = 2 AND objecttable = 'user_enrolments'", "\\core\\event\\user_enrolment_deleted",
                ctx));

        r = admin.replay("rest_json_delete_courses_warning_unknown");
        assertEquals(Golden.read("rest_json_delete_courses_warning_unknown").responseText(), r.body());
        r = admin.call("core_course_delete_courses", "courseids[0]", "1");
        assertEquals("{\"warnings\":[{\"item\":\"course\",\"itemid\":1,\"warningcode\":\"cannotdeletecourse\","
                + "\"message\":\"You don't have the permission to delete the course with id: 1\"}]}", r.body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_course WHERE id = 1"));
    }

    @Test
    public void aCourseIsCopiedFromATemplateWithItsSectionsAndModules() throws Exception {
        cursoJ(); // first, so that the captures' course 2 is always CURSO-J/é
        long cat = catJ();
        long template = course("TEMPLATE-1", cat);
        store.inTransaction(false, db -> {
            long s1 = db.number("SELECT id FROM mdl_course_sections WHERE course = ? AND section = 1", template);
            db.update("UPDATE mdl_course_sections SET name = 'Intro week' WHERE id = ?", s1);
            Map<String, Object> a = new LinkedHashMap<>(Map.of("course", template, "section", s1, "modname", "page",
                    "name", "Welcome", "intro", "<p>Hi</p>", "settings", "{\"display\":5}", "idnumber", "W1"));
            long m1 = db.insert("mdl_course_modules", a);
            long m2 = db.insert("mdl_course_modules", Map.of("course", template, "section", s1, "modname", "quiz",
                    "name", "Check", "visible", 0));
            db.update("UPDATE mdl_course_sections SET sequence = ? WHERE id = ?", m2 + "," + m1, s1);
            return null;
        });
        long copy = store.inTransaction(false, db -> courses.copy(template,
                Map.of("shortname", "COPY-1", "fullname", "Copy of template"), 2));
        assertTrue(courses.get(copy).isPresent());
        assertEquals("COPY-1", courses.get(copy).get().shortname());
        assertEquals(count("SELECT COUNT(*) FROM mdl_course_sections WHERE course = ?", template),
                count("SELECT COUNT(*) FROM mdl_course_sections WHERE course = ?", copy));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_course_sections WHERE course = ? AND section = 1 "
                + "AND name = 'Intro week'", copy));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_course_modules m JOIN mdl_course_sections s ON s.id = m.section "
                + "WHERE m.course = ? AND s.course = ? AND s.section = 1 AND m.modname = 'page' AND m.name = 'Welcome' "
                + "AND m.intro = '<p>Hi</p>' AND m.settings = '{\"display\":5}' AND m.idnumber = 'W1' AND m.visible = 1",
                copy, copy));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_course_modules WHERE course = ? AND modname = 'quiz' "
                + "AND visible = 0", copy));
        long quiz = count("SELECT id FROM mdl_course_modules WHERE course = ? AND modname = 'quiz'", copy);
        long page = count("SELECT id FROM mdl_course_modules WHERE course = ? AND modname = 'page'", copy);
        String sequence = store.inTransaction(true, db -> db.first("SELECT sequence FROM mdl_course_sections "
                + "WHERE course = ? AND section = 1", rs -> rs.getString(1), copy)).orElseThrow();
        assertEquals("the section keeps its order with the new modules", quiz + "," + page, sequence);
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_enrol WHERE courseid = ? AND enrol = 'manual'", copy));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND objectid = ?",
                "\\core\\event\\course_created", copy));
        assertFalse(categories.get(cat).isEmpty());
        assertEquals(count("SELECT COUNT(*) FROM mdl_course WHERE category = ?", cat),
                categories.get(cat).get().coursecount());

        // A copy that fails (a taken short name) leaves nothing.
        long before = count("SELECT COUNT(*) FROM mdl_course_modules");
        io.atrium.ws.api.WsException e = org.junit.Assert.assertThrows(io.atrium.ws.api.WsException.class,
                () -> store.inTransaction(false, db -> courses.copy(template, Map.of("shortname", "COPY-1"), 2)));
        assertEquals("shortnametaken", e.errorcode());
        assertEquals(before, count("SELECT COUNT(*) FROM mdl_course_modules"));
    }

    /** An XML answer with the values that differ between sites (ids, times, sort orders, paths) blanked. */
    private static String comparableXml(String xml) {
        return xml.replaceAll("<KEY name=\"(id|categoryid|sortorder|timecreated|timemodified|cacherev|path)\">"
                + "<VALUE>[^<]*</VALUE>", "<KEY name=\"$1\"><VALUE>#</VALUE>")
                .replaceAll("<VALUE>https?://[^<]*/pluginfile.php/[0-9]+/", "<VALUE>#/pluginfile.php/#/");
    }

    @Test
    public void theXmlTwinsAnswerAsMoodle() {
        cursoJ(); // first, so that the captures' course 2 is always CURSO-J/é
        if (count("SELECT COUNT(*) FROM mdl_course_categories WHERE idnumber = 'CATX/é-1'") == 0) {
            Response r = admin.replay("rest_xml_create_categories");
            assertEquals(comparableXml(Golden.read("rest_xml_create_categories").responseText()),
                    comparableXml(r.body()));
        }
        long catX = count("SELECT id FROM mdl_course_categories WHERE idnumber = 'CATX/é-1'");
        assertEquals(Golden.read("rest_xml_create_categories_err_duplicate_idnumber").responseText(),
                admin.replay("rest_xml_create_categories_err_duplicate_idnumber").body());
        assertEquals(comparableXml(Golden.read("rest_xml_get_categories").responseText()),
                comparableXml(admin.replay("rest_xml_get_categories").body()));

        if (count("SELECT COUNT(*) FROM mdl_course WHERE shortname = 'CURSO-X/é'") == 0) {
            Moodle.assertNoException(admin.call("core_course_create_courses", "courses[0][fullname]", "Curso é/ü 2",
                    "courses[0][shortname]", "CURSO-X/é", "courses[0][categoryid]", String.valueOf(catX),
                    "courses[0][idnumber]", "CRSX/é-1", "courses[0][summary]",
                    "<p>Résumé é/ü & \"quoted\" <a href=\"https://example.com/a/b?x=1&y=2\">link</a></p>",
                    "courses[0][summaryformat]", "1"));
        }
        assertEquals(comparableXml(Golden.read("rest_xml_get_courses_by_field").responseText()),
                comparableXml(admin.replay("rest_xml_get_courses_by_field").body()));
        if (catX == 3) { // the capture's request names category 3
            assertEquals(Golden.read("rest_xml_create_courses_err_duplicate_shortname").responseText(),
                    admin.replay("rest_xml_create_courses_err_duplicate_shortname").body());
        }
    }

    @Test
    public void aCourseCreatorInACategoryCreatesCoursesThereOnly() throws Exception {
        try (AutoCloseable rest = allowAuthenticatedUsers("webservice/rest:use")) {
            creatorCreatesInItsCategoryOnly();
        }
    }

    private void creatorCreatesInItsCategoryOnly() {
        cursoJ(); // first, so that the captures' course 2 is always CURSO-J/é
        long cat = catJ();
        creator(cat);
        Moodle creator = new Moodle(http, CREATOR);
        Response r = creator.call("core_course_create_courses", "courses[0][fullname]", "By creator",
                "courses[0][shortname]", "CREATOR-1", "courses[0][categoryid]", String.valueOf(cat));
        Moodle.assertNoException(r);
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND userid = 900 "
                + "AND objectid = (SELECT id FROM mdl_course WHERE shortname = 'CREATOR-1')",
                "\\core\\event\\course_created"));
        r = creator.call("core_course_create_courses", "courses[0][fullname]", "Elsewhere",
                "courses[0][shortname]", "CREATOR-2", "courses[0][categoryid]", "1");
        assertEquals(Golden.read("rest_json_err_nopermissions").responseText().replace("Create users",
                "Create courses"), r.body());
        // Categories need moodle/category:manage in the system context.
        r = creator.call("core_course_create_categories", "categories[0][name]", "Not mine");
        assertEquals(Golden.read("rest_json_err_nopermissions").responseText().replace("Create users",
                "Manage course categories"), r.body());
    }

    @Test
    public void aCourseIsUpdatedAndMovedWithItsContext() throws Exception {
        cursoJ(); // first, so that the captures' course 2 is always CURSO-J/é
        long cat = catJ();
        long id = course("MOVE-ME", cat);
        long ctx = count("SELECT id FROM mdl_context WHERE contextlevel = 50 AND instanceid = ?", id);
        long coursesIn1 = count("SELECT COUNT(*) FROM mdl_course WHERE category = 1");
        store.inTransaction(false, db -> {
            courses.update(id, Map.of("category", 1L, "fullname", "Moved", "idnumber", "MOVED-1",
                    "hiddensections", 0), 2);
            return null;
        });
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_course WHERE id = ? AND category = 1 AND fullname = 'Moved' "
                + "AND idnumber = 'MOVED-1'", id));
        assertEquals("the context moved under category 1's", 1, count("SELECT COUNT(*) FROM mdl_context WHERE id = ? "
                + "AND path = ? AND depth = 3", ctx, "/1/3/" + ctx));
        assertEquals(coursesIn1 + 1, count("SELECT coursecount FROM mdl_course_categories WHERE id = 1"));
        assertEquals(count("SELECT COUNT(*) FROM mdl_course WHERE category = ?", cat),
                count("SELECT coursecount FROM mdl_course_categories WHERE id = ?", cat));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_course_format_options WHERE courseid = ? "
                + "AND name = 'hiddensections' AND value = '0'", id));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND objectid = ? "
                + "AND crud = 'u' AND contextid = ?", "\\core\\event\\course_updated", id, ctx));
        io.atrium.ws.api.WsException e = org.junit.Assert.assertThrows(io.atrium.ws.api.WsException.class,
                () -> store.inTransaction(false, db -> {
                    courses.update(id, Map.of("shortname", "CURSO-J/é"), 2);
                    return null;
                }));
        assertEquals("shortnametaken", e.errorcode());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_course WHERE id = ? AND shortname = 'MOVE-ME'", id));
    }
}
