package io.atrium.itests.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import io.atrium.launcher.Settings;

/**
 * The databases data tests run on. The embedded H2 always; PostgreSQL at {@code ATRIUM_TEST_PG_URL}
 * (a JDBC URL of a server database the user may create databases from, with
 * {@code ATRIUM_TEST_PG_USER} / {@code ATRIUM_TEST_PG_PASSWORD}), else 127.0.0.1:5432 as
 * {@code postgres}. Each test class gets a database of its own, dropped when the test JVM ends.
 * Under {@code CI=true} a missing server fails the suite; elsewhere those tests are skipped.
 */
public final class Databases {

    /** Set in the container when the test class's database is missing: its tests skip. */
    public static final String SKIP = "atrium.itest.nodatabase";

    private Databases() {
    }

    /** Whether PostgreSQL is required (CI). */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * A fresh PostgreSQL database for one test class, or {@code null} when there is no server
     * and none is required.
     *
     * @throws IllegalStateException under CI when the server cannot be reached
     */
    public static Settings.Db postgres(String name) {
        String url = env("ATRIUM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env("ATRIUM_TEST_PG_USER", "postgres");
        String password = env("ATRIUM_TEST_PG_PASSWORD", "");
        // The process id keeps test runs side by side (two checkouts, one machine) apart.
        String database = "atrium_it_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            if (required()) {
                throw new IllegalStateException("CI=true requires PostgreSQL for the data tests, but " + url
                        + " cannot be used: " + e.getMessage(), e);
            }
            return null;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("could not drop the test database " + database + ": " + e.getMessage());
            }
        }));
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        int query = url.indexOf('?', base.length());
        return new Settings.Db(base + database + (query < 0 ? "" : url.substring(query)), user, password);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
