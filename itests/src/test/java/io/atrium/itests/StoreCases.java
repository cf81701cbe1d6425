package io.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.osgi.framework.ServiceReference;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atrium.itests.support.Await;
import io.atrium.itests.support.Jars;
import io.atrium.lms.api.FileRecord;
import io.atrium.lms.api.StoredFile;
import io.atrium.store.api.Schema;
import io.atrium.ws.api.WsException;

/**
 * Per-bundle migrations, as a plugin developer meets them (deployed, applied, and failing), and
 * the file store.
 */
public abstract class StoreCases extends DataCases {

    @Inject
    private io.atrium.lms.api.Files files;

    private static byte[] migrating(String name, Map<String, String> migrations) throws Exception {
        return Jars.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", name, "Bundle-Version", "1.0.0",
                "Atrium-Migrations", "db/migration"), migrations);
    }

    @Test
    public void aDeployedBundlesMigrationsAreAppliedAndItsSchemaServiceRegistered() throws Exception {
        Path deploy = Path.of(context.getProperty("atrium.deploy"));
        Jars.drop(deploy, "good.jar", migrating("itest.good", Map.of(
                "db/migration/V1__notes.sql", "CREATE TABLE itest_notes (id BIGINT PRIMARY KEY, body TEXT);",
                "db/migration/V2__index.sql", "CREATE INDEX itest_notes_body_ix ON itest_notes (id, body);")));
        ServiceReference<?> ref = Await.until("the schema of itest.good", TIMEOUT,
                () -> schema("itest.good"), r -> r != null);
        assertEquals("2", ref.getProperty(Schema.VERSION));
        assertEquals(0, count("SELECT COUNT(*) FROM itest_notes"));
        assertEquals(2, count("SELECT COUNT(*) FROM flyway_itest_good WHERE version IN ('1', '2') AND success = TRUE"));
        Files.delete(deploy.resolve("good.jar"));
        Await.until("the schema service to go with its bundle", TIMEOUT, () -> schema("itest.good"), r -> r == null);
    }

    @Test
    public void aFailingMigrationIsReportedLeavesNoHalfAndTheRestServes() throws Exception {
        Path deploy = Path.of(context.getProperty("atrium.deploy"));
        Jars.drop(deploy, "broken.jar", migrating("itest.broken", Map.of(
                "db/migration/V1__base.sql", "CREATE TABLE itest_base (id BIGINT PRIMARY KEY);",
                "db/migration/V2__broken.sql", "CREATE TABLE itest_half (id BIGINT);\n"
                        + "INSERT INTO itest_base (id) VALUES (1);\n"
                        + "INSERT INTO itest_nowhere (id) VALUES (1);")));
        JsonObject health = Await.until("the failed migration on /health", TIMEOUT,
                () -> JsonParser.parseString(http.get("/health").body()).getAsJsonObject(),
                h -> h.getAsJsonArray("problems").toString().contains("the schema migration of itest.broken"));
        assertEquals(health.toString(), "DEGRADED", health.get("status").getAsString());
        JsonArray problems = health.getAsJsonArray("problems");
        String problem = problems.get(0).getAsString();
        assertTrue(problem, problem.contains("the schema migration of itest.broken 1.0.0 failed")
                && problem.contains("V2__broken.sql") && problem.contains("itest_nowhere"));
        assertEquals("no schema service for a failed migration", null, schema("itest.broken"));
        assertEquals("V1 stays applied", 0, count("SELECT COUNT(*) FROM itest_base"));
        if ("PostgreSQL".equals(store.product())) {
            // PostgreSQL runs a migration in one transaction: nothing of V2 remains.
            assertEquals(0, count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'itest_half'"));
        }
        // Everything else carries on.
        assertEquals(200, admin.call("core_user_get_users_by_field", "field", "username", "values[0]", "admin").status());
        assertTrue(admin.call("core_user_get_users_by_field", "field", "username", "values[0]", "admin").body()
                .contains("\"username\":\"admin\""));
        Files.delete(deploy.resolve("broken.jar"));
        Await.until("the problem to go with the bundle", TIMEOUT, () -> http.get("/health").body(),
                b -> !b.contains("itest.broken"));
    }

    @Test
    public void filesAreKeptOncePerContentAndDraftsMoveWhereTheyBelong() throws Exception {
        long user = 2;
        long draft = files.newDraftItemId(user);
        long userContext = count("SELECT id FROM mdl_context WHERE contextlevel = 30 AND instanceid = ?", user);
        byte[] text = "the same words".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StoredFile a = files.create(FileRecord.draft(userContext, draft, "a.txt", user), new ByteArrayInputStream(text),
                1024);
        StoredFile b = files.create(FileRecord.draft(userContext, draft, "b.txt", user), new ByteArrayInputStream(text),
                1024);
        assertEquals("one content, two names", a.contenthash(), b.contenthash());
        assertEquals(text.length, a.filesize());
        Path content = Path.of(context.getProperty("atrium.data"), "filedir", a.contenthash().substring(0, 2),
                a.contenthash().substring(2, 4), a.contenthash());
        assertTrue(Files.isRegularFile(content));
        try (InputStream in = files.open(a)) {
            assertEquals("the same words", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        WsException big = org.junit.Assert.assertThrows(WsException.class, () -> files.create(
                FileRecord.draft(userContext, draft, "big.bin", user), new ByteArrayInputStream(new byte[2048]), 1024));
        assertEquals("filetoolarge", big.errorcode());
        org.junit.Assert.assertThrows(WsException.class, () -> files.create(
                FileRecord.draft(userContext, draft, "../escape.txt", user), new ByteArrayInputStream(text), 1024));

        List<StoredFile> moved = files.moveDraft(user, draft, 1, "tool_sync", "syncfiles", 0);
        assertEquals(List.of("a.txt", "b.txt"), moved.stream().map(StoredFile::filename).toList());
        assertTrue(files.area(userContext, "user", "draft", draft).isEmpty());
        WsException none = org.junit.Assert.assertThrows(WsException.class,
                () -> files.moveDraft(user, draft, 1, "tool_sync", "syncfiles", 0));
        assertEquals("invalidparameter", none.errorcode());
    }

    private ServiceReference<?> schema(String bundle) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(Schema.class.getName(),
                    "(" + Schema.BUNDLE + "=" + bundle + ")");
            return refs == null ? null : refs[0];
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
