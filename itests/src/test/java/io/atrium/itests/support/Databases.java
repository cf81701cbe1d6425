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
 * Under {@code CI=true} a missing server fails the suite; elsewhere those tests are skipped
 * (see {@link PostgresPaxExam}).
 */
public final class Databases {

    private Databases() {
    }

    /** Whether PostgreSQL is required (CI). */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The server's JDBC URL. */
    public static String url() {
        return env("ATRIUM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    /** Whether the server answers. */
    public static boolean reachable() {
        try (Connection c = DriverManager.getConnection(url(), env("ATRIUM_TEST_PG_USER", "postgres"),
                env("ATRIUM_TEST_PG_PASSWORD", ""))) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * A fresh PostgreSQL database for one test class. Test classes that need one run with
     * {@link PostgresPaxExam}, which skips them when there is no server and none is required.
     *
     * @throws IllegalStateException when the database cannot be created
     */
    public static Settings.Db postgres(String name) {
        String url = url();
        String user = env("ATRIUM_TEST_PG_USER", "postgres");
        String password = env("ATRIUM_TEST_PG_PASSWORD", "");
        // The process id keeps test runs side by side (two checkouts, one machine) apart.
        String database = "atrium_it_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException((required() ? "CI=true requires PostgreSQL for the data tests, but "
                    : "the data tests cannot use PostgreSQL: ") + url + " cannot be used: " + e.getMessage(), e);
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
