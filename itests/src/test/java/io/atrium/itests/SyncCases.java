package io.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atrium.itests.support.Await;
import io.atrium.itests.support.Http.Response;
import io.atrium.itests.support.Moodle;
import io.atrium.itests.support.TestAuth;
import io.atrium.lms.api.Access;
import io.atrium.lms.api.Files;
import io.atrium.lms.api.StoredFile;
import io.atrium.lms.api.Users;

/**
 * tool_sync against the real platform, as an integrator drives it: a token for the
 * {@code tool_sync} service, files uploaded to {@code webservice/upload.php}, committed,
 * configured and processed; reports, tryback files, simulation, background runs and the lock
 * between runs.
 */
public abstract class SyncCases extends DataCases {

    private static final String PASSWORD = "Sync-admin-2024!";

    @Inject
    private Users users;

    @Inject
    private Files files;

    @Inject
    private io.atrium.lms.api.Courses courses;

    @Inject
    private io.atrium.lms.api.Enrolments enrolments;

    @Inject
    private io.atrium.lms.api.Groups groups;

    @Inject
    private io.atrium.lms.api.Identifiers identifiers;

    @Inject
    private io.atrium.lms.api.Cohorts cohorts;

    private Moodle sync;
    private String token;

    @Override
    protected TestAuth authenticator() {
        return null; // the platform's own tokens, so uploads and the service are real
    }

    @Before
    public void syncToken() throws Exception {
        users.update(2, Map.of("password", PASSWORD), Access.SYSTEM_ACTOR);
        Response r = http.get("/login/token.php?username=admin&password=" + PASSWORD + "&service=tool_sync");
        token = JsonParser.parseString(r.body()).getAsJsonObject().get("token").getAsString();
        sync = new Moodle(http, token);
    }

    /** Uploads a file to the caller's draft area; its item id. */
    private long upload(String name, byte[] content) {
        String boundary = UUID.randomUUID().toString();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n" + token + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file_1\"; filename=\"" + name
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Response r = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/webservice/upload.php"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        assertEquals(r.body(), 200, r.status());
        return JsonParser.parseString(r.body()).getAsJsonArray().get(0).getAsJsonObject().get("itemid").getAsLong();
    }

    private void commit(String name, String csv) {
        long item = upload(name, csv.getBytes(StandardCharsets.UTF_8));
        assertEquals("true", sync.call("tool_sync_commit_file", "draftitemid", String.valueOf(item)).body());
    }

    private void set(String service, String key, String value) {
        Response r = sync.call("tool_sync_set_config", "service", service, "confkey", key, "confvalue", value);
        assertEquals(r.body(), "true", r.body());
    }

    private String process(String service, String action) {
        return JsonParser.parseString(sync.call("tool_sync_process", "service", service, "action", action).body())
                .getAsString();
    }

