package io.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atrium.auth.api.Tokens;
import io.atrium.itests.support.Golden;
import io.atrium.itests.support.Http.Response;
import io.atrium.itests.support.Moodle;
import io.atrium.itests.support.TestAuth;
import io.atrium.lms.api.Access;
import io.atrium.lms.api.Users;

/**
 * The platform's own tokens: login/token.php against Moodle's captures, get_site_info, and a
 * token's life (revocation, a new password, suspension, expiry, address and service rules).
 */
public abstract class AuthCases extends DataCases {

    private static final String PASSWORD = "Admin#2024pw";

    @Inject
    private Tokens tokens;

    @Inject
    private Users users;

    @Override
    protected TestAuth authenticator() {
        return null; // the platform's own tokens only
    }

    @Before
    public void adminPassword() throws Exception {
        users.update(2, Map.of("password", PASSWORD), Access.SYSTEM_ACTOR);
    }

    private Response tokenPhp(String body) {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + "/login/token.php"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String login(String username, String password, String service) {
        Response r = tokenPhp("username=" + username + "&password=" + java.net.URLEncoder.encode(password,
                java.nio.charset.StandardCharsets.UTF_8) + "&service=" + service);
        JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
        assertTrue(r.body(), o.has("token"));
        return o.get("token").getAsString();
    }

    @Test
    public void tokenPhpAnswersAsMoodle() throws Exception {
        for (String capture : new String[] { "token_wrong_password", "token_unknown_service",
                "token_missing_service_param" }) {
            Response r = admin.replay(capture);
            assertEquals(capture, 200, r.status());
            assertEquals(capture, Golden.read(capture).responseText(), r.body());
            assertTrue(r.contentType().startsWith("application/json"));
        }
        Response ok = admin.replay("token_success_mobile_app");
        Moodle.assertSameShape("token_success_mobile_app", ok.body());
        String token = JsonParser.parseString(ok.body()).getAsJsonObject().get("token").getAsString();
        assertTrue(token, token.matches("[0-9a-f]{32}"));
        assertEquals("a valid token is handed out again", token,
                JsonParser.parseString(admin.replay("token_success_mobile_app").body()).getAsJsonObject()
                        .get("token").getAsString());
        assertEquals("stored only as a hash", 0, count("SELECT COUNT(*) FROM mdl_external_tokens WHERE tokenhash = ? "
                + "OR tokensalt = ?", token, token));
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("kept as its SHA-256", 1, count("SELECT COUNT(*) FROM mdl_external_tokens WHERE tokenhash = ?",
                hash));
        assertEquals("{\"appsitecheck\":\"ok\"}", tokenPhp("appsitecheck=1").body());
    }

    @Test
    public void failedLoginsAreThrottledPerUsername() throws Exception {
        long id = count("SELECT id FROM mdl_user WHERE username = 'throttled'");
        if (id == 0) {
            users.create(Map.of("username", "throttled", "password", "Throttle#2024", "firstname", "T",
                    "lastname", "T", "email", "throttled@example.com"), Map.of(), Access.SYSTEM_ACTOR);
        }
        for (int i = 0; i < 5; i++) {
            Response r = tokenPhp("username=throttled&password=wrong&service=moodle_mobile_app");
            assertEquals(200, r.status());
            assertEquals(Golden.read("token_wrong_password").responseText(), r.body());
        }
        Response refused = tokenPhp("username=throttled&password=Throttle%232024&service=moodle_mobile_app");
        assertEquals("even the right password waits", 429, refused.status());
        assertEquals(Golden.read("token_wrong_password").responseText(), refused.body());
        long retry = Long.parseLong(refused.header("Retry-After"));
        assertTrue(String.valueOf(retry), retry > 0 && retry <= 900);
        // Another user from the same address is not held back by this one's failures.
        login("admin", PASSWORD, "moodle_mobile_app");
        store.inTransaction(false, db -> db.update("DELETE FROM atrium_login_failures"));
    }

    @Test
    public void anAdminScriptsTokensWithCurlAloneAndOthersMayNot() throws Exception {
        long student = student();
        Moodle script = new Moodle(http, login("admin", PASSWORD, "atrium_admin"));
        JsonObject created = JsonParser.parseString(script.call("atrium_token_create", "username", "authstudent",
                "service", "moodle_mobile_app", "name", "integration").body()).getAsJsonObject();
        String token = created.get("token").getAsString();
        assertTrue(token, token.matches("[0-9a-f]{32}"));
        JsonArray listed = JsonParser.parseString(script.call("atrium_token_list", "username", "authstudent").body())
                .getAsJsonArray();
        boolean found = false;
        for (JsonElement e : listed) {
            JsonObject t = e.getAsJsonObject();
            if (t.get("id").getAsLong() == created.get("id").getAsLong()) {
                found = true;
                assertEquals(student, t.get("userid").getAsLong());
                assertEquals("integration", t.get("name").getAsString());
                assertTrue("never the value", !t.toString().contains(token));
            }
        }
        assertTrue(found);
        try (AutoCloseable rest = allowAuthenticatedUsers("webservice/rest:use")) {
            Moodle integration = new Moodle(http, token);
            Moodle.assertNoException(integration.call("core_webservice_get_site_info"));
            assertEquals("{\"revoked\":true}", script.call("atrium_token_revoke", "id",
                    created.get("id").getAsString()).body());
            assertEquals("invalidtoken", error(integration.call("core_webservice_get_site_info")));
            // A user without moodle/webservice:createtoken gets no token from login/token.php...
            assertEquals("cannotcreatetoken", error(tokenPhp(
                    "username=authstudent&password=Student%232024pw&service=atrium_admin")));
            // ...and one given a token for the administration service still lacks moodle/site:config.
            String given = JsonParser.parseString(script.call("atrium_token_create", "username", "authstudent",
                    "service", "atrium_admin").body()).getAsJsonObject().get("token").getAsString();
            Response r = new Moodle(http, given).call("atrium_token_list");
            assertEquals("accessexception", error(r));
            assertTrue(r.body(), r.body().contains("The capability moodle\\/site:config is required."));
        }
    }

    /** A golden multipart request, sent as captured but with another token (of the same length). */
    private Response upload(String capture, String token) {
        Golden g = Golden.read(capture);
        String body = new String(g.requestBody(), java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace(TestAuth.ADMIN, token);
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + g.target()))
                .header("Content-Type", g.requestHeaders().get("Content-Type"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.ISO_8859_1))
                .build());
    }

    @Test
    public void uploadPutsFilesInTheDraftAreaAndAnswersAsMoodle() {
        assertEquals(Golden.read("upload_err_invalid_token").responseText(),
                upload("upload_err_invalid_token", "00000000000000000000000000000000").body());
        String token = login("admin", PASSWORD, "moodle_mobile_app");
        Response r = upload("upload_success", token);
        assertEquals(200, r.status());
        JsonObject file = JsonParser.parseString(r.body()).getAsJsonArray().get(0).getAsJsonObject();
        long itemid = file.get("itemid").getAsLong();
        String expected = Golden.read("upload_success").responseText()
                .replaceAll("\"itemid\":\\d+", "\"itemid\":" + itemid)
                .replaceAll("\"contextid\":\\d+", "\"contextid\":" + file.get("contextid").getAsLong());
        assertEquals("Moodle's array, key for key", expected, r.body());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_files WHERE component = 'user' AND filearea = 'draft' "
                + "AND itemid = ? AND filename = 'hello.txt' AND filesize = 20", itemid));
        // The same name again in the same draft area: Moodle's per-file error, the first file kept.
        String again = new String(Golden.read("upload_success").requestBody(), java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace(TestAuth.ADMIN, token).replace("name=\"itemid\"\r\n\r\n0", "name=\"itemid\"\r\n\r\n" + itemid);
        Response second = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base()
                + "/webservice/upload.php")).header("Content-Type", Golden.read("upload_success").requestHeaders()
                .get("Content-Type")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(again,
                        java.nio.charset.StandardCharsets.ISO_8859_1)).build());
        JsonObject refused = JsonParser.parseString(second.body()).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(second.body(), "filenameexist", refused.get("errortype").getAsString());
        assertEquals(1, count("SELECT COUNT(*) FROM mdl_files WHERE itemid = ?", itemid));
    }

    @Test
    public void uploadsOverTheConfiguredLimitAreRefusedAndNotKept() throws Exception {
        String token = login("admin", PASSWORD, "moodle_mobile_app");
        var admin = context.getService(context.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        var config = admin.getConfiguration("io.atrium.auth.upload", "?");
        config.update(new java.util.Hashtable<>(Map.of("maxBytes", 10L)));
        try {
            // The golden upload's file has 20 bytes: over the limit once the servlet has the new setting.
            io.atrium.itests.support.Await.until("the 10-byte limit", TIMEOUT,
                    () -> upload("upload_success", token), x -> x.body().contains("fileoversized"));
            long before = count("SELECT COUNT(*) FROM mdl_files WHERE filename = 'hello.txt'");
            Response r = upload("upload_success", token);
            JsonObject refused = JsonParser.parseString(r.body()).getAsJsonArray().get(0).getAsJsonObject();
            assertEquals("hello.txt", refused.get("filename").getAsString());
            assertTrue(r.body(), refused.has("error"));
            assertEquals("fileoversized", refused.get("errortype").getAsString());
            assertEquals("nothing of it is kept", before, count("SELECT COUNT(*) FROM mdl_files "
                    + "WHERE filename = 'hello.txt'"));
        } finally {
            config.delete();
        }
        io.atrium.itests.support.Await.until("the default limit again", TIMEOUT, () -> upload("upload_success", token),
                x -> !x.body().contains("fileoversized"));
    }

    @Test
    public void pluginfileServesTheUsersFilesWithRangesAndNothingElse() throws Exception {
        String token = login("admin", PASSWORD, "moodle_mobile_app");
        JsonObject file = JsonParser.parseString(upload("upload_success", token).body()).getAsJsonArray().get(0)
                .getAsJsonObject();
        String path = "/" + file.get("contextid").getAsLong() + "/user/draft/" + file.get("itemid").getAsLong()
                + "/hello.txt";
        Response whole = http.get("/webservice/pluginfile.php" + path + "?token=" + token);
        assertEquals(200, whole.status());
        assertEquals("Hello golden world!\n", whole.body());
        assertTrue(whole.contentType(), whole.contentType().startsWith("text/plain"));
        assertEquals("bytes", whole.header("Accept-Ranges"));
        Response byParam = http.get("/webservice/pluginfile.php?token=" + token + "&file="
                + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("Hello golden world!\n", byParam.body());
        Response part = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base()
                + "/webservice/pluginfile.php" + path + "?token=" + token)).header("Range", "bytes=6-11").GET().build());
        assertEquals(206, part.status());
        assertEquals("golden", part.body());
        assertEquals("bytes 6-11/20", part.header("Content-Range"));
        assertEquals(404, http.get("/webservice/pluginfile.php" + path.replace("hello.txt", "missing.txt")
                + "?token=" + token).status());

        // Another user may not read the admin's drafts: answered as if there were no such file.
        long id = student();
        Tokens.Created other = tokens.create(id, "moodle_mobile_app", null, 0, null, 2);
        try (AutoCloseable rest = allowAuthenticatedUsers("webservice/rest:use")) {
            assertEquals(404, http.get("/webservice/pluginfile.php" + path + "?token=" + other.token()).status());
            // A bundle's rule for its component opens more: here, drafts to that one student.
            var rule = context.registerService(io.atrium.auth.api.FileAccess.class, (user, f) -> user == id,
                    new java.util.Hashtable<>(Map.of(io.atrium.auth.api.FileAccess.COMPONENT, "user")));
            try {
                assertEquals("Hello golden world!\n", http.get("/webservice/pluginfile.php" + path + "?token="
                        + other.token()).body());
            } finally {
                rule.unregister();
            }
            assertEquals(404, http.get("/webservice/pluginfile.php" + path + "?token=" + other.token()).status());
        }
        // A service without downloads: Moodle's access exception.
        String adminService = login("admin", PASSWORD, "atrium_admin");
        Response refused = http.get("/webservice/pluginfile.php" + path + "?token=" + adminService);
        assertEquals("accessexception", error(refused));
        assertEquals("invalidtoken", error(http.get("/webservice/pluginfile.php" + path + "?token=nope")));
    }

    @Test
    public void siteInfoHasMoodlesShapeAndTheServicesFunctions() {
        Moodle client = new Moodle(http, login("admin", PASSWORD, "moodle_mobile_app"));
        Response r = client.call("core_webservice_get_site_info");
        Moodle.assertSameShape("rest_json_site_info", r.body());
        JsonObject info = JsonParser.parseString(r.body()).getAsJsonObject();
        assertEquals("admin", info.get("username").getAsString());
        assertEquals(2, info.get("userid").getAsInt());
        assertTrue(info.get("userissiteadmin").getAsBoolean());
        JsonArray functions = info.getAsJsonArray("functions");
        boolean siteInfo = false;
        for (JsonElement f : functions) {
            String name = f.getAsJsonObject().get("name").getAsString();
            siteInfo |= name.equals("core_webservice_get_site_info");
            assertEquals("every function listed may be called with this token", 200, http.get(
                    "/webservice/functions/" + name).status());
        }
        assertTrue(siteInfo);
        // A function outside the service is refused, as Moodle does.
        Response outside = client.call("core_user_delete_users", "userids[0]", "99999");
        assertEquals("accessexception", JsonParser.parseString(outside.body()).getAsJsonObject().get("errorcode")
                .getAsString());
    }

    @Test
    public void aRevokedTokenStopsAtOnce() throws Exception {
        Tokens.Created created = tokens.create(2, "moodle_mobile_app", "itest", 0, null, 2);
        Moodle client = new Moodle(http, created.token());
        Moodle.assertNoException(client.call("core_webservice_get_site_info"));
        assertTrue(tokens.revoke(created.id()));
        assertEquals(Golden.read("debug_rest_json_err_invalid_token").responseText(),
                client.call("core_webservice_get_site_info").body());
    }

    @Test
    public void aNewPasswordEndsTheUsersTokens() throws Exception {
        String token = login("admin", PASSWORD, "moodle_mobile_app");
        Moodle client = new Moodle(http, token);
        Moodle.assertNoException(client.call("core_webservice_get_site_info"));
        users.update(2, Map.of("password", "Changed#2024pw"), Access.SYSTEM_ACTOR);
        assertEquals("invalidtoken", error(client.call("core_webservice_get_site_info")));
        String fresh = login("admin", "Changed#2024pw", "moodle_mobile_app");
        assertNotEquals(token, fresh);
    }

    @Test
    public void expiredRestrictedAndSuspendedTokensAreRefusedAsMoodleDoes() throws Exception {
        Tokens.Created expired = tokens.create(2, "moodle_mobile_app", null, 1, null, 2);
        Response r = new Moodle(http, expired.token()).call("core_webservice_get_site_info");
        assertEquals("accessexception", error(r));
        assertTrue(r.body(), r.body().contains("token expired"));
        login("admin", PASSWORD, "moodle_mobile_app");
        assertEquals("dead tokens go at the user's next login", 0, count(
                "SELECT COUNT(*) FROM mdl_external_tokens WHERE id = ?", expired.id()));

        Tokens.Created elsewhere = tokens.create(2, "moodle_mobile_app", null, 0, "10.9.8.0/24", 2);
        r = new Moodle(http, elsewhere.token()).call("core_webservice_get_site_info");
        assertEquals("accessexception", error(r));
        assertTrue(r.body(), r.body().contains("IP:127.0.0.1 is not supported"));
        Tokens.Created here = tokens.create(2, "moodle_mobile_app", null, 0, "127.0.0.0/8", 2);
        Moodle.assertNoException(new Moodle(http, here.token()).call("core_webservice_get_site_info"));

        long id = student();
        try (AutoCloseable rest = allowAuthenticatedUsers("webservice/rest:use")) {
            Tokens.Created student = tokens.create(id, "moodle_mobile_app", null, 0, null, 2);
            Moodle client = new Moodle(http, student.token());
            JsonObject info = JsonParser.parseString(client.call("core_webservice_get_site_info").body())
                    .getAsJsonObject();
            assertEquals("authstudent", info.get("username").getAsString());
            users.update(id, Map.of("suspended", 1), Access.SYSTEM_ACTOR);
            r = client.call("core_webservice_get_site_info");
            assertEquals("wsaccessusersuspended", error(r));
            assertTrue(r.body().contains("Refused web service access for suspended username: authstudent"));
        }

        store.inTransaction(false, db -> db.update("UPDATE mdl_external_services SET enabled = 0 "
                + "WHERE shortname = 'moodle_mobile_app'"));
        try {
            assertEquals("accessexception", error(new Moodle(http, here.token()).call("core_webservice_get_site_info")));
            assertEquals("servicenotavailable", JsonParser.parseString(tokenPhp("username=admin&password="
                    + "Admin%232024pw&service=moodle_mobile_app").body()).getAsJsonObject().get("errorcode").getAsString());
        } finally {
            store.inTransaction(false, db -> db.update("UPDATE mdl_external_services SET enabled = 1 "
                    + "WHERE shortname = 'moodle_mobile_app'"));
        }
    }

    /** A plain user, created once. */
    private long student() throws Exception {
        long existing = count("SELECT id FROM mdl_user WHERE username = 'authstudent' AND deleted = 0");
        if (existing > 0) {
            users.update(existing, Map.of("suspended", 0), Access.SYSTEM_ACTOR);
            return existing;
        }
        return users.create(Map.of("username", "authstudent", "password", "Student#2024pw", "firstname", "Auth",
                "lastname", "Student", "email", "authstudent@example.com"), Map.of(), Access.SYSTEM_ACTOR);
    }

    private static String error(Response r) {
        return JsonParser.parseString(r.body()).getAsJsonObject().get("errorcode").getAsString();
    }
}
