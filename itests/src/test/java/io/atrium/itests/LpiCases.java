package io.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atrium.itests.support.Http.Response;
import io.atrium.itests.support.Moodle;
import io.atrium.itests.support.TestAuth;
import io.atrium.lms.api.Access;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Courses;
import io.atrium.lms.api.FileRecord;
import io.atrium.lms.api.Files;
import io.atrium.lms.api.StoredFile;
import io.atrium.lms.api.Users;

/**
 * local_lpi as the teacher's side and the licence office drive it: a course file classified
 * over REST, the queue, the metadata, the download, the authorisation and its errors.
 */
public abstract class LpiCases extends DataCases {

    private static final String PASSWORD = "Lpi-admin-2024!";

    @Inject
    private Users users;

    @Inject
    private Files files;

    @Inject
    private Courses courses;

    @Inject
    private Contexts contexts;

    private Moodle lpi;
    private String token;

    @Override
    protected TestAuth authenticator() {
        return null; // the platform's own tokens
    }

    @Before
    public void lpiToken() throws Exception {
        users.update(2, Map.of("password", PASSWORD), Access.SYSTEM_ACTOR);
        Response r = http.get("/login/token.php?username=admin&password=" + PASSWORD + "&service=local_lpi");
        token = JsonParser.parseString(r.body()).getAsJsonObject().get("token").getAsString();
        lpi = new Moodle(http, token);
    }

