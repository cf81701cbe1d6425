package io.atrium.sync.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.atrium.lms.api.SiteConfig;
import io.atrium.ws.api.WsException;

/**
 * tool_sync's settings, kept as the original keeps them: plugin {@code tool_sync}, name
 * {@code <service>_<key>}. Every key has a domain: a location in the sync file area, one of a
 * few values, or a flag (0 or 1). The services are the original's four and {@code global} for
 * what applies to every file (encoding, separator, what happens to files after a run).
 */
final class Settings {

    static final String PLUGIN = "tool_sync";

    enum Kind {
        LOCATION, CHOICE, FLAG
    }

    /** A key, its domain and its default ({@code ""} for a location: the service's default file). */
    record Key(String service, String name, Kind kind, List<String> choices, String defaultValue) {
    }

    private static final Map<String, Map<String, Key>> KEYS = new LinkedHashMap<>();

    private static void location(String service, String name) {
        add(new Key(service, name, Kind.LOCATION, List.of(), ""));
    }

    private static void choice(String service, String name, String defaultValue, String... choices) {
        add(new Key(service, name, Kind.CHOICE, List.of(choices), defaultValue));
    }

    private static void flag(String service, String name, String defaultValue) {
        add(new Key(service, name, Kind.FLAG, List.of("0", "1"), defaultValue));
    }

    private static void add(Key key) {
        KEYS.computeIfAbsent(key.service(), s -> new LinkedHashMap<>()).put(key.name(), key);
    }

    static {
        String[] courseIds = { "idnumber", "shortname", "id" };
        location("courses", "fileuploadlocation");
        location("courses", "filedeletelocation");
        location("courses", "fileexistlocation");
        location("courses", "fileresetlocation");
        choice("courses", "fileuploadidentifier", "shortname", courseIds);
        choice("courses", "filedeleteidentifier", "shortname", courseIds);
        choice("courses", "existfileidentifier", "shortname", courseIds);
        choice("courses", "fileresetidentifier", "shortname", courseIds);
        choice("courses", "coursecategoryidentifier", "idname", "idnumber", "idname");
        flag("courses", "newcategoriesvisible", "1");
        flag("courses", "forceupdate", "0");
        choice("courses", "template_mode", "0", "0", "1", "2");

        location("users", "filelocation");
        choice("users", "primaryidentity", "idnumber", "idnumber", "email", "username");
        flag("users", "createpasswords", "0");
        flag("users", "allowrename", "0");
        flag("users", "protectemails", "1");

        location("enrols", "filelocation");
        choice("enrols", "courseidentifier", "shortname", "id", "idnumber", "shortname");
        choice("enrols", "useridentifier", "username", "id", "idnumber", "username", "email");
        choice("enrols", "defaultcmd", "add", "add", "del", "shift", "disable", "enable");
        flag("enrols", "protectgroups", "0");

        location("cohorts", "filelocation");
        choice("cohorts", "useridentifier", "idnumber", "id", "idnumber", "username", "email");
        choice("cohorts", "cohortidentifier", "idnumber", "id", "idnumber", "name");
        flag("cohorts", "autocreate", "1");
        flag("cohorts", "syncdelete", "1");

        choice("global", "encoding", "UTF-8", "UTF-8", "ISO-8859-1");
        choice("global", "csvseparator", ";", ";", ",");
        flag("global", "storereport", "0");
        flag("global", "filearchive", "0");
        flag("global", "filefailed", "1");
        flag("global", "filecleanup", "0");
        flag("global", "simulate", "0");
    }

    /** The original's whitelist spells one key differently from its form and its code. */
    private static final Map<String, String> ALIASES = Map.of("fileexistslocation", "fileexistlocation");

    private final SiteConfig config;
    /** The stored values by setting name: live from the configuration, or a snapshot. */
    private final Function<String, Optional<String>> stored;

    Settings(SiteConfig config) {
        this.config = config;
        this.stored = name -> config.get(PLUGIN, name);
    }

    private Settings(SiteConfig config, Map<String, String> values) {
        this.config = config;
        this.stored = name -> Optional.ofNullable(values.get(name));
    }

    /**
     * The settings as they are now, read in one query: a run reads its settings line after line
     * and must see the same ones throughout.
     */
    Settings snapshot() {
        return new Settings(config, new java.util.HashMap<>(config.plugin(PLUGIN)));
    }

    static Map<String, Map<String, Key>> keys() {
        return KEYS;
    }

    /** The key of a service, or the error naming what is allowed. */
    static Key key(String service, String name) throws WsException {
        Map<String, Key> keys = KEYS.get(service);
        if (keys == null) {
            throw WsException.invalidParameter("Unknown service '" + service + "'; the services are "
                    + String.join(", ", KEYS.keySet()));
        }
        Key key = keys.get(ALIASES.getOrDefault(name, name));
        if (key == null) {
            throw WsException.invalidParameter("Unknown key '" + name + "' for service " + service
                    + "; its keys are " + String.join(", ", keys.keySet()));
        }
        return key;
    }

    /** Checks a value against its key's domain; a location is normalised. */
    static String check(Key key, String value) throws WsException {
        String v = value == null ? "" : value.strip();
        if (key.kind() == Kind.LOCATION) {
            return v.isEmpty() ? "" : SyncArea.checkLocation(v);
        }
        if (!key.choices().contains(v)) {
            throw WsException.invalidParameter("Invalid value '" + value + "' for " + key.service() + " "
                    + key.name() + "; allowed values: " + String.join(", ", key.choices()));
        }
        return v;
    }

    void set(String service, String name, String value) throws WsException {
        Key key = key(service, name);
        config.set(PLUGIN, service + "_" + key.name(), check(key, value));
    }

    String get(String service, String name) {
        Key key = KEYS.get(service).get(name);
        return stored.apply(service + "_" + name).filter(v -> !v.isEmpty()).orElse(key.defaultValue());
    }

    boolean flag(String service, String name) {
        return "1".equals(get(service, name));
    }
}
