package io.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;

import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atrium.itests.support.Golden;
import io.atrium.itests.support.Http.Response;
import io.atrium.itests.support.Moodle;
import io.atrium.itests.support.TestAuth;
import io.atrium.lms.api.Access;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Enrolments;
import io.atrium.lms.api.Groups;
import io.atrium.lms.api.RoleAssignment;
import io.atrium.lms.api.Roles;
import io.atrium.ws.api.WsException;

/**
 * Enrolments, role assignments and groups over REST (enrol_manual_*, core_enrol_get_enrolled_users,
 * core_role_*, core_group_*), against Moodle's captures, and what they leave in the database and
 * the log. Courses are made with SQL here: creating them is another function's business.
 */
public abstract class EnrolCases extends DataCases {

    /** A course made for a test: its id and its context's id. */
    record Course(long id, long contextId) {
    }

    private static int serial;

    @Inject
    private Enrolments enrolments;

    @Inject
    private Groups groups;

    @Inject
    private Roles roles;

    @Inject
    private Contexts contexts;

    /** A teacher and a student with fixed ids, far above the ids the database hands out, for their tokens. */
    static final String TEACHER = "7eac4e7eac4e7eac4e7eac4e7eac4e7e";
    static final String PUPIL = "5e1f5e1f5e1f5e1f5e1f5e1f5e1f5e1f";
    static final long TEACHER_ID = 900001;
    static final long PUPIL_ID = 900002;

    @Override
    protected TestAuth authenticator() {
        return new TestAuth()
                .with(TEACHER, new TestAuth.Token(TEACHER_ID, "enrolteacher", "oracle_ws",
                        Set.of("webservice/rest:use"), f -> true))
                .with(PUPIL, new TestAuth.Token(PUPIL_ID, "enrolpupil", "oracle_ws",
                        Set.of("webservice/rest:use"), f -> true));
    }

    /** A user with a fixed id (and its context), for a token. */
    private void fixedUser(long id, String username) {
        if (count("SELECT COUNT(*) FROM mdl_user WHERE id = ?", id) == 0) {
            store.inTransaction(false, db -> {
                db.update("INSERT INTO mdl_user (id, username, firstname, lastname, email) VALUES (?, ?, ?, ?, ?)",
                        id, username, "Fixed", username, username + "@example.com");
                long ctx = db.insert("mdl_context", Map.of("contextlevel", 30, "instanceid", id, "depth", 2));
                db.update("UPDATE mdl_context SET path = ? WHERE id = ?", "/1/" + ctx, ctx);
                return null;
            });
        }
    }

