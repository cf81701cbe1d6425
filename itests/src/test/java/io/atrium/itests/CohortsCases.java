package io.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Set;

import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atrium.itests.support.Golden;
import io.atrium.itests.support.Http.Response;
import io.atrium.itests.support.Moodle;
import io.atrium.itests.support.TestAuth;

/**
 * core_user_update_users, core_user_delete_users and core_cohort_* over REST, against Moodle's
 * captures, and what they leave in the database and the log.
 */
public abstract class CohortsCases extends DataCases {

    /** A token for a user without any role; bound to the user's id once the user exists. */
    static final String NOBODY = "0c0b0d0e0f0a0b0c0d0e0f0a0b0c0d0e";
    static final String COHJ = "COHJ/\u00e9-1";

    private TestAuth tokens;

    @Override
    protected TestAuth authenticator() {
        tokens = new TestAuth();
        return tokens;
    }

    /** A user by username, created when missing; returns the id. */
    private long user(String username) {
        if (count("SELECT COUNT(*) FROM mdl_user WHERE username = ? AND deleted = 0", username) == 0) {
            Moodle.assertNoException(admin.call("core_user_create_users", "users[0][username]", username,
                    "users[0][password]", "Gold#2024pw", "users[0][firstname]", "G", "users[0][lastname]", username,
                    "users[0][email]", username + "@example.com"));
        }
        return count("SELECT id FROM mdl_user WHERE username = ? AND deleted = 0", username);
    }

    /** Cohort COHJ/é-1, created from Moodle's capture when missing; returns its id. */
    private long cohortJ() {
        if (count("SELECT COUNT(*) FROM mdl_cohort WHERE idnumber = ?", COHJ) == 0) {
            Moodle.assertNoException(admin.replay("rest_json_create_cohorts"));
        }
        return count("SELECT id FROM mdl_cohort WHERE idnumber = ?", COHJ);
    }

