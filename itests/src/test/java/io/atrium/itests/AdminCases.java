package io.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atrium.admin.api.AdminPage;
import io.atrium.auth.api.ExternalServices;
import io.atrium.auth.api.ServiceDeclaration;
import io.atrium.auth.api.ServiceDefinition;
import io.atrium.itests.support.Http.Response;
import io.atrium.itests.support.Moodle;
import io.atrium.itests.support.TestAuth;
import io.atrium.lms.api.Access;
import io.atrium.lms.api.Users;

/**
 * The admin shell and what it stands on: sign-in (login token, throttling, administrators only),
 * the session cookie and sesskey, the AJAX endpoint, the page whiteboard, the Web Console behind
 * the sign-in, services declared by bundles and administered at runtime, the Gogo commands.
 */
public abstract class AdminCases extends DataCases {

    private static final String PASSWORD = "Admin#2024pw";
    private static final Pattern SESSKEY = Pattern.compile("name=\"sesskey\" content=\"([0-9a-f]+)\"");

    @Inject
    private Users users;

    @Inject
    private ExternalServices services;

    @Inject
    private CommandProcessor gogo;

    @Override
    protected TestAuth authenticator() {
        return null; // the platform's own tokens and sessions only
    }

    @Before
    public void adminPassword() throws Exception {
        users.update(2, Map.of("password", PASSWORD), Access.SYSTEM_ACTOR);
        store.inTransaction(false, db -> db.update("DELETE FROM atrium_login_failures"));
    }

    @After
    public void clearThrottle() {
        store.inTransaction(false, db -> db.update("DELETE FROM atrium_login_failures"));
    }

    // --- helpers

