package io.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atrium.itests.support.Await;
import io.atrium.itests.support.Golden;
import io.atrium.itests.support.Http.Response;
import io.atrium.itests.support.Moodle;
import io.atrium.itests.support.TestAuth;
import io.atrium.lms.api.EventLog;
import io.atrium.lms.api.LmsEvent;
import io.atrium.ws.api.spi.WsAuthenticator;

/** core_user_* over REST, against Moodle's captures, and what they leave in the database and the log. */
public abstract class UsersCases extends DataCases {

    static final String STUDENT = "5877e87c2d1874c488f56a9a61facb3e";

    @Inject
    private EventLog events;

    private void student1() {
        if (count("SELECT COUNT(*) FROM mdl_user WHERE username = 'student1'") == 0) {
            Moodle.assertNoException(admin.call("core_user_create_users", "users[0][username]", "student1",
                    "users[0][password]", "Student#2024pw", "users[0][firstname]", "Stu", "users[0][lastname]", "Dent",
                    "users[0][email]", "student1@example.com"));
        }
    }

    @Test
    public void createUsersNestedAnswersAsMoodleAndStoresEverything() {
        long before = events.cursor("itest-users");
        Response r = admin.replay("rest_json_create_users_nested");
        assertEquals(200, r.status());
        Moodle.assertSameShape("rest_json_create_users_nested", r.body());
        JsonArray created = JsonParser.parseString(r.body()).getAsJsonArray();
        assertEquals("nestedjsona", created.get(0).getAsJsonObject().get("username").getAsString());
        assertEquals("nestedjsonb", created.get(1).getAsJsonObject().get("username").getAsString());
        long a = created.get(0).getAsJsonObject().get("id").getAsLong();
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user_preferences WHERE userid = ? AND name = "
                + "'auth_forcepasswordchange' AND value = '0'", a));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_user WHERE username = 'nestedjsonb' AND city = 'Perth' "
                + "AND country = 'AU' AND password LIKE '$2y$10$%'"));
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_context WHERE contextlevel = 30 AND instanceid = ?", a));

        // A rolled-back call of another test may have left a gap in the ids; the log holds events
        // back behind a gap for a few seconds, in case it is a transaction still running.
        List<LmsEvent> log = Await.until("user_created in the log", TIMEOUT, () -> events.read("itest-users", 10000),
                l -> l.stream().anyMatch(x -> x.objectid() != null && x.objectid() == a));
        LmsEvent e = log.stream().filter(x -> x.objectid() != null && x.objectid() == a).findFirst().orElseThrow();
        assertEquals("\\core\\event\\user_created", e.eventname());
        assertEquals(List.of("eventname", "component", "action", "target", "objecttable", "objectid", "crud",
                "edulevel", "contextid", "contextlevel", "contextinstanceid", "userid", "courseid", "relateduserid",
                "anonymous", "other", "timecreated"), List.copyOf(e.data().keySet()));
        assertEquals("core", e.component());
        assertEquals("created", e.action());
        assertEquals("user", e.target());
        assertEquals("user", e.objecttable());
        assertEquals("c", e.crud());
        assertEquals(30, e.contextlevel());
        assertEquals(a, e.contextinstanceid());
        assertEquals(2, e.userid());
        assertEquals(Long.valueOf(a), e.relateduserid());
        events.acknowledge("itest-users", log.get(log.size() - 1).id());
        assertTrue(events.cursor("itest-users") > before);
        assertTrue(events.read("itest-users", 1000).stream().noneMatch(x -> x.id() <= log.get(log.size() - 1).id()));
    }

    @Test
    public void eventsArePostedAfterTheCommitAndNeverForAFailedCall() {
        List<Event> seen = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> props = new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC,
                EventLog.TOPIC_PREFIX + "core/event/user_created"));
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, seen::add, props);
        try {
            admin.call("core_user_create_users", "users[0][username]", "posted1", "users[0][password]", "Posted#2024",
                    "users[0][firstname]", "P", "users[0][lastname]", "One", "users[0][email]", "posted1@example.com",
                    "users[1][username]", "posted1", "users[1][password]", "Posted#2024", "users[1][firstname]", "P",
                    "users[1][lastname]", "Two", "users[1][email]", "posted2@example.com");
            JsonArray ok = admin.json("core_user_create_users", "users[0][username]", "posted3",
                    "users[0][password]", "Posted#2024", "users[0][firstname]", "P", "users[0][lastname]", "Three",
                    "users[0][email]", "posted3@example.com").getAsJsonArray();
            long id = ok.get(0).getAsJsonObject().get("id").getAsLong();
            Event e = Await.until("user_created on EventAdmin", TIMEOUT, () -> seen, l -> !l.isEmpty()).get(0);
            assertEquals("\\core\\event\\user_created", e.getProperty("eventname"));
            assertEquals(id, e.getProperty("objectid"));
            assertEquals(id, e.getProperty("relateduserid"));
            assertTrue(e.getProperty(EventLog.ID) instanceof Long);
            assertEquals("the failed call posted nothing", 1, seen.size());
        } finally {
            handler.unregister();
        }
    }

    @Test
    public void aDuplicateUsernameIsMoodlesErrorAndAFailedCallLeavesNothing() {
        student1();
        Response r = admin.replay("rest_json_create_users_err_duplicate");
        assertEquals(Golden.read("debug_rest_json_create_users_err_duplicate").responseText(), r.body());

        long users = count("SELECT COUNT(*) FROM mdl_user");
        long logged = count("SELECT COUNT(*) FROM mdl_logstore_standard_log");
        r = admin.call("core_user_create_users",
                "users[0][username]", "halfway1", "users[0][password]", "Half#2024pw", "users[0][firstname]", "H",
                "users[0][lastname]", "W", "users[0][email]", "halfway1@example.com",
                "users[1][username]", "halfway1", "users[1][password]", "Half#2024pw", "users[1][firstname]", "H",
                "users[1][lastname]", "W", "users[1][email]", "halfway2@example.com");
        assertTrue(r.body(), r.body().contains("Username already exists: halfway1"));
        assertEquals("the first user, created before the second failed, is gone", users,
                count("SELECT COUNT(*) FROM mdl_user"));
        assertEquals(logged, count("SELECT COUNT(*) FROM mdl_logstore_standard_log"));
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_context WHERE contextlevel = 30 AND instanceid NOT IN "
                + "(SELECT id FROM mdl_user)"));
    }

    @Test
    public void missingKeysAndWeakPasswordsAreInvalidParameters() {
        Response r = admin.replay("rest_json_create_users_err_missing_key");
        assertEquals(Golden.read("debug_rest_json_create_users_err_missing_key").responseText(), r.body());
        r = admin.call("core_user_create_users", "users[0][username]", "weakling", "users[0][password]", "weak",
                "users[0][firstname]", "W", "users[0][lastname]", "L", "users[0][email]", "weak@example.com");
        JsonObject e = JsonParser.parseString(r.body()).getAsJsonObject();
        assertEquals("invalidparameter", e.get("errorcode").getAsString());
        assertTrue(e.get("debuginfo").getAsString().contains("Passwords must be at least 8 characters long."));
    }

    @Test
    public void getUsersByFieldAnswersAsMoodle() {
        student1();
        Response r = admin.replay("rest_json_get_users_by_field");
        Moodle.assertSameShape("rest_json_get_users_by_field", r.body());
        JsonObject u = JsonParser.parseString(r.body()).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("Stu Dent", u.get("fullname").getAsString());
        assertEquals("student1@example.com", u.get("email").getAsString());
        assertEquals("manual", u.get("auth").getAsString());
        assertFalse(u.get("suspended").getAsBoolean());
        assertTrue(u.get("profileimageurl").getAsString().endsWith("/u/f1"));

        assertEquals("[]", admin.replay("rest_json_get_users_by_field_empty").body());
        assertEquals(Golden.read("debug_rest_json_err_invalid_param_value").responseText(),
                admin.replay("rest_json_err_invalid_param_value").body());
    }

    @Test
    public void getUsersByEmailShowsTheOptionalFieldsThatAreSet() {
        if (count("SELECT COUNT(*) FROM mdl_user WHERE username = 'gold2j'") == 0) {
            Moodle.assertNoException(admin.call("core_user_create_users", "users[0][username]", "gold2j",
                    "users[0][password]", "Gold#2024pw", "users[0][firstname]", "Zoë/Ünï",
                    "users[0][lastname]", "O'Brien & Ça/va", "users[0][email]", "zoe.j+tag@example.com",
                    "users[0][city]", "São Paulo/SP", "users[0][country]", "BR"));
            // create_users takes a description as PARAM_TEXT, no HTML; Moodle's capture set it with update_users.
            store.inTransaction(false, db -> db.update("UPDATE mdl_user SET description = ? WHERE username = 'gold2j'",
                    "<p>Bio é/ü &amp; más</p>"));
        }
        Response r = admin.replay("rest_json_get_users_by_field_email");
        Moodle.assertSameShape("rest_json_get_users_by_field_email", r.body());
        JsonObject u = JsonParser.parseString(r.body()).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("Zoë/Ünï O'Brien & Ça/va", u.get("fullname").getAsString());
        assertEquals("São Paulo/SP", u.get("city").getAsString());
    }

    @Test
    public void aStudentMayNotCreateUsers() throws Exception {
        student1();
        long id = count("SELECT id FROM mdl_user WHERE username = 'student1'");
        // As for Moodle's capture: webservice/rest:use granted to the authenticated user role.
        AutoCloseable grant = allowAuthenticatedUsers("webservice/rest:use");
        Hashtable<String, Object> ranking = new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 200));
        ServiceRegistration<WsAuthenticator> students = context.registerService(WsAuthenticator.class,
                new TestAuth().with(STUDENT, new TestAuth.Token(id, "student1", "oracle_ws", null, f -> true)),
                ranking);
        try {
            Moodle student = new Moodle(http, STUDENT);
            Response r = student.call("core_user_create_users", "users[0][username]", "xjson",
                    "users[0][password]", "Pw#2024pw", "users[0][firstname]", "X", "users[0][lastname]", "Y",
                    "users[0][email]", "xjson@example.com");
            assertEquals(Golden.read("rest_json_err_nopermissions").responseText(), r.body());
            // The site's has_capability decides, not the token: without the grant, no REST at all.
            grant.close();
            JsonObject e = JsonParser.parseString(student.call("core_user_get_users_by_field", "field", "id",
                    "values[0]", String.valueOf(id)).body()).getAsJsonObject();
            assertEquals("accessexception", e.get("errorcode").getAsString());
        } finally {
            students.unregister();
        }
    }
}