    private long events(String eventname, String table, long objectid, String crud, int contextlevel) {
        return count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND objecttable = ? "
                + "AND objectid = ? AND crud = ? AND contextlevel = ?", eventname, table, objectid, crud, contextlevel);
    }

    private static String withId(String golden, long id) {
        return Golden.read(golden).responseText().replace("{\"id\":1,", "{\"id\":" + id + ",");
    }

    @Test
    public void createCohortsAnswersAsMoodleAndDuplicatesAreRefused() {
        if (count("SELECT COUNT(*) FROM mdl_cohort WHERE idnumber = ?", COHJ) == 0) {
            Response r = admin.replay("rest_json_create_cohorts");
            Moodle.assertSameShape("rest_json_create_cohorts", r.body());
            long id = JsonParser.parseString(r.body()).getAsJsonArray().get(0).getAsJsonObject().get("id").getAsLong();
            assertEquals(withId("rest_json_create_cohorts", id), r.body());
        }
        long id = cohortJ();
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_cohort WHERE id = ? AND contextid = 1 AND visible = 1 "
                + "AND description = ? AND descriptionformat = 1", id, "<p>Cohorte desc \u00e9/\u00fc & \"q\"</p>"));
        assertEquals(1, events("\\core\\event\\cohort_created", "cohort", id, "c", 10));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND objectid = ? "
                + "AND edulevel = 0 AND userid = 2 AND contextid = 1", "\\core\\event\\cohort_created", id));

        long cohorts = count("SELECT COUNT(*) FROM mdl_cohort");
        assertEquals(Golden.read("debug_rest_json_create_cohorts_err_duplicate_idnumber").responseText(),
                admin.replay("rest_json_create_cohorts_err_duplicate_idnumber").body());
        assertEquals(cohorts, count("SELECT COUNT(*) FROM mdl_cohort"));
    }

    @Test
    public void aCategoryTypeWithoutValueIsAnInvalidParameter() {
        Response r = admin.replay("rest_json_create_cohorts_err_missing_categorytype_value");
        JsonObject e = JsonParser.parseString(r.body()).getAsJsonObject();
        JsonObject moodle = JsonParser.parseString(
                Golden.read("rest_json_create_cohorts_err_missing_categorytype_value").responseText()).getAsJsonObject();
        assertEquals(moodle.get("exception"), e.get("exception"));
        assertEquals(moodle.get("errorcode"), e.get("errorcode"));
        assertEquals(moodle.get("message"), e.get("message"));
        assertEquals("cohorts => Invalid parameter value detected: categorytype => Invalid parameter value detected: "
                + "Missing required key in single structure: value", e.get("debuginfo").getAsString());
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_cohort WHERE idnumber LIKE 'COHNV%'"));
    }

    @Test
    public void cohortsGoInCategoriesByIdOrIdnumber() {
        Response r = admin.call("core_cohort_create_cohorts", "cohorts[0][categorytype][type]", "id",
                "cohorts[0][categorytype][value]", "1", "cohorts[0][name]", "In category 1",
                "cohorts[0][idnumber]", "CAT1-COHORT", "cohorts[0][description]", "line 1\nline <2>",
                "cohorts[0][descriptionformat]", "2", "cohorts[0][visible]", "0");
        Moodle.assertNoException(r);
        JsonObject c = JsonParser.parseString(r.body()).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("line 1<br />\nline &lt;2&gt;", c.get("description").getAsString());
        assertEquals(1, c.get("descriptionformat").getAsInt());
        assertEquals(false, c.get("visible").getAsBoolean());
        long id = c.get("id").getAsLong();
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_cohort h JOIN mdl_context x ON x.id = h.contextid "
                + "WHERE h.id = ? AND x.contextlevel = 40 AND x.instanceid = 1 AND h.visible = 0", id));
        assertEquals(1, events("\\core\\event\\cohort_created", "cohort", id, "c", 40));

        r = admin.call("core_cohort_create_cohorts", "cohorts[0][categorytype][type]", "idnumber",
                "cohorts[0][categorytype][value]", "NO-SUCH-CAT", "cohorts[0][name]", "x", "cohorts[0][idnumber]", "x");
        assertEquals("category not exists: category idnumber = NO-SUCH-CAT",
                JsonParser.parseString(r.body()).getAsJsonObject().get("debuginfo").getAsString());
        r = admin.call("core_cohort_create_cohorts", "cohorts[0][categorytype][type]", "course",
                "cohorts[0][categorytype][value]", "1", "cohorts[0][name]", "x", "cohorts[0][idnumber]", "x");
        assertEquals("category type must be id, idnumber or system:course",
                JsonParser.parseString(r.body()).getAsJsonObject().get("debuginfo").getAsString());
    }

    @Test
    public void aFailedCreateLeavesNoCohortAndNoEvent() {
        long cohorts = count("SELECT COUNT(*) FROM mdl_cohort");
        long logged = count("SELECT COUNT(*) FROM mdl_logstore_standard_log");
        Response r = admin.call("core_cohort_create_cohorts",
                "cohorts[0][categorytype][type]", "system", "cohorts[0][categorytype][value]", "",
                "cohorts[0][name]", "Half 1", "cohorts[0][idnumber]", "HALFWAY",
                "cohorts[1][categorytype][type]", "system", "cohorts[1][categorytype][value]", "",
                "cohorts[1][name]", "Half 2", "cohorts[1][idnumber]", "HALFWAY");
        assertEquals("{\"exception\":\"core\\\\exception\\\\invalid_parameter_exception\",\"errorcode\":"
                + "\"invalidparameter\",\"message\":\"Invalid parameter value detected\",\"debuginfo\":"
                + "\"record already exists: idnumber=HALFWAY\"}", r.body());
        assertEquals("the first cohort, created before the second failed, is gone", cohorts,
                count("SELECT COUNT(*) FROM mdl_cohort"));
        assertEquals(logged, count("SELECT COUNT(*) FROM mdl_logstore_standard_log"));
    }

    @Test
    public void addCohortMembersAnswersAsMoodleWithWarnings() {
        long cohort = cohortJ();
        long gold2j = user("gold2j");
        store.inTransaction(false, db -> db.update("DELETE FROM mdl_cohort_members WHERE cohortid = ?", cohort));
        String added = "SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND objecttable = "
                + "'cohort' AND objectid = ? AND relateduserid = ? AND crud = 'c' AND contextlevel = 10";
        long before = count(added, "\\core\\event\\cohort_member_added", cohort, gold2j);

        Response r = admin.replay("rest_json_add_cohort_members");
        assertEquals(Golden.read("rest_json_add_cohort_members").responseText(), r.body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_cohort_members WHERE cohortid = ? AND userid = ?", cohort,
                gold2j));
        assertEquals(before + 1, count(added, "\\core\\event\\cohort_member_added", cohort, gold2j));

        // Again: gold2j is a member already (code 3); other identifiers go through the one resolver.
        r = admin.call("core_cohort_add_cohort_members",
                "members[0][cohorttype][type]", "id", "members[0][cohorttype][value]", String.valueOf(cohort),
                "members[0][usertype][type]", "username", "members[0][usertype][value]", "gold2j",
                "members[1][cohorttype][type]", "name", "members[1][cohorttype][value]", "x",
                "members[1][usertype][type]", "id", "members[1][usertype][value]", "1",
                "members[2][cohorttype][type]", "idnumber", "members[2][cohorttype][value]", "NOPE",
                "members[2][usertype][type]", "id", "members[2][usertype][value]", "1",
                "members[3][cohorttype][type]", "idnumber", "members[3][cohorttype][value]", COHJ,
                "members[3][usertype][type]", "email", "members[3][usertype][value]", "cohortmate@example.com");
        user("cohortmate");
        assertEquals("{\"warnings\":[{\"warningcode\":\"3\",\"message\":\"record already exists: cohort(id=" + cohort
                + " username=gold2j)\"},{\"warningcode\":\"1\",\"message\":\"invalid parameter: cohortype=name\"},"
                + "{\"warningcode\":\"2\",\"message\":\"cohort idnumber=NOPE not exists\"},{\"warningcode\":\"2\","
                + "\"message\":\"user email=cohortmate@example.com not exists\"}]}", r.body());
        r = admin.call("core_cohort_add_cohort_members",
                "members[0][cohorttype][type]", "idnumber", "members[0][cohorttype][value]", COHJ,
                "members[0][usertype][type]", "email", "members[0][usertype][value]", "cohortmate@example.com");
        assertEquals("{\"warnings\":[]}", r.body());
        assertEquals(2, count("SELECT COUNT(*) FROM mdl_cohort_members WHERE cohortid = ?", cohort));
    }

    @Test
    public void deleteCohortMembersReturnsNullAndLogsTheRemoval() {
        long cohort = cohortJ();
        long gold2j = user("gold2j");
        Moodle.assertNoException(admin.call("core_cohort_add_cohort_members",
                "members[0][cohorttype][type]", "id", "members[0][cohorttype][value]", String.valueOf(cohort),
                "members[0][usertype][type]", "id", "members[0][usertype][value]", String.valueOf(gold2j)));
        Response r = admin.call("core_cohort_delete_cohort_members", "members[0][cohortid]", String.valueOf(cohort),
                "members[0][userid]", String.valueOf(gold2j));
        assertEquals(Golden.read("rest_json_delete_cohort_members").responseText(), r.body());
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_cohort_members WHERE cohortid = ? AND userid = ?", cohort,
                gold2j));
        assertTrue(count("SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = ? AND objecttable = "
                + "'cohort' AND objectid = ? AND relateduserid = ? AND crud = 'd' AND contextlevel = 10",
                "\\core\\event\\cohort_member_removed", cohort, gold2j) >= 1);

        r = admin.call("core_cohort_delete_cohort_members", "members[0][cohortid]", "99999",
                "members[0][userid]", String.valueOf(gold2j));
        assertEquals("{\"exception\":\"dml_missing_record_exception\",\"errorcode\":\"invalidrecord\",\"message\":"
                + "\"Can't find data record in database table cohort.\",\"debuginfo\":\"SELECT * FROM {cohort} WHERE "
                + "id = ?\\n[array (\\n  0 => 99999,\\n)]\"}", r.body());
    }

    @Test
    public void getCohortsAnswersAsMoodle() {
        long cohort = cohortJ();
        Response r = admin.call("core_cohort_get_cohorts", "cohortids[0]", String.valueOf(cohort),
                "cohortids[1]", "99999");
        Moodle.assertSameShape("rest_json_get_cohorts", r.body());
        assertEquals(withId("rest_json_get_cohorts", cohort), r.body());
        r = admin.call("core_cohort_get_cohorts");
        assertTrue(r.body(), r.body().startsWith("[{\"id\":"));
        assertTrue(r.body(), r.body().contains(withId("rest_json_get_cohorts", cohort)
                .replaceAll("^\\[|\\]$", "")));
    }

    @Test
    public void withoutRolesNobodyMayReadOrAssignCohorts() throws Exception {
        try (AutoCloseable rest = allowAuthenticatedUsers("webservice/rest:use")) {
            nobodyMayReadOrAssignCohorts();
        }
    }

    private void nobodyMayReadOrAssignCohorts() {
        long cohort = cohortJ();
        long nobody = user("cohortnobody");
        tokens.with(NOBODY, new TestAuth.Token(nobody, "cohortnobody", "oracle_ws", Set.of("webservice/rest:use"),
                f -> true));
        Moodle someone = new Moodle(http, NOBODY);
        assertEquals("{\"exception\":\"core\\\\exception\\\\required_capability_exception\",\"errorcode\":"
                + "\"nopermissions\",\"message\":\"Sorry, but you do not currently have permissions to do that "
                + "(View site-wide cohorts).\"}",
                someone.call("core_cohort_get_cohorts", "cohortids[0]", String.valueOf(cohort)).body());
        Response r = someone.call("core_cohort_add_cohort_members",
                "members[0][cohorttype][type]", "id", "members[0][cohorttype][value]", String.valueOf(cohort),
                "members[0][usertype][type]", "id", "members[0][usertype][value]", String.valueOf(nobody));
        assertTrue(r.body(), r.body().contains("(Add and remove cohort members)."));
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_cohort_members WHERE userid = ?", nobody));
        r = someone.call("core_cohort_create_cohorts", "cohorts[0][categorytype][type]", "system",
                "cohorts[0][categorytype][value]", "", "cohorts[0][name]", "Mine", "cohorts[0][idnumber]", "MINE");
        assertTrue(r.body(), r.body().contains("(Create, delete and move cohorts)."));
    }

    @Test
    public void updateUsersAnswersAsMoodle() {
        long gold2j = user("gold2j");
        long logged = events("\\core\\event\\user_updated", "user", gold2j, "u", 30);
        Response r = admin.replay("rest_json_update_users_warning_invalid_id");
        assertEquals(Golden.read("rest_json_update_users_warning_invalid_id").responseText(), r.body());

        // The capture names user 10; build the same request for gold2j here.
        String body = new String(Golden.read("rest_json_update_users").requestBody(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        String[] pairs = body.substring(body.indexOf("&users") + 1).split("&");
        String[] params = new String[pairs.length * 2];
        for (int i = 0; i < pairs.length; i++) {
            String[] kv = pairs[i].split("=", 2);
            params[2 * i] = java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8);
            params[2 * i + 1] = java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8);
        }
        params[1] = String.valueOf(gold2j);
        r = admin.call("core_user_update_users", params);
        assertEquals(Golden.read("rest_json_update_users").responseText(), r.body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user WHERE id = ? AND firstname = ? AND lastname = ? AND "
                + "email = ? AND city = ? AND country = 'BR' AND description = ?", gold2j, "Zo\u00eb/\u00dcn\u00ef",
                "O'Brien & \u00c7a/va", "zoe.j+tag@example.com", "S\u00e3o Paulo/SP",
                "<p>Bio \u00e9/\u00fc & m\u00e1s</p>"));
        assertEquals(logged + 1, events("\\core\\event\\user_updated", "user", gold2j, "u", 30));

        // Any tag in a NOTAGS field fails the whole call: nothing changes.
        String[] tagged = params.clone();
        tagged[5] = "O'Brien <\u00c7a/va>";
        assertEquals("lastname", tagged[4].replaceAll(".*\\[", "").replace("]", ""));
        r = admin.call("core_user_update_users", tagged);
        assertEquals(Golden.read("debug_rest_json_update_users_err_notags").responseText(), r.body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user WHERE id = ? AND lastname = ?", gold2j,
                "O'Brien & \u00c7a/va"));
        assertEquals(logged + 1, events("\\core\\event\\user_updated", "user", gold2j, "u", 30));
    }

    @Test
    public void updateUsersWarnsPerUserAndUpdatesTheOthers() {
        long a = user("updmixa");
        long b = user("updmixb");
        Response r = admin.call("core_user_update_users",
                "users[0][id]", String.valueOf(a), "users[0][city]", "Lyon",
                "users[1][id]", String.valueOf(b), "users[1][email]", "updmixa@example.com",
                "users[2][id]", "1", "users[2][firstname]", "Guest!",
                "users[3][id]", String.valueOf(b), "users[3][city]", "Graz",
                "users[3][preferences][0][type]", "auth_forcepasswordchange", "users[3][preferences][0][value]", "1");
        assertEquals("{\"warnings\":[{\"item\":\"user\",\"itemid\":" + b + ",\"warningcode\":\"useremailduplicate\","
                + "\"message\":\"Duplicate address\"},{\"item\":\"user\",\"itemid\":1,\"warningcode\":"
                + "\"guestnoeditprofileother\",\"message\":\"The guest user profile cannot be edited.\"}]}", r.body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user WHERE id = ? AND city = 'Lyon'", a));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user WHERE id = ? AND city = 'Graz' "
                + "AND email = 'updmixb@example.com'", b));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user_preferences WHERE userid = ? "
                + "AND name = 'auth_forcepasswordchange' AND value = '1'", b));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user WHERE id = 1 AND firstname = 'Guest user'"));
    }

    @Test
    public void deleteUsersAnswersAsMoodle() {
        long del = user("gold2del");
        long cohort = cohortJ();
        Moodle.assertNoException(admin.call("core_cohort_add_cohort_members",
                "members[0][cohorttype][type]", "id", "members[0][cohorttype][value]", String.valueOf(cohort),
                "members[0][usertype][type]", "id", "members[0][usertype][value]", String.valueOf(del)));
        Response r = admin.call("core_user_delete_users", "userids[0]", String.valueOf(del));
        assertEquals(Golden.read("rest_json_delete_users").responseText(), r.body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user WHERE id = ? AND deleted = 1 AND password = '' "
                + "AND username <> 'gold2del'", del));
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_cohort_members WHERE userid = ?", del));
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_context WHERE contextlevel = 30 AND instanceid = ?", del));
        assertEquals(1, events("\\core\\event\\user_deleted", "user", del, "d", 30));

        r = admin.call("core_user_delete_users", "userids[0]", String.valueOf(del));
        assertEquals("{\"exception\":\"dml_missing_record_exception\",\"errorcode\":\"invalidrecord\",\"message\":"
                + "\"Can't find data record in database table user.\",\"debuginfo\":\"SELECT * FROM {user} WHERE "
                + "id = ? AND deleted = ?\\n[array (\\n  0 => " + del + ",\\n  1 => 0,\\n)]\"}", r.body());
    }

    @Test
    public void aFailedDeleteLeavesEveryUser() {
        long a = user("delhalfa");
        long logged = count("SELECT COUNT(*) FROM mdl_logstore_standard_log");
        Response r = admin.call("core_user_delete_users", "userids[0]", String.valueOf(a), "userids[1]", "2");
        assertEquals("{\"exception\":\"core\\\\exception\\\\moodle_exception\",\"errorcode\":\"useradminodelete\","
                + "\"message\":\"Administrator accounts can not be deleted\"}", r.body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user WHERE id = ? AND deleted = 0 AND username = 'delhalfa'",
                a));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_context WHERE contextlevel = 30 AND instanceid = ?", a));
        assertEquals(logged, count("SELECT COUNT(*) FROM mdl_logstore_standard_log"));

        r = admin.call("core_user_delete_users", "userids[0]", "1");
        assertEquals("guestnodeleteallowed", JsonParser.parseString(r.body()).getAsJsonObject().get("errorcode")
                .getAsString());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user WHERE id = 1 AND deleted = 0"));
    }

    @Test
    public void theXmlFormatAnswersAsMoodle() {
        user("gold2x");
        if (count("SELECT COUNT(*) FROM mdl_cohort WHERE idnumber = ?", "COHX/\u00e9-1") == 0) {
            Response r = admin.replay("rest_xml_create_cohorts");
            long id = count("SELECT id FROM mdl_cohort WHERE idnumber = ?", "COHX/\u00e9-1");
            assertEquals(Golden.read("rest_xml_create_cohorts").responseText()
                    .replace("<KEY name=\"id\"><VALUE>2</VALUE>", "<KEY name=\"id\"><VALUE>" + id + "</VALUE>"),
                    r.body());
        }
        assertEquals(Golden.read("rest_xml_add_cohort_members").responseText(),
                admin.replay("rest_xml_add_cohort_members").body());
        assertEquals(Golden.read("rest_xml_update_users_warning_invalid_id").responseText(),
                admin.replay("rest_xml_update_users_warning_invalid_id").body());
    }
}
