package io.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import com.google.gson.JsonObject;

import io.atrium.itests.support.Atrium;
import io.atrium.itests.support.AtriumProcess;
import io.atrium.itests.support.Await;
import io.atrium.itests.support.Http;

/**
 * The distribution as an administrator runs it: {@code bin/atrium} as a process, its options,
 * its output, its log, and a clean stop on SIGTERM.
 */
public class DistributionIT {

        @Test
    public void helpListsTheOptionsAndTheFeatures() throws Exception {
        try (AtriumProcess run = new AtriumProcess(null, "--help")) {
            assertEquals(0, run.exit(Duration.ofSeconds(20)));
            String out = run.output();
            for (String option : List.of("--port", "--host", "--data", "--deploy", "--etc", "--features", "--help",
                    "ATRIUM_ADMIN_PASSWORD")) {
                assertTrue(option + " is missing from --help:\n" + out, out.contains(option));
            }
            assertTrue(out, out.contains("Features here: platform, audit, examples, lpi, sync"));
        }
    }

    @Test
    public void wrongOptionsAreRefusedWithExitCode2() throws Exception {
        assertRefused("unknown option '--bogus'", "--bogus");
        assertRefused("the port must be a number from 0 to 65535, not 'eighty'", "--port", "eighty");
        assertRefused("there is no feature 'nope' (available: platform, audit, examples, lpi, sync)", "--features", "nope");
        assertRefused("--data needs a value", "--data");
    }

    private static void assertRefused(String message, String... args) throws Exception {
        try (AtriumProcess run = new AtriumProcess(null, args)) {
            assertEquals(run.output(), 2, run.exit(Duration.ofSeconds(20)));
            assertTrue(run.output(), run.output().contains("atrium: " + message));
        }
    }

    @Test
    public void startsServesLogsAndStopsCleanlyOnSigterm() throws Exception {
        Path work = Atrium.work("distribution");
        int port = Atrium.freePort();
        try (AtriumProcess run = new AtriumProcess(work, "--port", String.valueOf(port), "--data", "data", "--deploy", "deploy",
                "--etc", "etc")) {
            String url = run.awaitStarted();
            assertEquals("http://localhost:" + port + "/", url);
            String out = run.output();
            assertTrue(out, out.contains("data      " + work.resolve("data")));
            assertTrue(out, out.contains("log       " + work.resolve("data/log/atrium.log")));

            Http http = new Http(port);
            JsonObject health = Await.until("health UP", Duration.ofSeconds(20), () -> http.get("/health"),
                    r -> r.status() == 200 && r.body().contains("\"UP\"")).json();
            assertEquals("[\"platform\",\"audit\",\"examples\",\"lpi\",\"sync\"]", health.get("features").toString());
            Await.until("the examples feature, running by default, to serve its function", Duration.ofSeconds(20),
                    () -> http.get("/webservice/functions/local_hello_greet"), r -> r.status() == 200);

            String log = Files.readString(work.resolve("data/log/atrium.log"));
            assertTrue("the log file has the start-up:\n" + log, log.contains("started in"));
            assertTrue("bundles log into the same file:\n" + log, log.contains("Watching " + work.resolve("deploy")));

            run.process.toHandle().destroy(); // SIGTERM, leaving the output stream open
            assertEquals("a clean stop exits with 0:\n" + run.output(), 0, run.exit(Duration.ofSeconds(30)));
            assertTrue(run.output(), run.output().contains("Atrium stopped."));
            assertEquals("nothing answers any more", -1, http.get("/health").status());
        }
    }

    @Test
    public void settingsComeFromTheEnvironmentAndFeaturesCanBeChosen() throws Exception {
        Path work = Atrium.work("distribution-env");
        int port = Atrium.freePort();
        Map<String, String> env = Map.of("ATRIUM_PORT", String.valueOf(port),
                "ATRIUM_FEATURES", "platform", "ATRIUM_ETC", "etc", "ATRIUM_DATA", "data",
                "ATRIUM_DEPLOY", "deploy");
        try (AtriumProcess run = new AtriumProcess(work, env)) {
            run.awaitStarted();
            Http http = new Http(port);
            Await.until("health UP", Duration.ofSeconds(20), () -> http.get("/health"), r -> r.status() == 200);
            assertEquals("[\"platform\"]", http.get("/health").json().get("features").toString());
            assertEquals("examples is not started", 404, http.get("/webservice/functions/local_hello_greet").status());
            run.process.toHandle().destroy();
            assertEquals(0, run.exit(Duration.ofSeconds(30)));
        }
    }

    @Test
    public void aPortInUseIsAClearErrorNotAHang() throws Exception {
        Path work = Atrium.work("distribution-port");
        try (ServerSocket taken = new ServerSocket(0);
                AtriumProcess run = new AtriumProcess(work, "--port", String.valueOf(taken.getLocalPort()), "--data", "data",
                        "--deploy", "deploy", "--etc", "etc")) {
            assertEquals(run.output(), 1, run.exit(Duration.ofSeconds(30)));
            assertTrue(run.output(), run.output().contains("atrium: cannot listen on port " + taken.getLocalPort()));
        }
    }
}
