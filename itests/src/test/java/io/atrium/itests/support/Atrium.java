package io.atrium.itests.support;

import static org.ops4j.pax.exam.CoreOptions.bootClasspathLibrary;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

import io.atrium.launcher.Distribution;
import io.atrium.launcher.Distribution.LaunchPlan;
import io.atrium.launcher.Distribution.PlannedBundle;
import io.atrium.launcher.Settings;

/**
 * The distribution under test (unpacked by the build into target/atrium), and the Pax Exam
 * configuration that boots exactly what bin/atrium boots: the launcher's own launch plan, with
 * a work directory of the test's own for data, deploy and etc.
 */
public final class Atrium {

    private Atrium() {
    }

    /** The unpacked distribution. */
    public static Path dist() {
        String dist = System.getProperty("atrium.dist");
        if (dist == null) {
            throw new IllegalStateException("run the integration tests with Maven (mvn verify): atrium.dist is not set");
        }
        return Path.of(dist);
    }

    /** A fresh work directory under target/it, with a copy of the distribution's etc/. */
    public static Path work(String name) {
        Path work = dist().getParent().resolve("it").resolve(name);
        try {
            delete(work);
            Files.createDirectories(work.resolve("deploy"));
            Path etc = Files.createDirectories(work.resolve("etc"));
            Files.copy(dist().resolve("etc/logback.xml"), etc.resolve("logback.xml"));
            return work;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pax Exam options for a framework running the given features, on a free port, with its
     * data, deploy and etc directories in {@code work}.
     */
    public static Option[] options(Path work, List<String> features) {
        return options(work, features, Settings.Db.EMBEDDED);
    }

    /** As {@link #options(Path, List)}, on the given database. */
    public static Option[] options(Path work, List<String> features, Settings.Db db) {
        try {
            Settings settings = new Settings(dist(), work.resolve("etc"), freePort(), "127.0.0.1",
                    work.resolve("data"), work.resolve("deploy"), features, null, db);
            LaunchPlan plan = new Distribution(dist()).plan(settings, false, "itest");
            List<Option> options = new ArrayList<>();
            for (Path jar : plan.classpath()) {
                options.add(bootClasspathLibrary("file:" + jar).beforeFramework());
            }
            for (PlannedBundle b : plan.bundles()) {
                boolean fragment;
                try (JarFile jar = new JarFile(b.file().toFile())) {
                    fragment = jar.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
                }
                options.add(bundle(b.file().toUri().toString()).startLevel(b.startLevel()).start(!fragment));
            }
            plan.frameworkProperties().forEach((k, v) -> options.add(frameworkProperty(k).value(v)));
            plan.systemProperties().forEach((k, v) -> options.add(systemProperty(k).value(v)));
            options.add(frameworkStartLevel(plan.beginningStartLevel()));
            options.add(junitBundles());
            return options.toArray(Option[]::new);
        } catch (Exception e) {
            throw new IllegalStateException("cannot plan a launch of " + dist() + ": " + e.getMessage(), e);
        }
    }

    /** A bundle of the distribution, by artifact id, from system/. */
    public static Path systemBundle(Path dist, String groupPath, String artifactId) {
        try (Stream<Path> files = Files.walk(dist.resolve("system").resolve(groupPath).resolve(artifactId))) {
            return files.filter(f -> f.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(artifactId + " is not in " + dist + "/system"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