    /** A course in category 1, with a manual enrolment instance unless told otherwise. */
    private Course course(boolean manual) {
        String shortname = "ENR-" + System.nanoTime() + "-" + (++serial);
        return store.inTransaction(false, db -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("category", 1L);
            c.put("sortorder", 10000L + serial);
            c.put("fullname", "Enrol course & " + shortname);
            c.put("shortname", shortname);
            c.put("summary", "");
            c.put("format", "topics");
            long id = db.insert("mdl_course", c);
            long ctx = db.insert("mdl_context", Map.of("contextlevel", 50, "instanceid", id, "depth", 3));
            db.update("UPDATE mdl_context SET path = ? WHERE id = ?", "/1/3/" + ctx, ctx);
            if (manual) {
                db.insert("mdl_enrol", Map.of("enrol", "manual", "status", 0L, "courseid", id, "roleid", 5L));
            }
            return new Course(id, ctx);
        });
    }

    private Course course() {
        return course(true);
    }

    private long user(String username) {
        if (count("SELECT COUNT(*) FROM mdl_user WHERE username = ? AND deleted = 0", username) == 0) {
            Moodle.assertNoException(admin.call("core_user_create_users", "users[0][username]", username,
                    "users[0][password]", "Enrol#2024pw", "users[0][firstname]", "En", "users[0][lastname]", "Rolled",
                    "users[0][email]", username + "@example.com"));
        }
        return count("SELECT id FROM mdl_user WHERE username = ? AND deleted = 0", username);
    }

    private Response enrol(Course c, long user, int role, String... more) {
        List<String> params = new java.util.ArrayList<>(List.of("enrolments[0][roleid]", String.valueOf(role),
                "enrolments[0][userid]", String.valueOf(user), "enrolments[0][courseid]", String.valueOf(c.id())));
        params.addAll(List.of(more));
        return admin.call("enrol_manual_enrol_users", params.toArray(String[]::new));
    }

    private long events(String name, String table, String crud, long relateduser) {
        return count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND objecttable = ? "
                + "AND crud = ? AND contextlevel = 50 AND relateduserid = ? AND userid = 2", name, table, crud,
                relateduser);
    }

    private static String body(String golden) {
        return Golden.read(golden).responseText();
    }

    @Test
    public void enrolUsersAnswersAsMoodleAndEnrolsWithTheRole() {
        Course c = course();
        long u = user("enrol1");
        Response r = enrol(c, u, 5);
        assertEquals(body("rest_json_enrol_users"), r.body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user_enrolments ue JOIN mdl_enrol e ON e.id = ue.enrolid "
                + "WHERE e.courseid = ? AND ue.userid = ? AND ue.status = 0 AND ue.timeend = 0", c.id(), u));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_role_assignments WHERE roleid = 5 AND contextid = ? "
                + "AND userid = ? AND component = '' AND itemid = 0", c.contextId(), u));
        assertEquals(1, events("\\core\\event\\user_enrolment_created", "user_enrolments", "c", u));
        assertEquals(1, events("\\core\\event\\role_assigned", "role", "c", u));
        long ra = count("SELECT id FROM mdl_role_assignments WHERE contextid = ? AND userid = ?", c.contextId(), u);
        String other = store.inTransaction(true, db -> db.first("SELECT other FROM mdl_logstore_standard_log "
                + "WHERE eventname = ? AND relateduserid = ? AND contextid = ?", rs -> rs.getString(1),
                "\\core\\event\\role_assigned", u, c.contextId()).orElseThrow());
        JsonObject o = JsonParser.parseString(other).getAsJsonObject();
        assertEquals(ra, o.get("id").getAsLong());
        assertEquals("", o.get("component").getAsString());
        String enrolOther = store.inTransaction(true, db -> db.first("SELECT other FROM mdl_logstore_standard_log "
                + "WHERE eventname = ? AND relateduserid = ? AND contextid = ?", rs -> rs.getString(1),
                "\\core\\event\\user_enrolment_created", u, c.contextId()).orElseThrow());
        assertEquals("manual", JsonParser.parseString(enrolOther).getAsJsonObject().get("enrol").getAsString());

        // Enrolling again changes nothing and logs nothing.
        assertEquals("null", enrol(c, u, 5).body());
        assertEquals(1, events("\\core\\event\\user_enrolment_created", "user_enrolments", "c", u));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_role_assignments WHERE contextid = ? AND userid = ?",
                c.contextId(), u));
    }

    @Test
    public void enrolmentErrorsAreMoodles() {
        user("enrol2");
        assertEquals(body("debug_rest_json_enrol_users_err_invalid_course"),
                admin.replay("rest_json_enrol_users_err_invalid_course").body());

        Course c = course();
        long u = user("enrol2");
        JsonObject e = JsonParser.parseString(enrol(c, u, 7).body()).getAsJsonObject();
        assertEquals("wsusercannotassign", e.get("errorcode").getAsString());
        assertEquals("You don't have the permission to assign this role (7) to this user (" + u
                + ") in this course(" + c.id() + ").", e.get("message").getAsString());

        Course bare = course(false);
        e = JsonParser.parseString(enrol(bare, u, 5).body()).getAsJsonObject();
        assertEquals("wsnoinstance", e.get("errorcode").getAsString());

        e = JsonParser.parseString(enrol(c, 99999, 5).body()).getAsJsonObject();
        assertEquals("codingerror", e.get("errorcode").getAsString());
        assertEquals("userid:99999", e.get("debuginfo").getAsString());
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_user_enrolments WHERE userid = 99999"));
    }

    @Test
    public void aFailureHalfWayLeavesNoEnrolmentAndNoEvent() {
        Course c = course();
        long u = user("enrol3");
        long logged = count("SELECT COUNT(*) FROM mdl_logstore_standard_log");
        Response r = enrol(c, u, 5, "enrolments[1][roleid]", "5", "enrolments[1][userid]", String.valueOf(u),
                "enrolments[1][courseid]", "99999");
        assertEquals(body("debug_rest_json_enrol_users_err_invalid_course"), r.body());
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_user_enrolments WHERE userid = ?", u));
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_role_assignments WHERE userid = ?", u));
        assertEquals(logged, count("SELECT COUNT(*) FROM mdl_logstore_standard_log"));
    }

    @Test
    public void unenrolUsersRemovesTheEnrolmentItsRolesAndGroups() {
        Course c = course();
        long u = user("enrol4");
        Moodle.assertNoException(enrol(c, u, 5));
        JsonArray g = admin.json("core_group_create_groups", "groups[0][courseid]", String.valueOf(c.id()),
                "groups[0][name]", "Unenrol group", "groups[0][description]", "x").getAsJsonArray();
        long group = g.get(0).getAsJsonObject().get("id").getAsLong();
        assertEquals("null", admin.call("core_group_add_group_members", "members[0][groupid]", String.valueOf(group),
                "members[0][userid]", String.valueOf(u)).body());

        Response r = admin.call("enrol_manual_unenrol_users", "enrolments[0][userid]", String.valueOf(u),
                "enrolments[0][courseid]", String.valueOf(c.id()), "enrolments[0][roleid]", "5");
        assertEquals(body("rest_json_unenrol_users"), r.body());
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_user_enrolments WHERE userid = ?", u));
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_role_assignments WHERE userid = ?", u));
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_groups_members WHERE userid = ?", u));
        assertEquals(1, events("\\core\\event\\user_enrolment_deleted", "user_enrolments", "d", u));
        assertEquals(1, events("\\core\\event\\role_unassigned", "role", "d", u));
        assertEquals(1, events("\\core\\event\\group_member_removed", "groups", "d", u));

        JsonObject e = JsonParser.parseString(admin.call("enrol_manual_unenrol_users", "enrolments[0][userid]",
                String.valueOf(u), "enrolments[0][courseid]", "99999").body()).getAsJsonObject();
        assertEquals("invalidrecord", e.get("errorcode").getAsString());
        assertEquals("Can't find data record in database table course.", e.get("message").getAsString());
        e = JsonParser.parseString(admin.call("enrol_manual_unenrol_users", "enrolments[0][userid]", "99999",
                "enrolments[0][courseid]", String.valueOf(c.id())).body()).getAsJsonObject();
        assertEquals("User id not exist: 99999", e.get("debuginfo").getAsString());
    }

    @Test
    public void getEnrolledUsersAnswersAsMoodle() {
        Course c = course();
        long u = user("enrol5");
        Moodle.assertNoException(enrol(c, u, 5));
        Response r = admin.call("core_enrol_get_enrolled_users", "courseid", String.valueOf(c.id()),
                "options[0][name]", "userfields", "options[0][value]", "id,username,fullname,email,roles");
        Moodle.assertSameShape("rest_json_get_enrolled_users", r.body());
        JsonObject user = JsonParser.parseString(r.body()).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(u, user.get("id").getAsLong());
        assertEquals("enrol5", user.get("username").getAsString());
        assertEquals("En Rolled", user.get("fullname").getAsString());
        JsonObject role = user.getAsJsonArray("roles").get(0).getAsJsonObject();
        assertEquals(5, role.get("roleid").getAsInt());
        assertEquals("", role.get("name").getAsString());
        assertEquals("student", role.get("shortname").getAsString());
        assertEquals(0, role.get("sortorder").getAsInt());

        // Without options: everything, with the course among the user's courses.
        JsonObject all = admin.json("core_enrol_get_enrolled_users", "courseid", String.valueOf(c.id()))
                .getAsJsonArray().get(0).getAsJsonObject();
        assertTrue(all.toString(), all.has("groups") && all.has("enrolledcourses") && all.has("lastcourseaccess"));
        assertEquals(c.id(), all.getAsJsonArray("enrolledcourses").get(0).getAsJsonObject().get("id").getAsLong());
        assertTrue(all.getAsJsonArray("enrolledcourses").get(0).getAsJsonObject().get("fullname").getAsString()
                .startsWith("Enrol course &amp; "));
    }

    @Test
    public void getEnrolledUsersHonoursItsOptions() {
        Course c = course();
        long a = user("enrol6a");
        long b = user("enrol6b");
        long s = user("enrol6s");
        Moodle.assertNoException(enrol(c, a, 5));
        Moodle.assertNoException(enrol(c, b, 4));
        Moodle.assertNoException(enrol(c, s, 5, "enrolments[0][suspend]", "1"));
        String course = String.valueOf(c.id());
        assertEquals(3, admin.json("core_enrol_get_enrolled_users", "courseid", course).getAsJsonArray().size());
        JsonArray active = admin.json("core_enrol_get_enrolled_users", "courseid", course,
                "options[0][name]", "onlyactive", "options[0][value]", "1").getAsJsonArray();
        assertEquals(2, active.size());
        JsonArray suspended = admin.json("core_enrol_get_enrolled_users", "courseid", course,
                "options[0][name]", "onlysuspended", "options[0][value]", "1").getAsJsonArray();
        assertEquals(1, suspended.size());
        assertEquals(s, suspended.get(0).getAsJsonObject().get("id").getAsLong());
        JsonArray page = admin.json("core_enrol_get_enrolled_users", "courseid", course,
                "options[0][name]", "limitfrom", "options[0][value]", "1",
                "options[1][name]", "limitnumber", "options[1][value]", "1",
                "options[2][name]", "userfields", "options[2][value]", "id,fullname").getAsJsonArray();
        assertEquals(1, page.size());
        assertEquals(b, page.get(0).getAsJsonObject().get("id").getAsLong());
        assertEquals(List.of("id", "fullname"), List.copyOf(page.get(0).getAsJsonObject().keySet()));
        JsonArray desc = admin.json("core_enrol_get_enrolled_users", "courseid", course,
                "options[0][name]", "sortdirection", "options[0][value]", "desc").getAsJsonArray();
        assertEquals(s, desc.get(0).getAsJsonObject().get("id").getAsLong());
        JsonArray teachers = admin.json("core_enrol_get_enrolled_users", "courseid", course,
                "options[0][name]", "withcapability", "options[0][value]", "moodle/course:viewhiddencourses").getAsJsonArray();
        assertEquals(1, teachers.size());
        assertEquals(b, teachers.get(0).getAsJsonObject().get("id").getAsLong());
        JsonObject e = JsonParser.parseString(admin.call("core_enrol_get_enrolled_users", "courseid", course,
                "options[0][name]", "sortby", "options[0][value]", "email").body()).getAsJsonObject();
        assertEquals("Invalid value for sortby parameter (value: email),allowed values are: id,firstname,lastname,"
                + "siteorder", e.get("debuginfo").getAsString());
    }

    @Test
    public void getEnrolledUsersErrorsAreMoodles() {
        assertEquals(body("rest_json_err_invalid_course"), admin.replay("rest_json_err_invalid_course").body());
        assertEquals(body("debug_rest_json_err_invalid_param_type"),
                admin.replay("rest_json_err_invalid_param_type").body());
    }

    @Test
    public void assignAndUnassignRolesAnswerAsMoodle() {
        Course c = course();
        long u = user("enrol7");
        Response r = admin.call("core_role_assign_roles", "assignments[0][roleid]", "4",
                "assignments[0][userid]", String.valueOf(u), "assignments[0][contextid]", String.valueOf(c.contextId()));
        assertEquals(body("rest_json_assign_roles"), r.body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_role_assignments WHERE roleid = 4 AND userid = ? "
                + "AND contextid = ? AND component = ''", u, c.contextId()));
        assertEquals(1, events("\\core\\event\\role_assigned", "role", "c", u));

        r = admin.call("core_role_unassign_roles", "unassignments[0][roleid]", "4",
                "unassignments[0][userid]", String.valueOf(u), "unassignments[0][contextid]", String.valueOf(c.contextId()));
        assertEquals(body("rest_json_unassign_roles"), r.body());
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_role_assignments WHERE userid = ?", u));
        assertEquals(1, events("\\core\\event\\role_unassigned", "role", "d", u));

        // By level and instance, as the XML captures name the context.
        assertEquals("null", admin.call("core_role_assign_roles", "assignments[0][roleid]", "4",
                "assignments[0][userid]", String.valueOf(u), "assignments[0][contextlevel]", "course",
                "assignments[0][instanceid]", String.valueOf(c.id())).body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_role_assignments WHERE roleid = 4 AND userid = ? "
                + "AND contextid = ?", u, c.contextId()));

        JsonObject e = JsonParser.parseString(admin.call("core_role_assign_roles", "assignments[0][roleid]", "6",
                "assignments[0][userid]", String.valueOf(u), "assignments[0][contextid]", String.valueOf(c.contextId()))
                .body()).getAsJsonObject();
        assertEquals("invalidparameter", e.get("errorcode").getAsString());
        e = JsonParser.parseString(admin.call("core_role_assign_roles", "assignments[0][roleid]", "5",
                "assignments[0][userid]", String.valueOf(u), "assignments[0][contextid]", "999999").body())
                .getAsJsonObject();
        assertEquals("Context does not exist", e.get("debuginfo").getAsString());
    }

    @Test
    public void createGroupsAnswersAsMoodle() {
        Course c = course();
        Response r = admin.call("core_group_create_groups", "groups[0][courseid]", String.valueOf(c.id()),
                "groups[0][name]", "Grupo é/ü J", "groups[0][description]", "<p>Grupo desc é/ü & \"q\"</p>",
                "groups[0][descriptionformat]", "1", "groups[0][idnumber]", "GRPJ/é-1");
        Moodle.assertSameShape("rest_json_create_groups", r.body());
        String expected = body("rest_json_create_groups").replaceFirst("\"id\":1,\"courseid\":3",
                "\"id\":" + count("SELECT id FROM mdl_groups WHERE courseid = ?", c.id()) + ",\"courseid\":" + c.id());
        assertEquals(expected, r.body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND objecttable = "
                + "'groups' AND crud = 'c' AND contextlevel = 50 AND contextinstanceid = ?",
                "\\core\\event\\group_created", c.id()));

        JsonObject e = JsonParser.parseString(admin.call("core_group_create_groups", "groups[0][courseid]",
                String.valueOf(c.id()), "groups[0][name]", "Grupo é/ü J", "groups[0][description]", "").body())
                .getAsJsonObject();
        assertEquals("Group with the same name already exists in the course", e.get("debuginfo").getAsString());
        assertEquals(body("rest_json_create_groups_err_invalid_course"),
                admin.replay("rest_json_create_groups_err_invalid_course").body());
    }

    @Test
    public void addGroupMembersAnswersAsMoodleForEnrolledUsersOnly() {
        Course c = course();
        long u = user("enrol8");
        long stranger = user("enrol8x");
        Moodle.assertNoException(enrol(c, u, 5));
        long group = admin.json("core_group_create_groups", "groups[0][courseid]", String.valueOf(c.id()),
                "groups[0][name]", "Members", "groups[0][description]", "").getAsJsonArray().get(0)
                .getAsJsonObject().get("id").getAsLong();
        Response r = admin.call("core_group_add_group_members", "members[0][groupid]", String.valueOf(group),
                "members[0][userid]", String.valueOf(u));
        assertEquals(body("rest_json_add_group_members"), r.body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_groups_members WHERE groupid = ? AND userid = ?", group, u));
        assertEquals(1, events("\\core\\event\\group_member_added", "groups", "c", u));

        JsonObject e = JsonParser.parseString(admin.call("core_group_add_group_members", "members[0][groupid]",
                String.valueOf(group), "members[0][userid]", String.valueOf(stranger)).body()).getAsJsonObject();
        assertEquals("Only enrolled users may be members of groups", e.get("debuginfo").getAsString());
        e = JsonParser.parseString(admin.call("core_group_add_group_members", "members[0][groupid]", "99999",
                "members[0][userid]", String.valueOf(u)).body()).getAsJsonObject();
        assertEquals("Can't find data record in database table groups.", e.get("message").getAsString());

        // The member shows in the participants' groups.
        JsonObject p = admin.json("core_enrol_get_enrolled_users", "courseid", String.valueOf(c.id()),
                "options[0][name]", "userfields", "options[0][value]", "groups").getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(group, p.getAsJsonArray("groups").get(0).getAsJsonObject().get("id").getAsLong());
    }

    @Test
    public void aTeacherEnrolsStudentsButNotManagersAndAStudentNothing() throws Exception {
        try (AutoCloseable rest = allowAuthenticatedUsers("webservice/rest:use")) {
            teacherEnrolsStudentsOnly();
        }
    }

    private void teacherEnrolsStudentsOnly() {
        fixedUser(TEACHER_ID, "enrolteacher");
        fixedUser(PUPIL_ID, "enrolpupil");
        Course c = course();
        Moodle.assertNoException(enrol(c, TEACHER_ID, 3));
        Moodle.assertNoException(enrol(c, PUPIL_ID, 5));
        long x = user("enrol9");
        String course = String.valueOf(c.id());
        Moodle teacher = new Moodle(http, TEACHER);
        assertEquals("null", teacher.call("enrol_manual_enrol_users", "enrolments[0][roleid]", "5",
                "enrolments[0][userid]", String.valueOf(x), "enrolments[0][courseid]", course).body());
        JsonObject e = JsonParser.parseString(teacher.call("enrol_manual_enrol_users", "enrolments[0][roleid]", "1",
                "enrolments[0][userid]", String.valueOf(x), "enrolments[0][courseid]", course).body()).getAsJsonObject();
        assertEquals("wsusercannotassign", e.get("errorcode").getAsString());
        assertEquals(3, teacher.json("core_enrol_get_enrolled_users", "courseid", course).getAsJsonArray().size());
        assertEquals("null", teacher.call("core_role_assign_roles", "assignments[0][roleid]", "4",
                "assignments[0][userid]", String.valueOf(x), "assignments[0][contextid]", String.valueOf(c.contextId()))
                .body());
        e = JsonParser.parseString(teacher.call("core_role_assign_roles", "assignments[0][roleid]", "1",
                "assignments[0][userid]", String.valueOf(x), "assignments[0][contextid]", String.valueOf(c.contextId()))
                .body()).getAsJsonObject();
        assertEquals("Can not assign roleid=1 in contextid=" + c.contextId(), e.get("debuginfo").getAsString());

        Moodle pupil = new Moodle(http, PUPIL);
        String refused = body("rest_json_err_nopermissions");
        assertEquals(refused.replace("(Create users)", "(Enrol users)"), pupil.call("enrol_manual_enrol_users",
                "enrolments[0][roleid]", "5", "enrolments[0][userid]", String.valueOf(x), "enrolments[0][courseid]",
                course).body());
        assertEquals(refused.replace("(Create users)", "(Manage groups)"), pupil.call("core_group_create_groups",
                "groups[0][courseid]", course, "groups[0][name]", "Pupils", "groups[0][description]", "").body());
        assertEquals(refused.replace("(Create users)", "(Unenrol users from the course)"),
                pupil.call("enrol_manual_unenrol_users", "enrolments[0][userid]", String.valueOf(x),
                        "enrolments[0][courseid]", course).body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user_enrolments WHERE userid = ?", x));
    }

    @Test
    public void theDomainServicesWorkWithoutWebServices() throws WsException {
        Course c = course();
        long u = user("enrol10");
        long now = System.currentTimeMillis() / 1000;
        enrolments.enrol(c.id(), u, 5, now - 100, now + 3600, true, Access.SYSTEM_ACTOR);
        assertTrue(enrolments.isEnrolled(c.id(), u, false));
        assertTrue("a suspended enrolment is not active", !enrolments.isEnrolled(c.id(), u, true));
        assertEquals(List.of(u), enrolments.enrolledUsers(c.id(), Enrolments.Query.all()));
        assertEquals(List.of(), enrolments.enrolledUsers(c.id(), Enrolments.Query.all().active(true)));
        // Enrolling again with other settings updates the enrolment.
        enrolments.enrol(c.id(), u, 5, 0, 0, false, Access.SYSTEM_ACTOR);
        assertTrue(enrolments.isEnrolled(c.id(), u, true));
        assertEquals(List.of(c.id()), enrolments.courses(u, true));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? "
                + "AND relateduserid = ? AND userid = -1", "\\core\\event\\user_enrolment_updated", u));

        Context ctx = contexts.of(ContextLevel.COURSE, c.id()).orElseThrow();
        List<RoleAssignment> held = roles.assignments(u, ctx);
        assertEquals(1, held.size());
        assertEquals("student", held.get(0).roleShortname());

        long g = groups.create(c.id(), Map.of("name", "Domain group", "idnumber", "DG-1"), Access.SYSTEM_ACTOR);
        WsException e = org.junit.Assert.assertThrows(WsException.class,
                () -> groups.create(c.id(), Map.of("name", "Domain group"), Access.SYSTEM_ACTOR));
        assertEquals("groupnameexists", e.errorcode());
        assertEquals("The group name 'Domain group' already exists in this course, please choose another one.",
                e.getMessage());
        e = org.junit.Assert.assertThrows(WsException.class,
                () -> groups.create(c.id(), Map.of("name", "Other", "idnumber", "DG-1"), Access.SYSTEM_ACTOR));
        assertEquals("idnumbertaken", e.errorcode());
        assertTrue(groups.addMember(g, u, "", 0, Access.SYSTEM_ACTOR));
        assertTrue("a second add changes nothing", !groups.addMember(g, u, "", 0, Access.SYSTEM_ACTOR));
        assertEquals(List.of(g), groups.ofUser(c.id(), u).stream().map(x -> x.id()).toList());
        assertTrue(groups.removeMember(g, u, Access.SYSTEM_ACTOR));
        assertTrue(!groups.isMember(g, u));

        enrolments.unenrol(c.id(), u, Access.SYSTEM_ACTOR);
        assertTrue(!enrolments.isEnrolled(c.id(), u, false));
        assertTrue(roles.assignments(u, ctx).isEmpty());
    }

    @Test
    public void createGroupsInAMissingCourseInXmlIsMoodles() {
        assertEquals(body("rest_xml_create_groups_err_invalid_course"),
                admin.replay("rest_xml_create_groups_err_invalid_course").body());
    }
}