    /** A course with a module holding one file; the file's id. */
    private long courseFile(String shortname, String content) throws Exception {
        long course = courses.create(Map.of("fullname", shortname, "shortname", shortname, "category", 1L),
                Access.SYSTEM_ACTOR);
        long cm = courses.addModule(course, 1, Map.of("modname", "resource", "name", "Reading"), Access.SYSTEM_ACTOR);
        long ctx = contexts.of(ContextLevel.MODULE, cm).orElseThrow().id();
        StoredFile f = files.create(new FileRecord(ctx, "mod_resource", "content", 0, "/", shortname + ".txt", 2L,
                null, null, null), new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), 1 << 20);
        coursesOf.put(f.id(), course);
        return f.id();
    }

    private final Map<Long, Long> coursesOf = new java.util.HashMap<>();

    private JsonObject classify(long fileid, int choice, String title, String author) {
        Response r = lpi.call("local_lpi_classify_file", "courseid", String.valueOf(coursesOf.get(fileid)), "fileid",
                String.valueOf(fileid), "choice", String.valueOf(choice), "title", title, "author", author,
                "publisher", "Pub", "totalpages", "300");
        assertEquals(r.body(), 200, r.status());
        Moodle.assertNoException(r);
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    @Test
    public void theLicenceQueueFromClassificationToAuthorisation() throws Exception {
        long file = courseFile("LPI-1", "chapter one");
        JsonObject classified = classify(file, 7, "Unique Treatise", "Cervantes");
        assertEquals("gt10", classified.get("state").getAsString());
        long id = classified.get("id").getAsLong();

        JsonObject pending = lpi.json("local_lpi_get_pending_files", "page", "0", "count", "10", "search",
                "unique treatise").getAsJsonObject();
        assertEquals(1, pending.get("count").getAsInt());
        String item = pending.getAsJsonArray("data").get(0).toString();
        assertTrue(item, item.startsWith("{\"id\":" + id + ",\"title\":\"Unique Treatise\",\"author\":\"Cervantes\","
                + "\"fragment\":false,\"state\":\"gt10\",\"metadatauserid\":2,\"metadatauseridnumber\":"));

        Response meta = lpi.call("local_lpi_get_file_metadata", "id", String.valueOf(id));
        assertTrue(meta.body(), meta.body().contains("\"fragmenttitle\":null,\"fragmentauthor\":null,\"publisher\":\"Pub\","
                + "\"url\":\"http:\\/\\/"));
        assertTrue(meta.body(), meta.body().contains("\\/local\\/lpi\\/download_file.php?id=" + id + "\""));
        assertTrue(meta.body(), meta.body().contains("\"mimetype\":\"text\\/plain\",\"filesize\":11}"));

        Response download = http.get("/local/lpi/download_file.php?token=" + token + "&id=" + id);
        assertEquals(200, download.status());
        assertEquals("chapter one", download.body());
        assertTrue(download.contentType(), download.contentType().startsWith("text/plain"));

        Response ok = lpi.call("local_lpi_set_file_authorization", "id", String.valueOf(id), "authz", "ok",
                "documentcontent", "havelicense", "timeendlicense", "4102444800");
        assertEquals("{\"id\":" + id + ",\"authz\":\"ok\",\"document_content\":\"havelicense\","
                + "\"timeendlicense\":4102444800}", ok.body());

        Response again = lpi.call("local_lpi_set_file_authorization", "id", String.valueOf(id), "authz", "ok",
                "documentcontent", "publicdomain");
        assertEquals("{\"exception\":\"local_lpi\\\\exception\\\\not_supported_state_exception\","
                + "\"errorcode\":\"error_notsupportedstate\",\"message\":\"Cannot set state ok to metadata " + id
                + "\"}", again.body());

        Response refused = http.get("/local/lpi/download_file.php?token=" + token + "&id=" + id);
        assertTrue(refused.body(), refused.body().startsWith("{\"exception\":\"local_lpi\\\\exception\\\\"));
        assertTrue(refused.body(), !refused.body().contains("chapter one"));
    }

    @Test
    public void theLicenceOfficeRefusesAFile() throws Exception {
        long file = courseFile("LPI-2", "whole book");
        long id = classify(file, 7, "Whole Book", "Anon").get("id").getAsLong();
        Response no = lpi.call("local_lpi_set_file_authorization", "id", String.valueOf(id), "authz", "forbidden",
                "documentcontent", "other", "denyreason", "too expensive");
        assertEquals("{\"id\":" + id + ",\"authz\":\"forbidden\",\"document_content\":\"other\","
                + "\"denystate\":\"too expensive\"}", no.body());
        Response meta = lpi.call("local_lpi_get_file_metadata", "id", String.valueOf(id));
        assertTrue(meta.body(), meta.body().contains("\"errorcode\":\"error_notsupportedstate\""));
    }

    @Test
    public void aPublishedFileIsNotInTheQueueNorDownloadable() throws Exception {
        long file = courseFile("LPI-3", "free text");
        JsonObject r = classify(file, 4, "Old Book", "Homer");
        assertEquals("ok", r.get("state").getAsString());
        Response refused = http.get("/local/lpi/download_file.php?token=" + token + "&id=" + r.get("id").getAsLong());
        assertEquals(200, refused.status());
        assertTrue(refused.body(), refused.body().contains("\"errorcode\":\"error_notsupportedstate\""));
        Response badToken = http.get("/local/lpi/download_file.php?token=nope&id=" + r.get("id").getAsLong());
        assertTrue(badToken.body(), badToken.body().contains("\"errorcode\":\"invalidtoken\""));
    }

    // ---- The audit bundle

    private Moodle auditor() {
        Response r = http.get("/login/token.php?username=admin&password=" + PASSWORD + "&service=local_lpi_audit");
        return new Moodle(http, JsonParser.parseString(r.body()).getAsJsonObject().get("token").getAsString());
    }

    @Test
    public void aRightsEntityAuditsProcessedRecordsWithoutRealCourseIds() throws Exception {
        long queued = classify(courseFile("AUD-1", "audited text"), 7, "Audited Work", "Author A").get("id").getAsLong();
        long admin = classify(courseFile("AUD-2", "a form"), 1, "Enrolment form", "Office").get("id").getAsLong();
        Moodle audit = auditor();
        JsonObject page = audit.json("get_auditable_file_metadata", "page", "0", "count", "1000").getAsJsonObject();
        assertEquals(page.get("count").getAsInt(), page.getAsJsonArray("data").size());
        JsonObject record = null;
        for (com.google.gson.JsonElement e : page.getAsJsonArray("data")) {
            long id = e.getAsJsonObject().get("id").getAsLong();
            assertTrue("administrative records are not auditable", id != admin);
            if (id == queued) {
                record = e.getAsJsonObject();
            }
        }
        assertTrue(page.toString(), record != null);
        assertEquals("gt10", record.get("state").getAsString());
        String pseudonym = record.get("courseid").getAsString();
        assertTrue(pseudonym, pseudonym.matches("[0-9a-f]{16}"));
        assertTrue(!pseudonym.equals(String.valueOf(coursesOf.get(fileOf(queued)))));
        JsonObject same = audit.json("local_lpi_get_auditable_file_metadata", "page", "0", "count", "1000")
                .getAsJsonObject();
        assertTrue("the pseudonym is stable", same.toString().contains("\"courseid\":\"" + pseudonym + "\""));

        String url = record.get("downloadurl").getAsString();
        assertTrue(url, url.contains("/local/lpi/audit/download_file.php?id=" + queued));
        Response file = http.get(url.substring(url.indexOf("/local/")) + "&token=" + audit.token());
        assertEquals("audited text", file.body());
        Response adminFile = http.get("/local/lpi/audit/download_file.php?id=" + admin + "&token=" + audit.token());
        assertTrue(adminFile.body(), adminFile.body().contains("\"errorcode\":\"error_filenotfound\""));
        Response officeToken = http.get("/local/lpi/audit/download_file.php?id=" + queued + "&token=" + token);
        assertTrue(officeToken.body(), officeToken.body().contains("\"errorcode\":\"nopermissions\""));

        // Each token reaches its own service's functions only.
        assertTrue(audit.call("local_lpi_get_pending_files", "page", "0", "count", "10", "search", "").body()
                .contains("\"errorcode\":\"accessexception\""));
        assertTrue(lpi.call("get_auditable_file_metadata", "page", "0", "count", "10").body()
                .contains("\"errorcode\":\"accessexception\""));
    }

    private long fileOf(long recordId) {
        return count("SELECT fileid FROM local_lpi_metadata WHERE id = ?", recordId);
    }

    @Test
    public void removingTheAuditBundleLeavesTheLicenceOfficeWorking() throws Exception {
        org.osgi.framework.Bundle audit = java.util.Arrays.stream(context.getBundles())
                .filter(b -> "io.atrium.audit".equals(b.getSymbolicName())).findFirst().orElseThrow();
        long id = classify(courseFile("AUD-3", "still here"), 7, "Kept Work", "Author K").get("id").getAsLong();
        audit.stop();
        try {
            io.atrium.itests.support.Await.until("the audit functions to go", TIMEOUT,
                    () -> http.get("/webservice/functions").body(), b -> !b.contains("get_auditable_file_metadata"));
            JsonObject pending = lpi.json("local_lpi_get_pending_files", "page", "0", "count", "0", "search",
                    "kept work").getAsJsonObject();
            assertEquals(1, pending.get("count").getAsInt());
            Response download = http.get("/local/lpi/download_file.php?token=" + token + "&id=" + id);
            assertEquals("still here", download.body());
            assertEquals(404, http.get("/local/lpi/audit/download_file.php?id=" + id).status());
        } finally {
            audit.start();
        }
        io.atrium.itests.support.Await.until("the audit functions to come back", TIMEOUT,
                () -> http.get("/webservice/functions").body(), b -> b.contains("get_auditable_file_metadata"));
    }
}
