package io.atrium.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.atrium.feature.Feature;
import io.atrium.feature.FeatureBundle;
import io.atrium.feature.FeatureException;
import io.atrium.feature.FeatureReader;

/**
 * The layout of a distribution ({@code bin/}, {@code lib/}, {@code system/}, {@code features/},
 * {@code etc/}, {@code deploy/}, {@code data/}) and how settings turn into a {@link LaunchPlan}.
 * The integration tests build their framework from the same plan.
 */
public final class Distribution {

    /** The feature every server runs. */
    public static final String PLATFORM = "platform";
    /** The start level of bundles whose feature gives no start order, and of bundles deployed later. */
    public static final int DEFAULT_START_LEVEL = 20;
    /** How often {@code deploy/} and {@code etc/} are scanned, in milliseconds. */
    public static final int POLL_MILLIS = 200;

    private final Path home;

    public Distribution(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    public Path home() {
        return home;
    }

    /** The bundles, in Maven repository layout. */
    public Path system() {
        return home.resolve("system");
    }

    /** The launcher's class path. */
    public Path lib() {
        return home.resolve("lib");
    }

    /** The feature files. */
    public Path features() {
        return home.resolve("features");
    }

    /** The names of the available features: platform first, the others alphabetically. */
    public List<String> featureNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(features(), "*.json")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                names.add(n.substring(0, n.length() - ".json".length()));
            }
        }
        names.sort((a, b) -> a.equals(PLATFORM) ? -1 : b.equals(PLATFORM) ? 1 : a.compareTo(b));
        return names;
    }

    /**
     * Works out what to launch.
     *
     * @param settings    the settings
     * @param interactive whether a Gogo console should read the terminal
     * @param version     the Atrium version, published as {@code atrium.version}
     * @throws Settings.UsageException if a requested feature does not exist
     * @throws LaunchException         if the distribution is incomplete or a feature file is broken
     */
    public LaunchPlan plan(Settings settings, boolean interactive, String version)
            throws Settings.UsageException, LaunchException {
        List<String> available;
        try {
            available = featureNames();
        } catch (IOException e) {
            throw new LaunchException("the features directory " + features() + " cannot be read: " + e.getMessage());
        }
        if (!available.contains(PLATFORM)) {
            throw new LaunchException("the distribution is incomplete: " + features().resolve(PLATFORM + ".json")
                    + " is missing");
        }
        List<String> selected = new ArrayList<>(List.of(PLATFORM));
        for (String f : settings.features() == null ? available : settings.features()) {
            if (!available.contains(f)) {
                throw new Settings.UsageException("there is no feature '" + f + "' (available: "
                        + String.join(", ", available) + ")");
            }
            if (!selected.contains(f)) {
                selected.add(f);
            }
        }

        Map<String, String> atrium = new LinkedHashMap<>();
        atrium.put("atrium.version", version);
        atrium.put("atrium.home", home.toString());
        atrium.put("atrium.etc", settings.etc().toString());
        atrium.put("atrium.data", settings.data().toString());
        atrium.put("atrium.deploy", settings.deploy().toString());
        atrium.put("atrium.features", String.join(",", selected));
        atrium.put("atrium.features.dir", features().toString());
        if (settings.adminPassword() != null) {
            atrium.put("atrium.admin.password", settings.adminPassword());
        }
        // Read by io.atrium.store; absent means the embedded H2 under atrium.data.
        if (!settings.db().url().isEmpty()) {
            atrium.put("atrium.db.url", settings.db().url());
            atrium.put("atrium.db.user", settings.db().user());
            atrium.put("atrium.db.password", settings.db().password());
        }
        Function<String, String> lookup = name -> atrium.containsKey(name) ? atrium.get(name)
                : System.getProperty(name);

        Map<String, PlannedBundle> bundles = new LinkedHashMap<>();
        Map<String, String> featureProperties = new LinkedHashMap<>();
        for (String name : selected) {
            Path file = features().resolve(name + ".json");
            Feature feature;
            try {
                feature = FeatureReader.read(file, lookup);
            } catch (FeatureException e) {
                throw new LaunchException(e.getMessage());
            } catch (IOException e) {
                throw new LaunchException(file + " cannot be read: " + e.getMessage());
            }
            featureProperties.putAll(feature.frameworkProperties());
            for (FeatureBundle fb : feature.bundles()) {
                Path jar = system().resolve(fb.id().repositoryPath());
                if (!Files.isRegularFile(jar)) {
                    throw new LaunchException("the distribution is incomplete: features/" + name + ".json lists "
                            + fb.id() + ", which is not in " + system() + " (expected " + jar + ")");
                }
                int level = fb.startOrder() == 0 ? DEFAULT_START_LEVEL : fb.startOrder();
                PlannedBundle known = bundles.get(jar.toString());
                if (known == null || level < known.startLevel()) {
                    bundles.put(jar.toString(), new PlannedBundle(fb.id().toString(), jar, level));
                }
            }
        }
        int beginning = DEFAULT_START_LEVEL;
        for (PlannedBundle b : bundles.values()) {
            beginning = Math.max(beginning, b.startLevel());
        }

        ClasspathExports shared;
        try {
            shared = ClasspathExports.of(lib());
        } catch (IOException e) {
            throw new LaunchException(lib() + " cannot be read: " + e.getMessage());
        }
        if (shared.jars().size() < ClasspathExports.SHARED.size()) {
            throw new LaunchException("the distribution is incomplete: " + lib() + " lacks SLF4J or Logback");
        }

        Map<String, String> fw = new LinkedHashMap<>();
        fw.put("org.osgi.framework.system.packages.extra", shared.packages());
        fw.put("felix.log.level", "2"); // framework errors and warnings, through SLF4J
        fw.put("org.osgi.framework.storage", settings.data().resolve("cache").toString());
        // The distribution (system/, features, deploy/, etc/) is the truth: every start begins clean.
        fw.put("org.osgi.framework.storage.clean", "onFirstInit");
        fw.put("org.osgi.framework.startlevel.beginning", String.valueOf(beginning));
        fw.put("felix.startlevel.bundle", String.valueOf(beginning));
        fw.put("felix.cm.dir", settings.data().resolve("config").toString());
        fw.put("felix.fileinstall.dir", settings.deploy() + "," + settings.etc());
        fw.put("felix.fileinstall.poll", String.valueOf(POLL_MILLIS));
        fw.put("felix.fileinstall.noInitialDelay", "true");
        fw.put("felix.fileinstall.filter", ".*\\.(jar|json|cfg|config)");
        // etc/*.cfg files are read, never rewritten: File Install's write-back, triggered by an
        // update event that can arrive after the administrator's next edit, would undo that edit.
        fw.put("felix.fileinstall.enableConfigSave", "false");
        fw.put("org.osgi.service.http.port", String.valueOf(settings.port()));
        if (!settings.host().isEmpty()) {
            fw.put("org.apache.felix.http.host", settings.host());
        }
        fw.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        fw.put("gosh.args", interactive ? "" : "--nointeractive");
        fw.putAll(featureProperties);
        fw.putAll(atrium);

        Map<String, String> system = new LinkedHashMap<>();
        system.put("atrium.log.dir", settings.data().resolve("log").toString());
        Path logback = settings.etc().resolve("logback.xml");
        if (Files.isRegularFile(logback)) {
            system.put("logback.configurationFile", logback.toString());
        }
        return new LaunchPlan(List.copyOf(selected), List.copyOf(bundles.values()), beginning, fw, system,
                shared.jars());
    }

    /**
     * A bundle to install.
     *
     * @param id         its Maven coordinates
     * @param file       the jar in {@code system/}
     * @param startLevel its start level
     */
    public record PlannedBundle(String id, Path file, int startLevel) {
    }

    /**
     * Everything the framework is launched with.
     *
     * @param features            the features, platform first
     * @param bundles             the bundles in install order
     * @param beginningStartLevel the start level the framework rises to
     * @param frameworkProperties the framework's launch properties
     * @param systemProperties    JVM system properties (logging reads them before any bundle runs)
     * @param classpath           the libraries that must be on the class path for the system bundle
     *                            to export them (SLF4J, Logback)
     */
    public record LaunchPlan(List<String> features, List<PlannedBundle> bundles, int beginningStartLevel,
            Map<String, String> frameworkProperties, Map<String, String> systemProperties, List<Path> classpath) {
    }

    /** A distribution that cannot be launched as it is. */
    public static final class LaunchException extends Exception {
        private static final long serialVersionUID = 1L;

        public LaunchException(String message) {
            super(message);
        }
    }
}