    private String area(String name) throws IOException {
        List<StoredFile> found = files.area(1, "tool_sync", "syncfiles", 0L).stream()
                .filter(f -> f.filename().startsWith(name)).toList();
        assertEquals(found.toString(), 1, found.size());
        try (InputStream in = files.open(found.get(0))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void aUsersFileCreatesAndUpdatesUsersAndPutsBadLinesInATrybackFile() throws Exception {
        String csv = "username;firstname;lastname;email;idnumber\n"
                + "# a comment line\n"
                + "sync1;Ada;Lovelace;ada@example.org;S001\n"
                + "Bad User;Bad;Name;bad@example.org;S002\n"
                + "sync3;\"Grace; Brewster\";Hopper;grace@example.org;S003\n"
                + "short;line\n";
        commit("people.csv", csv);
        set("users", "filelocation", "people.csv");
        String report = process("users", "sync");
        assertTrue(report, report.contains("Line 3: created user sync1 (id "));
        assertTrue(report, report.contains("Error at line 4: Invalid username 'bad user': letters, digits and _ - . @ only"));
        assertTrue(report, report.contains("Line 5: created user sync3 (id "));
        assertTrue(report, report.contains("Error at line 6: 2 values found. 5 expected."));
        assertTrue(report, report.contains("4 line(s) processed, 2 failed"));
        assertEquals("Grace; Brewster", users.byUsername("sync3").orElseThrow().firstname());
        assertEquals("S001", users.byUsername("sync1").orElseThrow().idnumber());
        assertEquals("username;firstname;lastname;email;idnumber\nBad User;Bad;Name;bad@example.org;S002\n"
                + "short;line\n", area("people_tryback_"));

        // Again, with a change: matched by idnumber, updated.
        commit("people.csv", "username;firstname;lastname;idnumber\nsync1;Augusta Ada;Lovelace;S001\n");
        String again = process("users", "sync");
        assertTrue(again, again.contains("Line 2: updated user sync1"));
        assertEquals("Augusta Ada", users.byUsername("sync1").orElseThrow().firstname());
    }

    @Test
    public void aMissingRequiredColumnAbortsTheFileBeforeAnythingIsWritten() {
        commit("nolastname.csv", "username;firstname;idnumber\nsyncx;X;SX\n");
        set("users", "filelocation", "nolastname.csv");
        String report = process("users", "sync");
        assertTrue(report, report.contains("The file lacks the required column(s) lastname"));
        assertFalse(users.byUsername("syncx").isPresent());
    }

    @Test
    public void settingsAreCheckedAndLocationsCannotLeaveTheSyncArea() {
        for (String bad : List.of("../etc/passwd", "/etc/passwd", "a/../../b.csv", "C:\\x.csv", "dir/")) {
            Response r = sync.call("tool_sync_set_config", "service", "users", "confkey", "filelocation", "confvalue",
                    bad);
            assertTrue(r.body(), r.body().contains("\"errorcode\":\"invalidparameter\"")
                    && r.body().contains("Invalid file location"));
        }
        assertTrue(sync.call("tool_sync_set_config", "service", "users", "confkey", "primaryidentity", "confvalue",
                "shoesize").body().contains("allowed values: idnumber, email, username"));
        assertTrue(sync.call("tool_sync_set_config", "service", "nope", "confkey", "x", "confvalue", "y").body()
                .contains("the services are courses, users, enrols, cohorts, global"));
        assertTrue(sync.call("tool_sync_set_config", "service", "users", "confkey", "x", "confvalue", "y").body()
                .contains("Unknown key 'x' for service users; its keys are filelocation"));
        assertTrue(sync.call("tool_sync_process", "service", "users", "action", "create").body()
                .contains("Unknown action 'create' for service users; its actions are sync"));
        assertTrue(sync.call("tool_sync_commit_file", "draftitemid", "123456").body()
                .contains("Draft item 123456 holds no file of yours"));
    }

    @Test
    public void aSimulationChecksEveryLineAndKeepsNothing() {
        commit("simulated.csv", "username;firstname;lastname;idnumber\nsim1;S;One;SIM1\nsim 2;S;Two;SIM2\n");
        set("users", "filelocation", "simulated.csv");
        long runid = new Moodle(http, token).json("tool_sync_process_start", "service", "users", "action", "sync",
                "simulate", "1").getAsJsonObject().get("runid").getAsLong();
        JsonObject run = awaitRun(runid);
        assertEquals("done", run.get("status").getAsString());
        assertTrue(run.get("simulate").getAsBoolean());
        assertEquals(2, run.get("linesdone").getAsLong());
        assertEquals(1, run.get("linesfailed").getAsLong());
        String report = run.get("report").getAsString();
        assertTrue(report, report.startsWith("Simulating simulated.csv\nLine 2: created user sim1"));
        assertFalse("a simulation keeps nothing", users.byUsername("sim1").isPresent());
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = "
                + "'\\core\\event\\user_created' AND relateduserid IN (SELECT id FROM mdl_user WHERE username = 'sim1')"));
    }

