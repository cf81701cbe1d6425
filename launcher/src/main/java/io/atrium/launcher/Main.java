package io.atrium.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atrium.launcher.Distribution.LaunchException;
import io.atrium.launcher.Distribution.LaunchPlan;

/**
 * {@code bin/atrium}: starts Atrium in the foreground. Exit codes: 0 after a clean stop,
 * 1 when the server cannot start, 2 for a wrong option.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        long startNanos = System.nanoTime() - processAge().toNanos();
        Distribution dist;
        try {
            dist = new Distribution(home());
        } catch (IllegalStateException e) {
            err.println("atrium: " + e.getMessage());
            return 1;
        }
        if (args.contains("--help") || args.contains("-h")) {
            out.print(help(dist));
            return 0;
        }
        if (args.contains("--version")) {
            out.println("Atrium " + version());
            return 0;
        }
        try {
            Settings settings = Settings.read(dist.home(), args, env, Path.of("").toAbsolutePath());
            LaunchPlan plan = dist.plan(settings, System.console() != null, version());
            return new Launcher(settings, plan).run(startNanos);
        } catch (Settings.UsageException e) {
            err.println("atrium: " + e.getMessage());
            return 2;
        } catch (LaunchException e) {
            err.println("atrium: " + e.getMessage());
            return 1;
        }
    }

    static String help(Distribution dist) {
        List<String> features;
        try {
            features = dist.featureNames();
        } catch (IOException e) {
            features = new ArrayList<>();
        }
        return """
                Usage: atrium [options]

                Starts Atrium in the foreground: the OSGi platform that serves a learning
                system's web services. Ctrl-C or SIGTERM stops it cleanly. With a terminal,
                a Gogo shell reads commands (try 'lb' or 'help'); 'stop 0' stops the server.

                Options. Each may also be set as an environment variable or as a key in
                etc/atrium.properties; the command line wins, then the environment, then
                the file, then the default.
                  --port N        HTTP port; 0 picks a free one         ATRIUM_PORT      port
                                  (default 8080)
                  --host ADDR     address to listen on                  ATRIUM_HOST      host
                                  (default: every interface)
                  --data DIR      database, files, logs, framework      ATRIUM_DATA      data
                                  cache (default <dist>/data)
                  --deploy DIR    hot deploy directory for bundle jars  ATRIUM_DEPLOY    deploy
                                  and feature files (default <dist>/deploy)
                  --etc DIR       configuration: atrium.properties,     ATRIUM_ETC
                                  logback.xml, *.cfg (default <dist>/etc)
                  --features A,B  features to start; platform always    ATRIUM_FEATURES  features
                                  starts (default: all)
                  --db-url URL    the database: jdbc:postgresql://HOST/DB  ATRIUM_DB_URL  db.url
                                  (default: embedded H2 in <data>/db)
                  --db-user NAME  the database user                     ATRIUM_DB_USER   db.user
                  --help          print this help and exit
                  --version       print the version and exit

                Features here: %s

                Environment:
                  ATRIUM_ADMIN_PASSWORD  the administrator's password for the first start
                                         (admin.password in etc/atrium.properties); handed
                                         to the platform as atrium.admin.password
                  ATRIUM_DB_PASSWORD     the database user's password (db.password in
                                         etc/atrium.properties)
                  ATRIUM_JAVA_OPTS       JVM options (default: -Xms64m -Xmx1g)
                  JAVA_HOME              the Java 17 (or later) runtime to use

                Distribution: %s
                """.formatted(features.isEmpty() ? "(none found)" : String.join(", ", features), dist.home());
    }

    /** The distribution directory: set by bin/atrium, else the parent of the directory holding this jar. */
    private static Path home() {
        String home = System.getProperty("atrium.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where the distribution is; set -Datrium.home");
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "(development)" : v;
    }

    /**
     * How long ago the JVM was launched, so that the start-up time includes the JVM's own start:
     * bin/atrium passes the moment as atrium.started (epoch ms); else the process's start.
     */
    private static Duration processAge() {
        Instant start;
        try {
            start = Instant.ofEpochMilli(Long.parseLong(System.getProperty("atrium.started", "")));
        } catch (NumberFormatException e) {
            start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        }
        Duration age = Duration.between(start, Instant.now());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
