package io.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atrium.feature.FeatureReader;
import io.atrium.itests.support.Atrium;
import io.atrium.itests.support.Await;
import io.atrium.itests.support.Http;
import io.atrium.itests.support.Http.Response;
import io.atrium.itests.support.Jars;
import io.atrium.itests.support.TestAuth;

/**
 * The platform feature in a real framework (the distribution's bundles, start levels and
 * framework properties), and what happens in deploy/ and etc/ while it runs. One framework
 * serves the whole class; every test leaves it as it found it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT {

    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(15);
    /** Whether the example's function is served: 200, else 404. */
    private static final String HELLO = "/webservice/functions/local_hello_greet";
    private static final String GREET = "/webservice/rest/server.php?wstoken=" + TestAuth.ADMIN
            + "&wsfunction=local_hello_greet&moodlewsrestformat=json&people[0][firstname]=Ada";

    @Inject
    private BundleContext context;

    private Http http;
    private Path deploy;
    private Path etc;
    private Path helloJar;
    private org.osgi.framework.ServiceRegistration<?> auth;

    @Configuration
    public Option[] config() {
        return Atrium.options(Atrium.work("platform"), List.of("platform"));
    }

    @Before
    public void setUp() {
        http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        deploy = Path.of(context.getProperty("atrium.deploy"));
        etc = Path.of(context.getProperty("atrium.etc"));
        helloJar = Atrium.systemBundle(Path.of(context.getProperty("atrium.home")), "io/atrium",
                "io.atrium.examples.hello");
        auth = new TestAuth().register(context);
        awaitHealth("UP");
    }

    @After
    public void tearDown() throws Exception {
        auth.unregister();
        try (var files = Files.list(deploy)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.deleteIfExists(etc.resolve("io.atrium.examples.hello.cfg"));
        awaitHealth("UP");
        Await.until("the deployments to be gone", DEPLOY_TIMEOUT, () -> health().getAsJsonArray("deployments"),
                d -> d.isEmpty());
    }

    @Test
    public void healthIsUpAndListsEveryBundleAsActive() {
        Response r = http.get("/health");
        assertEquals(200, r.status());
        assertTrue(r.contentType(), r.contentType().startsWith("application/json"));
        JsonObject h = r.json();
        assertEquals("UP", h.get("status").getAsString());
        assertEquals(0, h.getAsJsonArray("problems").size());
        assertEquals("platform", h.getAsJsonArray("features").get(0).getAsString());
        JsonArray bundles = h.getAsJsonArray("bundles");
        assertEquals(context.getBundles().length, bundles.size());
        for (JsonElement e : bundles) {
            JsonObject b = e.getAsJsonObject();
            assertEquals(b.toString(), isFragment(b) ? "RESOLVED" : "ACTIVE", b.get("state").getAsString());
            assertNull(b.toString(), b.get("reason"));
        }
        assertNotNull(bundle(bundles, "io.atrium.deploy"));
        assertNotNull(bundle(bundles, "org.apache.felix.http.jetty12"));
        assertEquals(405, http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + "/health"))
                .DELETE().build()).status());
    }

    @Test
    public void aBundleDroppedIntoDeployAnswersAndGoesAwayWhenDeleted() throws Exception {
        assertEquals(404, http.get(HELLO).status());
        Jars.drop(deploy, "hello.jar", helloJar);
        awaitStatus(HELLO, 200);
        awaitGreeting("Hello");
        JsonObject d = awaitDeployment("hello.jar", "ACTIVE");
        assertEquals("bundle", d.get("kind").getAsString());

        Files.delete(deploy.resolve("hello.jar"));
        awaitStatus(HELLO, 404);
        awaitUninstalled("io.atrium.examples.hello");
    }

    @Test
    public void aReplacedJarUpdatesTheInstalledBundle() throws Exception {
        Jars.drop(deploy, "hello.jar", helloJar);
        awaitStatus(HELLO, 200);
        long id = installed("io.atrium.examples.hello").getBundleId();

        Jars.drop(deploy, "hello.jar", Jars.withHeaders(helloJar, Map.of("Bundle-Version", "0.1.0.updated")));
        Await.until("the updated bundle to serve", DEPLOY_TIMEOUT, () -> http.get(HELLO),
                r -> r.status() == 200 && r.body().contains("\"bundleVersion\": \"0.1.0.updated\""));
        assertEquals("updated in place, not reinstalled", id, installed("io.atrium.examples.hello").getBundleId());
    }

    @Test
    public void brokenJarsAreReportedWithTheirReasonAndDisturbNothingElse() throws Exception {
        Jars.drop(deploy, "garbage.jar", "this is not a zip file".getBytes(StandardCharsets.UTF_8));
        Jars.drop(deploy, "plain.jar", Jars.jar(Map.of(), Map.of("readme.txt", "not a bundle")));
        Jars.drop(deploy, "unresolvable.jar", Jars.jar(Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "itest.unresolvable", "Bundle-Version", "1.0.0",
                "Import-Package", "io.atrium.nowhere;version=\"[1,2)\""), Map.of()));
        Jars.drop(deploy, "hello.jar", helloJar);

        // Settled means: the good jar is active and the three bad ones have failed; until then the
        // good one may still be starting and count as a problem of its own.
        JsonObject h = Await.until("three failed deployments next to an active one", DEPLOY_TIMEOUT, this::health,
                x -> states(x).equals(Map.of("garbage.jar", "FAILED", "plain.jar", "FAILED",
                        "unresolvable.jar", "FAILED", "hello.jar", "ACTIVE"))
                        && x.getAsJsonArray("problems").size() == 3);
        assertEquals("DEGRADED", h.get("status").getAsString());
        assertEquals("a broken deployment leaves the platform healthy", 200, http.get("/health").status());
        assertTrue(reason("garbage.jar").startsWith("not a jar file"));
        assertEquals("not an OSGi bundle: META-INF/MANIFEST.MF has no Bundle-SymbolicName", reason("plain.jar"));
        String unresolvable = reason("unresolvable.jar");
        assertTrue(unresolvable, unresolvable.contains("missing requirement")
                && unresolvable.contains("osgi.wiring.package=io.atrium.nowhere"));
        assertEquals(3, h.getAsJsonArray("problems").size());
        JsonObject b = bundle(h.getAsJsonArray("bundles"), "itest.unresolvable");
        assertEquals("INSTALLED", b.get("state").getAsString());
        assertTrue(b.get("reason").getAsString().contains("io.atrium.nowhere"));

        // Everything else carries on: the good jar next to them works, every platform bundle is active.
        awaitStatus(HELLO, 200);
        for (JsonElement e : h.getAsJsonArray("bundles")) {
            JsonObject x = e.getAsJsonObject();
            if (!x.get("symbolicName").getAsString().startsWith("itest.")) {
                assertEquals(x.toString(), isFragment(x) ? "RESOLVED" : "ACTIVE", x.get("state").getAsString());
            }
        }
    }

    @Test
    public void aBundleThatArrivesLaterSatisfiesOneThatFailed() throws Exception {
        Jars.drop(deploy, "consumer.jar", Jars.jar(Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "itest.consumer", "Import-Package", "itest.api"), Map.of()));
        awaitDeployment("consumer.jar", "FAILED");
        Jars.drop(deploy, "provider.jar", Jars.jar(Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "itest.provider", "Export-Package", "itest.api"), Map.of()));
        awaitDeployment("consumer.jar", "ACTIVE");
        assertEquals(Bundle.ACTIVE, installed("itest.consumer").getState());
    }

    @Test
    public void aFeatureDroppedIntoDeployBringsBundlesAndConfigurationAndSharedBundlesStay() throws Exception {
        String hello = distributionBundle("examples", "io.atrium.examples.hello");
        String gson = distributionBundle("platform", "gson");
        String feature = """
                {
                  "id": "org.example:demo:slingosgifeature:demo:1.0.0",
                  "bundles": [ "%s", "%s" ],
                  "configurations": {
                    "io.atrium.examples.hello": { "greeting": "Hi from a feature" }
                  }
                }
                """.formatted(hello, gson);
        Jars.drop(deploy, "demo.json", feature.getBytes(StandardCharsets.UTF_8));
        awaitGreeting("Hi from a feature");
        JsonObject d = awaitDeployment("demo.json", "ACTIVE");
        assertEquals("feature", d.get("kind").getAsString());
        assertEquals("org.example:demo:slingosgifeature:demo:1.0.0", d.get("featureId").getAsString());
        assertEquals(2, d.getAsJsonArray("bundleIds").size());

        Files.delete(deploy.resolve("demo.json"));
        awaitStatus(HELLO, 404);
        awaitUninstalled("io.atrium.examples.hello");
        assertEquals("gson, shared with the platform, stays", Bundle.ACTIVE, installed("com.google.gson").getState());
        Await.until("the feature's configuration to be removed", DEPLOY_TIMEOUT,
                () -> configuration("io.atrium.examples.hello"), c -> c == null);
    }

    @Test
    public void deploymentsOutliveARestartOfTheDeployBundleItself() throws Exception {
        Jars.drop(deploy, "demo.json", """
                { "id": "org.example:demo:1.0.0", "bundles": [ "%s" ],
                  "configurations": { "io.atrium.examples.hello": { "greeting": "Still here" } } }
                """.formatted(distributionBundle("examples", "io.atrium.examples.hello"))
                .getBytes(StandardCharsets.UTF_8));
        awaitGreeting("Still here");
        Bundle deployer = installed("io.atrium.deploy");
        deployer.stop();
        deployer.start();
        awaitDeployment("demo.json", "ACTIVE");

        Files.delete(deploy.resolve("demo.json"));
        awaitUninstalled("io.atrium.examples.hello");
        Await.until("the feature's configuration to be removed", DEPLOY_TIMEOUT,
                () -> configuration("io.atrium.examples.hello"), c -> c == null);
    }

    @Test
    public void aFeatureNamingAMissingBundleInstallsNothing() throws Exception {
        int before = context.getBundles().length;
        Jars.drop(deploy, "missing.json", """
                { "id": "org.example:missing:1.0.0",
                  "bundles": [ "com.google.code.gson:gson:2.15.0", "org.example:not-there:9.9.9" ] }
                """.getBytes(StandardCharsets.UTF_8));
        JsonObject d = Await.until("the feature to fail", DEPLOY_TIMEOUT, () -> deployment("missing.json"),
                x -> x != null);
        assertEquals("FAILED", d.get("state").getAsString());
        assertTrue(d.get("reason").getAsString(), d.get("reason").getAsString()
                .startsWith("bundle org.example:not-there:9.9.9 not found in "));
        assertEquals(before, context.getBundles().length);
    }

    @Test
    public void editingACfgFileInEtcReconfiguresWithoutARestart() throws Exception {
        Jars.drop(deploy, "hello.jar", helloJar);
        awaitStatus(HELLO, 200);
        Path cfg = etc.resolve("io.atrium.examples.hello.cfg");
        Jars.drop(etc, cfg.getFileName().toString(), "greeting=Bonjour\n".getBytes(StandardCharsets.UTF_8));
        awaitGreeting("Bonjour");
        Jars.drop(etc, cfg.getFileName().toString(), "greeting=Hallo\n".getBytes(StandardCharsets.UTF_8));
        awaitGreeting("Hallo");
        Files.delete(cfg);
        awaitGreeting("Hello");
    }

    @Test
    public void healthTellsTheTruthAboutAStoppedPlatformBundle() throws Exception {
        Bundle eventAdmin = installed("org.apache.felix.eventadmin");
        eventAdmin.stop();
        try {
            Response r = http.get("/health");
            assertEquals(503, r.status());
            JsonObject h = r.json();
            assertEquals("DOWN", h.get("status").getAsString());
            JsonObject b = bundle(h.getAsJsonArray("bundles"), "org.apache.felix.eventadmin");
            assertEquals("RESOLVED", b.get("state").getAsString());
            assertEquals("stopped", b.get("reason").getAsString());
            assertTrue(h.getAsJsonArray("problems").get(0).getAsString().contains("org.apache.felix.eventadmin"));
        } finally {
            eventAdmin.start();
        }
        assertEquals(200, http.get("/health").status());
    }

    @Test
    public void healthNamesTheMissingReferenceOfAnUnsatisfiedComponent() throws Exception {
        Jars.drop(deploy, "waiting.jar", Jars.jar(Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "itest.waiting", "Service-Component", "OSGI-INF/waiting.xml"),
                Map.of("OSGI-INF/waiting.xml", """
                        <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="itest.Waiting">
                          <implementation class="itest.Waiting"/>
                          <reference name="store" interface="io.atrium.itests.NoSuchService"/>
                        </scr:component>
                        """)));
        JsonObject h = Await.until("the component to show", DEPLOY_TIMEOUT, this::health,
                x -> x.getAsJsonArray("components").size() > 0);
        JsonObject c = h.getAsJsonArray("components").get(0).getAsJsonObject();
        assertEquals("itest.Waiting", c.get("name").getAsString());
        assertEquals("UNSATISFIED_REFERENCE", c.get("state").getAsString());
        JsonObject missing = c.getAsJsonArray("missingReferences").get(0).getAsJsonObject();
        assertEquals("store", missing.get("name").getAsString());
        assertEquals("io.atrium.itests.NoSuchService", missing.get("interfaceName").getAsString());
        assertEquals("a deployed bundle's component degrades, it does not bring the platform down", "DEGRADED",
                h.get("status").getAsString());
    }

    // --- helpers

    private JsonObject health() {
        Response r = http.get("/health");
        return r.status() < 0 ? new JsonObject() : r.json();
    }

    private void awaitHealth(String status) {
        Await.until("health " + status, Duration.ofSeconds(30), this::health,
                h -> h.has("status") && status.equals(h.get("status").getAsString()));
    }

    private Response awaitStatus(String path, int status) {
        return Await.until(path + " to answer " + status, DEPLOY_TIMEOUT, () -> http.get(path),
                r -> r.status() == status);
    }

    private void awaitUninstalled(String symbolicName) {
        Await.until(symbolicName + " to be uninstalled", DEPLOY_TIMEOUT, () -> installed(symbolicName), b -> b == null);
    }

    private void awaitGreeting(String greeting) {
        Await.until("the greeting " + greeting, DEPLOY_TIMEOUT, () -> http.get(GREET),
                r -> r.status() == 200 && r.body().equals("[{\"fullname\":\"Ada\",\"greeting\":\"" + greeting
                        + ", Ada!\"}]"));
    }

    private JsonObject awaitDeployment(String name, String state) {
        return Await.until(name + " " + state, DEPLOY_TIMEOUT, () -> deployment(name),
                d -> d != null && state.equals(d.get("state").getAsString()));
    }

    /** A fragment is never started: attached to its host, it stays RESOLVED. */
    private boolean isFragment(JsonObject bundle) {
        Bundle b = context.getBundle(bundle.get("id").getAsLong());
        return b != null && b.getHeaders("").get("Fragment-Host") != null;
    }

    private static Map<String, String> states(JsonObject health) {
        Map<String, String> states = new LinkedHashMap<>();
        JsonArray deployments = health.getAsJsonArray("deployments");
        if (deployments != null) {
            for (JsonElement e : deployments) {
                JsonObject d = e.getAsJsonObject();
                states.put(d.get("name").getAsString(), d.get("state").getAsString());
            }
        }
        return states;
    }

    private JsonObject deployment(String name) {
        JsonArray deployments = health().getAsJsonArray("deployments");
        if (deployments == null) {
            return null;
        }
        for (JsonElement e : deployments) {
            if (name.equals(e.getAsJsonObject().get("name").getAsString())) {
                return e.getAsJsonObject();
            }
        }
        return null;
    }

    private String reason(String deployment) {
        return deployment(deployment).get("reason").getAsString();
    }

    private static JsonObject bundle(JsonArray bundles, String symbolicName) {
        for (JsonElement e : bundles) {
            if (symbolicName.equals(e.getAsJsonObject().get("symbolicName").getAsString())) {
                return e.getAsJsonObject();
            }
        }
        return null;
    }

    private Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** The Maven id with which a feature of the distribution lists a bundle. */
    private String distributionBundle(String feature, String artifactId) throws Exception {
        Path file = Path.of(context.getProperty("atrium.features.dir"), feature + ".json");
        return FeatureReader.read(file, name -> null).bundles().stream()
                .filter(b -> b.id().artifactId().equals(artifactId)).findFirst().orElseThrow().id().toString();
    }

    private Map<String, Object> configuration(String pid) {
        var ref = context.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class);
        var cm = context.getService(ref);
        try {
            var configs = cm.listConfigurations("(service.pid=" + pid + ")");
            if (configs == null) {
                return null;
            }
            Map<String, Object> props = new LinkedHashMap<>();
            java.util.Dictionary<String, Object> dict;
            try {
                dict = configs[0].getProperties();
            } catch (IllegalStateException deletedMeanwhile) {
                return null; // deleted between the listing and the reading: it is gone
            }
            for (var keys = dict.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                props.put(k, dict.get(k));
            }
            return props;
        } catch (java.io.IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        } finally {
            context.ungetService(ref);
        }
    }
}