    @Test
    public void runsOfOneServiceNeverOverlap() {
        StringBuilder csv = new StringBuilder("username;firstname;lastname;idnumber\n");
        for (int i = 0; i < 3000; i++) {
            csv.append("lock").append(i).append(";L;").append(i).append(";LOCK").append(i).append('\n');
        }
        commit("many.csv", csv.toString());
        set("users", "filelocation", "many.csv");
        long first = new Moodle(http, token).json("tool_sync_process_start", "service", "users", "action", "sync")
                .getAsJsonObject().get("runid").getAsLong();
        long second = new Moodle(http, token).json("tool_sync_process_start", "service", "users", "action", "sync")
                .getAsJsonObject().get("runid").getAsLong();
        JsonObject a = awaitRun(first);
        JsonObject b = awaitRun(second);
        // One of them ran the file; the other either found it running or ran after it.
        String refused = "A run of users is already in progress (run ";
        boolean overlapped = b.get("report").getAsString().contains(refused)
                || a.get("report").getAsString().contains(refused);
        assertTrue(a + " " + b, overlapped || a.get("timefinished").getAsLong() <= b.get("timestarted").getAsLong()
                || b.get("timefinished").getAsLong() <= a.get("timestarted").getAsLong());
        assertEquals(3000, count("SELECT COUNT(*) FROM mdl_user WHERE username LIKE 'lock%'"));
        assertEquals(0, count("SELECT COUNT(*) FROM tool_sync_locks"));
    }

    private JsonObject awaitRun(long runid) {
        return Await.until("sync run " + runid + " to finish", Duration.ofSeconds(60),
                () -> new Moodle(http, token).json("tool_sync_get_run", "runid", String.valueOf(runid)).getAsJsonObject(),
                r -> List.of("done", "failed").contains(r.get("status").getAsString()));
    }

    @Test
    public void enrolmentAndCohortFilesEnrolGroupAndGatherUsers() throws Exception {
        long course = courses.create(Map.of("fullname", "Sync enrol course", "shortname", "SYNCE1", "category", 1L),
                Access.SYSTEM_ACTOR);
        commit("enrolusers.csv", "username;firstname;lastname;idnumber\nsynce1;En;One;SE1\nsynce2;En;Two;SE2\n");
        set("users", "filelocation", "enrolusers.csv");
        assertTrue(process("users", "sync").contains("0 failed"));
        long u1 = identifiers.user("username", "synce1");
        long u2 = identifiers.user("username", "synce2");

        commit("enrols.csv", "cmd;cid;uid;rolename;gcmd;g1\n"
                + "add;SYNCE1;synce1;student;gaddcreate;Team A\n"
                + "add;NOPE;synce2;student;;\n"
                + "add;SYNCE1;synce2;editingteacher;;\n");
        set("enrols", "filelocation", "enrols.csv");
        String report = process("enrols", "sync");
        assertTrue(report, report.contains("3 line(s) processed, 1 failed"));
        assertTrue(report, report.contains("Error at line 3: "));
        assertTrue(enrolments.isEnrolled(course, u1, true));
        assertTrue(enrolments.isEnrolled(course, u2, true));
        long team = groups.byName(course, "Team A").orElseThrow().id();
        assertTrue(groups.isMember(team, u1));

        commit("cohorts.csv", "cmd;cidnumber;cname;userid\nadd;SYNCCOH;Sync cohort;synce1\n"
                + "add;SYNCCOH;Sync cohort;synce2\nadd;SYNCCOH;Sync cohort;nobody-here\n");
        set("cohorts", "filelocation", "cohorts.csv");
        set("cohorts", "useridentifier", "username");
        String cohortReport = process("cohorts", "sync");
        assertTrue(cohortReport, cohortReport.contains("3 line(s) processed, 1 failed"));
        long cohort = identifiers.cohort("idnumber", "SYNCCOH");
        assertEquals(List.of(u1, u2), cohorts.members(cohort).stream().sorted().toList());
    }

