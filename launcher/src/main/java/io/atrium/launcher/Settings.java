package io.atrium.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the launcher was asked to do. Every setting comes from, in this order of precedence:
 * the command line ({@code --port 9090} or {@code --port=9090}), the environment
 * ({@code ATRIUM_PORT}), {@code etc/atrium.properties} ({@code port=9090}), the default.
 *
 * @param home          the distribution directory
 * @param etc           configuration: {@code atrium.properties}, {@code logback.xml}, {@code *.cfg}
 * @param port          the HTTP port; 0 picks a free one
 * @param host          the address to listen on; empty for every interface
 * @param data          database, files, logs and framework cache
 * @param deploy        the hot deploy directory
 * @param features      the features to start, {@code null} for all; platform is always started
 * @param adminPassword the administrator's password for the first start, or {@code null}
 * @param db            the database; {@link Db#EMBEDDED} for the embedded H2 under {@code data}
 */
public record Settings(Path home, Path etc, int port, String host, Path data, Path deploy, List<String> features,
        String adminPassword, Db db) {

    /**
     * The database the platform's store opens.
     *
     * @param url      a JDBC URL ({@code jdbc:postgresql://host:5432/atrium}); empty for the embedded H2
     * @param user     the database user; empty for the driver's default
     * @param password the user's password; empty for none
     */
    public record Db(String url, String user, String password) {
        public static final Db EMBEDDED = new Db("", "", "");

        @Override
        public String toString() { // never the password
            return url.isEmpty() ? "embedded H2" : url + (user.isEmpty() ? "" : " as " + user);
        }
    }

    /** A setting that is missing or malformed; the launcher prints the message and exits with 2. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The settings the launcher understands: option name, property key, environment variable. */
    enum Key {
        ETC("etc"), PORT("port"), HOST("host"), DATA("data"), DEPLOY("deploy"), FEATURES("features"),
        ADMIN_PASSWORD("admin.password"), DB_URL("db.url"), DB_USER("db.user"), DB_PASSWORD("db.password");

        final String property;

        Key(String property) {
            this.property = property;
        }

        String option() {
            return "--" + property.replace('.', '-');
        }

        String env() {
            return "ATRIUM_" + property.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
        }
    }

    public static final int DEFAULT_PORT = 8080;

    /**
     * Reads the settings.
     *
     * @param home the distribution directory
     * @param args the command line, without {@code --help} and {@code --version}
     * @param env  the environment
     * @param cwd  the directory relative paths on the command line and in the environment are taken from
     * @throws UsageException if an option is unknown or a value is malformed
     */
    public static Settings read(Path home, List<String> args, Map<String, String> env, Path cwd)
            throws UsageException {
        Map<Key, String> cli = parse(args);
        Map<Key, String> values = new LinkedHashMap<>();
        Map<Key, Path> bases = new LinkedHashMap<>();
        // etc/ holds atrium.properties, so it is taken from the command line or the environment only.
        if (cli.containsKey(Key.ETC)) {
            values.put(Key.ETC, cli.get(Key.ETC));
        } else if (env.get(Key.ETC.env()) != null && !env.get(Key.ETC.env()).isEmpty()) {
            values.put(Key.ETC, env.get(Key.ETC.env()));
        }
        bases.put(Key.ETC, cwd);
        Path etc = path(values, bases, Key.ETC, home.resolve("etc"));
        Properties file = properties(etc.resolve("atrium.properties"));
        for (Key key : Key.values()) {
            if (key == Key.ETC) {
                continue;
            }
            if (cli.containsKey(key)) {
                values.put(key, cli.get(key));
                bases.put(key, cwd);
            } else if (env.get(key.env()) != null && !env.get(key.env()).isEmpty()) {
                values.put(key, env.get(key.env()));
                bases.put(key, cwd);
            } else if (file.getProperty(key.property) != null && !file.getProperty(key.property).isBlank()) {
                values.put(key, file.getProperty(key.property).trim());
                bases.put(key, home); // paths in etc/atrium.properties are relative to the distribution
            }
        }
        int port = port(values.getOrDefault(Key.PORT, String.valueOf(DEFAULT_PORT)));
        String host = values.getOrDefault(Key.HOST, "").trim();
        if (host.equals("*") || host.equals("0.0.0.0")) {
            host = "";
        }
        Path data = path(values, bases, Key.DATA, home.resolve("data"));
        Path deploy = path(values, bases, Key.DEPLOY, home.resolve("deploy"));
        List<String> features = null;
        if (values.containsKey(Key.FEATURES)) {
            features = new ArrayList<>();
            for (String f : values.get(Key.FEATURES).split(",")) {
                if (!f.isBlank()) {
                    features.add(f.trim());
                }
            }
        }
        String dbUrl = values.getOrDefault(Key.DB_URL, "").trim();
        if (!dbUrl.isEmpty() && !dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
            throw new UsageException("the database URL must start with jdbc:postgresql: or jdbc:h2:, not '" + dbUrl + "'");
        }
        Db db = new Db(dbUrl, values.getOrDefault(Key.DB_USER, "").trim(), values.getOrDefault(Key.DB_PASSWORD, ""));
        return new Settings(home.toAbsolutePath().normalize(), etc, port, host, data, deploy, features,
                values.get(Key.ADMIN_PASSWORD), db);
    }

    /** The address printed for people: where a browser on this machine reaches the server. */
    public String displayHost() {
        return host.isEmpty() ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
    }

    private static Map<Key, String> parse(List<String> args) throws UsageException {
        Map<Key, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Key key = null;
            for (Key k : Key.values()) {
                if (k.option().equals(name)) {
                    key = k;
                }
            }
            if (key == null || key == Key.ADMIN_PASSWORD || key == Key.DB_PASSWORD) {
                // a password on the command line would show in ps
                throw new UsageException("unknown option '" + arg + "' (see --help)");
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException(name + " needs a value (see --help)");
                }
                value = args.get(++i);
            }
            values.put(key, value);
        }
        return values;
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("the port must be a number from 0 to 65535, not '" + text + "'");
    }

    private static Path path(Map<Key, String> values, Map<Key, Path> bases, Key key, Path fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback.toAbsolutePath().normalize();
        }
        if (value.equals("~") || value.startsWith("~/")) {
            value = System.getProperty("user.home") + value.substring(1);
        }
        return bases.get(key).resolve(value).toAbsolutePath().normalize();
    }

    private static Properties properties(Path file) throws UsageException {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException(file + " cannot be read: " + e.getMessage());
            }
        }
        return p;
    }
}
