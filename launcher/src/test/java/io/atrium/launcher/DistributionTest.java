package io.atrium.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atrium.launcher.Distribution.LaunchPlan;

/** The launch plan, worked out from a small distribution made up here. */
class DistributionTest {

    @TempDir
    Path home;

    private Distribution dist;

    @BeforeEach
    void distribution() throws IOException {
        dist = new Distribution(home);
        jar(home.resolve("lib/slf4j-api.jar"), "slf4j.api", "org.slf4j;version=\"2.0.17\";uses:=\"org.slf4j.spi\"");
        jar(home.resolve("lib/logback-classic.jar"), "ch.qos.logback.classic", "ch.qos.logback.classic;version=\"1.5\"");
        jar(home.resolve("lib/logback-core.jar"), "ch.qos.logback.core", "ch.qos.logback.core;version=\"1.5\"");
        jar(home.resolve("lib/gson.jar"), "com.google.gson", "com.google.gson;version=\"2.15\"");
        for (String a : List.of("a", "b", "c")) {
            jar(home.resolve("system/org/example/" + a + "/1/" + a + "-1.jar"), "org.example." + a, null);
        }
        feature("platform", "[{\"id\": \"org.example:a:1\", \"start-order\": \"1\"}, \"org.example:b:1\"]");
        feature("extra", "[\"org.example:b:1\", {\"id\": \"org.example:c:1\", \"start-order\": 25}]");
        Files.writeString(home.resolve("features/extra.json"), Files.readString(home.resolve("features/extra.json"))
                .replace("\"bundles\"", "\"framework-properties\": {\"x.dir\": \"${atrium.data}/x\"}, \"bundles\""));
    }

    private Settings settings(List<String> features) {
        return new Settings(home, home.resolve("etc"), 8080, "", home.resolve("data"), home.resolve("deploy"),
                features, null, Settings.Db.EMBEDDED);
    }

    @Test
    void everyFeatureByDefaultPlatformFirstEachBundleOnce() throws Exception {
        assertEquals(List.of("platform", "extra"), dist.featureNames());
        LaunchPlan plan = dist.plan(settings(null), false, "1.0");
        assertEquals(List.of("platform", "extra"), plan.features());
        assertEquals(List.of("org.example:a:1", "org.example:b:1", "org.example:c:1"),
                plan.bundles().stream().map(Distribution.PlannedBundle::id).toList());
        assertEquals(List.of(1, Distribution.DEFAULT_START_LEVEL, 25),
                plan.bundles().stream().map(Distribution.PlannedBundle::startLevel).toList());
        assertEquals(25, plan.beginningStartLevel());
        assertEquals("25", plan.frameworkProperties().get("felix.startlevel.bundle"));
        assertEquals(home.resolve("data") + "/x", plan.frameworkProperties().get("x.dir"));
        assertEquals("platform,extra", plan.frameworkProperties().get("atrium.features"));
        assertEquals("--nointeractive", plan.frameworkProperties().get("gosh.args"));
    }

    @Test
    void onlyTheLoggingLibrariesAreExportedFromTheClassPath() throws Exception {
        LaunchPlan plan = dist.plan(settings(List.of("platform")), true, "1.0");
        assertEquals(List.of("platform"), plan.features());
        String extra = plan.frameworkProperties().get("org.osgi.framework.system.packages.extra");
        assertEquals("ch.qos.logback.classic;version=\"1.5\",ch.qos.logback.core;version=\"1.5\","
                + "org.slf4j;version=\"2.0.17\"", sorted(extra), "gson stays a bundle; uses:= is dropped");
        assertEquals(3, plan.classpath().size());
        assertEquals("", plan.frameworkProperties().get("gosh.args"));
    }

    @Test
    void unknownFeaturesAndMissingBundlesAreNamed() throws Exception {
        Settings.UsageException unknown = assertThrows(Settings.UsageException.class,
                () -> dist.plan(settings(List.of("nope")), false, "1.0"));
        assertEquals("there is no feature 'nope' (available: platform, extra)", unknown.getMessage());

        Files.delete(home.resolve("system/org/example/c/1/c-1.jar"));
        Distribution.LaunchException missing = assertThrows(Distribution.LaunchException.class,
                () -> dist.plan(settings(null), false, "1.0"));
        assertTrue(missing.getMessage().startsWith("the distribution is incomplete: features/extra.json lists "
                + "org.example:c:1, which is not in "), missing.getMessage());
    }

    private static String sorted(String commaList) {
        return String.join(",", java.util.Arrays.stream(commaList.split(",")).sorted().toList());
    }

    private void feature(String name, String bundles) throws IOException {
        Files.createDirectories(home.resolve("features"));
        Files.writeString(home.resolve("features/" + name + ".json"),
                "{\"id\": \"io.atrium:f:slingosgifeature:" + name + ":1\", \"bundles\": " + bundles + "}");
    }

    private static void jar(Path file, String bsn, String exports) throws IOException {
        Files.createDirectories(file.getParent());
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
        if (exports != null) {
            mf.getMainAttributes().putValue("Export-Package", exports);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, mf)) {
            jar.flush();
        }
    }
}