    @Test
    public void usersAreEnrolledAndUnenrolledByAnyIdentifier() throws Exception {
        long course = courses.create(Map.of("fullname", "Sync function course", "shortname", "SYNCF1", "idnumber",
                "SF-1", "category", 1L), Access.SYSTEM_ACTOR);
        commit("fnusers.csv", "username;firstname;lastname;email;idnumber\nsyncf1;Fn;One;syncf1@example.org;SF1\n");
        set("users", "filelocation", "fnusers.csv");
        assertTrue(process("users", "sync").contains("0 failed"));
        long user = identifiers.user("username", "syncf1");
        Response enrol = sync.call("tool_sync_enrol_user_enrol", "roleidsource", "shortname", "roleid", "student",
                "useridsource", "email", "userid", "syncf1@example.org", "courseidsource", "idnumber", "courseid",
                "SF-1");
        assertEquals(enrol.body(), "true", enrol.body());
        assertTrue(enrolments.isEnrolled(course, user, true));
        Response unknown = sync.call("tool_sync_enrol_user_enrol", "roleidsource", "shortname", "roleid", "student",
                "useridsource", "username", "userid", "nobody-here", "courseidsource", "shortname", "courseid", "SYNCF1");
        assertTrue(unknown.body(), unknown.body().contains("\"errorcode\":\"invalidrecord\""));
        Response badSource = sync.call("tool_sync_enrol_user_enrol", "roleidsource", "colour", "roleid", "student",
                "useridsource", "username", "userid", "syncf1", "courseidsource", "shortname", "courseid", "SYNCF1");
        assertTrue(badSource.body(), badSource.body().contains("invalidparameter"));
        Response unenrol = sync.call("tool_sync_enrol_user_unenrol", "useridsource", "idnumber", "userid", "SF1",
                "courseidsource", "shortname", "courseid", "SYNCF1");
        assertEquals(unenrol.body(), "true", unenrol.body());
        assertFalse(enrolments.isEnrolled(course, user, false));
    }

    @Test
    public void aCoursesFileCreatesCoursesInCategoryPaths() throws Exception {
        commit("courses.csv", "shortname;fullname;category;idnumber\n"
                + "SYNCC1;Sync course one;Sync/Sciences;SC-1\n"
                + ";No short name;Sync;\n"
                + "SYNCC2;Sync course two;Sync;SC-2\n");
        set("courses", "fileuploadlocation", "courses.csv");
        String report = process("courses", "create");
        assertTrue(report, report.contains("3 line(s) processed, 1 failed"));
        long c1 = identifiers.course("shortname", "SYNCC1");
        assertEquals("Sync course one", courses.get(c1).orElseThrow().fullname());
        assertEquals("Sciences", categoriesName(courses.get(c1).orElseThrow().category()));
        assertEquals("true", sync.call("tool_sync_check_course", "courseidsource", "idnumber", "courseid", "SC-2").body());
    }

    @Inject
    private io.atrium.lms.api.Categories categories;

    private String categoriesName(long id) {
        return categories.get(id).orElseThrow().name();
    }