    private Response get(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.base() + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build());
    }

    private Response post(String path, String cookie, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build());
    }

    private static String form(String... pairs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            s.append(s.length() == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    /** Signs in and returns the answer to the form's POST, with the login-token cookie it needs. */
    private Response signIn(String username, String password) {
        Response page = get("/admin/login", null);
        assertEquals(200, page.status());
        String setCookie = page.header("Set-Cookie");
        Matcher m = Pattern.compile("AtriumLogin=([0-9a-f]+)").matcher(setCookie);
        assertTrue(setCookie, m.find());
        assertTrue(page.body(), page.body().contains("value=\"" + m.group(1) + "\""));
        return post("/admin/login", "AtriumLogin=" + m.group(1), "application/x-www-form-urlencoded",
                form("logintoken", m.group(1), "username", username, "password", password, "return", "/admin/services"));
    }

    private record Session(String cookie, String sesskey) {
    }

    private Session session() {
        Response r = signIn("admin", PASSWORD);
        assertEquals(r.body(), 303, r.status());
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("AtriumSession="))
                .findFirst().orElseThrow();
        String value = cookie.substring(0, cookie.indexOf(';'));
        Matcher m = SESSKEY.matcher(get("/admin/", value).body());
        assertTrue(m.find());
        return new Session(value, m.group(1));
    }

    private JsonArray ajax(Session s, String sesskey, String body) {
        Response r = post("/lib/ajax/service.php?sesskey=" + sesskey, s == null ? null : s.cookie(),
                "application/json", body);
        assertEquals(200, r.status());
        return JsonParser.parseString(r.body()).getAsJsonArray();
    }

    // --- tests

    @Test
    public void signingInOpensASessionAndSigningOutEndsIt() throws Exception {
        Response anonymous = get("/admin/services", null);
        assertEquals(303, anonymous.status());
        assertEquals("/admin/login?return=%2Fadmin%2Fservices", anonymous.header("Location"));

        Response noToken = post("/admin/login", null, "application/x-www-form-urlencoded",
                form("username", "admin", "password", PASSWORD));
        assertEquals("a form without its login token is refused", 400, noToken.status());

        Response wrong = signIn("admin", "not-" + PASSWORD);
        assertEquals(200, wrong.status());
        assertTrue(wrong.body(), wrong.body().contains("Invalid login, please try again"));

        Response ok = signIn("admin", PASSWORD);
        assertEquals(303, ok.status());
        assertEquals("/admin/services", ok.header("Location"));
        String cookie = ok.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("AtriumSession="))
                .findFirst().orElseThrow();
        assertTrue(cookie, cookie.contains("; Path=/; HttpOnly; SameSite=Strict"));
        Session s = session();

        Response page = get("/admin/services", s.cookie());
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"));
        assertEquals("DENY", page.header("X-Frame-Options"));
        assertTrue(page.body().contains("<script src=\"/admin/pages/services.js\"></script>"));
        assertEquals(200, get("/admin/pages/services.js", s.cookie()).status());
        assertEquals(200, get("/admin/assets/admin.js", null).status());

        assertEquals("sign-out needs the sesskey", 403, post("/admin/logout", s.cookie(),
                "application/x-www-form-urlencoded", "sesskey=wrong").status());
        Response out = post("/admin/logout", s.cookie(), "application/x-www-form-urlencoded", "sesskey=" + s.sesskey());
        assertEquals(303, out.status());
        assertEquals(303, get("/admin/services", s.cookie()).status());
        assertEquals("the session is gone from the database", 0, count("SELECT COUNT(*) FROM atrium_sessions "
                + "WHERE keyhash = ?", sha256(s.cookie().substring("AtriumSession=".length()))));
    }

    @Test
    public void onlySiteAdministratorsMaySignInAndFailuresAreThrottled() throws Exception {
        if (count("SELECT COUNT(*) FROM mdl_user WHERE username = 'adminteacher'") == 0) {
            users.create(Map.of("username", "adminteacher", "password", "Teacher#2024", "firstname", "T",
                    "lastname", "T", "email", "adminteacher@example.com"), Map.of(), Access.SYSTEM_ACTOR);
        }
        Response teacher = signIn("adminteacher", "Teacher#2024");
        assertEquals(403, teacher.status());
        assertTrue(teacher.body().contains("Only site administrators may sign in here."));
        assertTrue(teacher.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("AtriumSession=")));

        for (int i = 0; i < 5; i++) {
            assertEquals(200, signIn("admin", "wrong").status());
        }
        Response held = signIn("admin", PASSWORD);
        assertEquals("even the right password waits", 429, held.status());
        assertTrue(held.body().contains("Invalid login, please try again"));
        long retry = Long.parseLong(held.header("Retry-After"));
        assertTrue(String.valueOf(retry), retry > 0 && retry <= 900);
        // The throttle is shared: login/token.php refuses the same username meanwhile.
        Response token = post("/login/token.php", null, "application/x-www-form-urlencoded",
                form("username", "admin", "password", PASSWORD, "service", "moodle_mobile_app"));
        assertEquals(429, token.status());
    }

    @Test
    public void theAjaxEndpointRunsBatchesAsTheSessionsUser() {
        Session s = session();
        JsonArray answers = ajax(s, s.sesskey(), "[{\"index\":0,\"methodname\":\"atrium_token_create\",\"args\":"
                + "{\"username\":\"admin\",\"service\":\"moodle_mobile_app\",\"name\":\"ajax\"}},"
                + "{\"index\":1,\"methodname\":\"atrium_token_list\",\"args\":{\"username\":\"admin\"}}]");
        assertEquals(2, answers.size());
        JsonObject created = answers.get(0).getAsJsonObject();
        assertFalse(created.get("error").getAsBoolean());
        String token = created.getAsJsonObject("data").get("token").getAsString();
        assertTrue(answers.get(1).getAsJsonObject().get("data").toString().contains("\"name\":\"ajax\""));
        Moodle client = new Moodle(http, token);
        assertTrue(client.call("core_webservice_get_site_info").body().contains("\"username\":\"admin\""));

        JsonArray stopped = ajax(s, s.sesskey(), "[{\"index\":0,\"methodname\":\"atrium_token_revoke\",\"args\":"
                + "{\"id\":\"x\"}},{\"index\":1,\"methodname\":\"atrium_token_list\",\"args\":{}}]");
        assertEquals("a failure ends the batch", 1, stopped.size());
        JsonObject exception = stopped.get(0).getAsJsonObject().getAsJsonObject("exception");
        assertEquals("invalidparameter", exception.get("errorcode").getAsString());
        assertEquals(List.of("message", "errorcode", "link", "moreinfourl"), List.copyOf(exception.keySet()));

        String list = "[{\"index\":0,\"methodname\":\"atrium_token_list\",\"args\":{}}]";
        assertEquals("invalidsesskey", ajax(s, "0000", list).get(0).getAsJsonObject().getAsJsonObject("exception")
                .get("errorcode").getAsString());
        assertEquals("servicerequireslogin", ajax(null, s.sesskey(), list).get(0).getAsJsonObject()
                .getAsJsonObject("exception").get("errorcode").getAsString());
        Response bad = post("/lib/ajax/service.php?sesskey=" + s.sesskey(), s.cookie(), "application/json", "[{");
        assertEquals(200, bad.status());
        JsonObject fatal = JsonParser.parseString(bad.body()).getAsJsonObject();
        assertEquals("codingerror", fatal.get("errorcode").getAsString());
        assertTrue(bad.body(), fatal.get("error").getAsString().startsWith("Coding error detected, it must be fixed "
                + "by a programmer: Invalid json in request: "));
    }

    @Test
    public void pagesComeAndGoAndRejectedOnesAreReported() throws Exception {
        Session s = session();
        ServiceRegistration<AdminPage> extra = context.registerService(AdminPage.class, page("extra", "Extra page"),
                null);
        Hashtable<String, Object> low = new Hashtable<>(Map.of(Constants.SERVICE_RANKING, -5));
        ServiceRegistration<AdminPage> clash = context.registerService(AdminPage.class, page("extra", "Clash"), low);
        ServiceRegistration<AdminPage> invalid = context.registerService(AdminPage.class, page("Bad Id", "Bad"), null);
        try {
            Response index = get("/admin/", s.cookie());
            assertTrue(index.body(), index.body().contains("<a href=\"/admin/extra\">Extra page</a>"));
            assertTrue(index.body(), index.body().contains("the id extra is taken by a page of"));
            assertTrue(index.body(), index.body().contains("<code>Bad Id</code>"));
            Response page = get("/admin/extra", s.cookie());
            assertEquals(200, page.status());
            assertTrue(page.body().contains("<p id=\"extra\">Hello &amp; welcome</p>"));
            String health = http.get("/health").body();
            assertTrue(health, health.contains("Admin page Bad Id of "));
        } finally {
            extra.unregister();
            clash.unregister();
            invalid.unregister();
        }
        assertEquals("a page that went away is gone", 404, get("/admin/extra", s.cookie()).status());
        assertFalse(http.get("/health").body().contains("Admin page"));
    }

    private static AdminPage page(String id, String title) {
        return new AdminPage() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public String body() {
                return "<p id=\"extra\">Hello &amp; welcome</p>";
            }
        };
    }

    @Test
    public void theWebConsoleWantsTheAdminSession() {
        Response stranger = get("/system/console/bundles", null);
        assertEquals(303, stranger.status());
        assertEquals("/admin/login?return=%2Fsystem%2Fconsole%2Fbundles", stranger.header("Location"));
        Response basic = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/system/console/bundles"))
                .header("Authorization", "Basic YWRtaW46YWRtaW4=").GET().build());
        assertEquals("the console's default admin/admin does not work", 303, basic.status());
        Session s = session();
        Response in = get("/system/console/bundles", s.cookie());
        assertEquals(200, in.status());
        assertTrue(in.body().contains("org.apache.felix.framework"));
    }

    @Test
    public void bundlesDeclareServicesAndAdministratorsKeepTheirDecisions() throws Exception {
        ServiceRegistration<ServiceDeclaration> declared = context.registerService(ServiceDeclaration.class,
                () -> new ServiceDefinition("it_declared", "Declared by the test", true, false, null, false, false,
                        List.of("core_course_get_courses")), null);
        Moodle script = new Moodle(http, tokenFor("atrium_admin"));
        try {
            assertEquals(context.getBundle().getSymbolicName(), services.get("it_declared").orElseThrow().component());
            String token = created(script.call("atrium_token_create", "username", "admin", "service", "it_declared"));
            Moodle client = new Moodle(http, token);
            assertTrue(client.call("core_course_get_courses").body().startsWith("["));
            assertTrue(client.call("core_user_create_users", "users[0][username]", "x").body()
                    .contains("accessexception"));

            assertTrue(script.call("atrium_service_update", "shortname", "it_declared", "enabled", "0").body()
                    .contains("\"enabled\":false"));
            assertTrue(client.call("core_course_get_courses").body().contains("Web service is not available"));
            assertTrue("only what a bundle does not declare may change", script.call("atrium_service_update",
                    "shortname", "it_declared", "name", "Renamed").body().contains("is declared by"));
            assertTrue(script.call("atrium_service_delete", "shortname", "it_declared").body()
                    .contains("cannot be deleted; disable it instead"));

            // Redeploying the declaration keeps the administrator's decision.
            declared.unregister();
            declared = context.registerService(ServiceDeclaration.class, () -> new ServiceDefinition("it_declared",
                    "Declared by the test", true, false, null, false, false, List.of()), null);
            assertFalse(services.get("it_declared").orElseThrow().definition().enabled());

            // A service an administrator made cannot be taken over by a bundle.
            assertTrue(script.call("atrium_service_create", "shortname", "it_made", "name", "Made by hand",
                    "functions[0]", "core_course_get_courses").body().contains("\"component\":\"\""));
            ServiceRegistration<ServiceDeclaration> takeover = context.registerService(ServiceDeclaration.class,
                    () -> ServiceDefinition.of("it_made", "Takeover"), null);
            try {
                assertTrue(services.rejected().toString(), services.rejected().stream().anyMatch(r ->
                        r.shortname().equals("it_made") && r.reason().contains("an administrator created")));
                assertTrue(http.get("/health").body().contains("External service it_made"));
            } finally {
                takeover.unregister();
            }
            String madeToken = created(script.call("atrium_token_create", "username", "admin", "service", "it_made"));
            assertTrue(script.call("atrium_service_delete", "shortname", "it_made").body().contains("\"deleted\":true"));
            assertTrue("its tokens went with it", new Moodle(http, madeToken).call("core_course_get_courses").body()
                    .contains("invalidtoken"));
        } finally {
            declared.unregister();
        }
    }

    private String tokenFor(String service) {
        Response r = post("/login/token.php", null, "application/x-www-form-urlencoded",
                form("username", "admin", "password", PASSWORD, "service", service));
        return JsonParser.parseString(r.body()).getAsJsonObject().get("token").getAsString();
    }

    private static String created(Response r) {
        return JsonParser.parseString(r.body()).getAsJsonObject().get("token").getAsString();
    }

    @Test
    public void gogoCommandsListAndManageTokens() throws Exception {
        String functions = gogo("atrium:functions");
        assertTrue(functions, functions.contains("core_webservice_get_site_info"));
        String services = gogo("atrium:services");
        assertTrue(services, services.contains("moodle_mobile_app") && services.contains("atrium_admin"));
        String created = gogo("atrium:token-create admin moodle_mobile_app console");
        Matcher m = Pattern.compile("token (\\d+): ([0-9a-f]{32})").matcher(created);
        assertTrue(created, m.find());
        Moodle client = new Moodle(http, m.group(2));
        assertTrue(client.call("core_webservice_get_site_info").body().contains("\"username\":\"admin\""));
        assertTrue(gogo("atrium:tokens admin").contains("console"));
        assertEquals("token " + m.group(1) + " revoked", gogo("atrium:token-revoke " + m.group(1)).trim());
        assertTrue(client.call("core_webservice_get_site_info").body().contains("invalidtoken"));
        assertTrue(gogo("atrium:token-create nobody moodle_mobile_app").contains("usage: atrium:token-create"));
    }

    private String gogo(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = gogo.createSession(System.in, print, print)) {
            Object result = session.execute(command);
            assertNotNull(command, result);
            return result.toString() + out.toString(StandardCharsets.UTF_8);
        }
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