    @Test
    public void aTemplateDeployWithReplacementsGivesTheExpectedSectionTexts() throws Exception {
        long template = courses.create(Map.of("fullname", "Biology template", "shortname", "BIO-TPL", "category", 1L),
                Access.SYSTEM_ACTOR);
        courses.updateSection(template, 0, Map.of("summary", "<p>Welcome to data1</p>"), Access.SYSTEM_ACTOR);
        courses.updateSection(template, 1, Map.of("name", "Week {{n}}"), Access.SYSTEM_ACTOR);
        courses.addModule(template, 1, Map.of("modname", "url", "name", "Documents", "idnumber",
                "{course:idnumber}_dist", "settings", "{\"docurl\": \"\", \"giturl\": \"\"}"), Access.SYSTEM_ACTOR);
        String replacements = "{\"section0:summary:data1\": \"Biology 2025\", \"section1:name:{{n}}\": \"one\", "
                + "\"cm:{course:idnumber}_dist:docurl\": \"https://docs.example.org/{course:shortname}\"}";
        Response r = sync.call("tool_sync_deploy_course", "categoryidsource", "id", "categoryid", "1",
                "templateidsource", "shortname", "templateid", "BIO-TPL", "shortname", "BIO-2025", "fullname",
                "Biology 2025", "idnumber", "BIO25", "replacements", replacements);
        assertEquals(r.body(), 200, r.status());
        long course = Long.parseLong(r.body());
        List<io.atrium.lms.api.CourseSection> sections = courses.sections(course);
        assertEquals("<p>Welcome to Biology 2025</p>", sections.get(0).summary());
        assertEquals("Week one", sections.get(1).name());
        io.atrium.lms.api.CourseModuleContent cm = courses.modules(course).get(0);
        assertEquals("BIO25_dist", cm.idnumber());
        assertTrue(cm.settings(), cm.settings().contains("https://docs.example.org/BIO-2025"));

        long before = count("SELECT COUNT(*) FROM mdl_course");
        Response bad = sync.call("tool_sync_deploy_course", "categoryidsource", "id", "categoryid", "1",
                "templateidsource", "shortname", "templateid", "BIO-TPL", "shortname", "BIO-2026", "fullname",
                "Biology 2026", "idnumber", "BIO26", "replacements", "{\"section9:summary\": \"x\"}");
        assertTrue(bad.body(), bad.body().contains("\"errorcode\":\"invalidparameter\"")
                && bad.body().contains("section9:summary"));
        Response notJson = sync.call("tool_sync_deploy_course", "categoryidsource", "id", "categoryid", "1",
                "templateidsource", "shortname", "templateid", "BIO-TPL", "shortname", "BIO-2027", "fullname",
                "Biology 2027", "idnumber", "BIO27", "replacements", "[\"a\"]");
        assertTrue(notJson.body(), notJson.body().contains("invalidparameter"));
        Response noCategory = sync.call("tool_sync_deploy_course", "categoryidsource", "idnumber", "categoryid",
                "NOPE", "templateidsource", "shortname", "templateid", "BIO-TPL", "shortname", "BIO-2028", "fullname",
                "Biology 2028", "idnumber", "BIO28");
        assertTrue(noCategory.body(), noCategory.body().contains("Category does not exist."));
        assertEquals("nothing half-made", before, count("SELECT COUNT(*) FROM mdl_course"));

        // Archive the deployed course, deploy a copy from the archive.
        Response archived = sync.call("tool_sync_archive_course", "courseidsource", "shortname", "courseid",
                "BIO-2025", "location", "archives/bio.zip");
        assertTrue(archived.body(), archived.body().contains("\"location\":\"archives\\/bio.zip\""));
        Response fromFile = sync.call("tool_sync_deploy_course", "categoryidsource", "id", "categoryid", "1",
                "templateidsource", "file", "templateid", "archives/bio.zip", "shortname", "BIO-COPY", "fullname",
                "Biology copy", "idnumber", "BIOC", "replacements", "{\"section1:name\": \"First week\"}");
        assertEquals(fromFile.body(), 200, fromFile.status());
        List<io.atrium.lms.api.CourseSection> copied = courses.sections(Long.parseLong(fromFile.body()));
        assertEquals("<p>Welcome to Biology 2025</p>", copied.get(0).summary());
        assertEquals("First week", copied.get(1).name());
    }

    @Test
    public void checkCourseTellsWhetherACourseExists() {
        assertEquals("true", sync.call("tool_sync_check_course", "courseidsource", "id", "courseid", "1").body());
        assertEquals("false", sync.call("tool_sync_check_course", "courseidsource", "shortname", "courseid", "NOPE")
                .body());
        assertTrue(sync.call("tool_sync_check_course", "courseidsource", "colour", "courseid", "1").body()
                .contains("allowed values: id, idnumber, shortname"));
    }
}
