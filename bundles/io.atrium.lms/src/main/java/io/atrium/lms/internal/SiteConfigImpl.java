package io.atrium.lms.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.SiteConfig;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;

/**
 * Site settings are read on most calls (the site's address, its name, the admins) and change
 * rarely: they are read as one snapshot that lives at most {@value #SNAPSHOT_MILLIS} ms. A change
 * made here drops it at once; one made by another node shows within that time.
 */
@Component
public final class SiteConfigImpl implements SiteConfig {

    static final long SNAPSHOT_MILLIS = 2000;

    private record Snapshot(Map<String, String> values, long takenAt) {
    }

    private final Store store;
    private final BundleContext context;
    private volatile Snapshot snapshot;

    @Activate
    public SiteConfigImpl(BundleContext context, @Reference Store store,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
        this.context = context;
    }

    @Override
    public String wwwroot() {
        String configured = get("wwwroot").orElse(context.getProperty("atrium.wwwroot"));
        if (configured != null && !configured.isBlank()) {
            return configured.trim().replaceAll("/+$", "");
        }
        String port = context.getProperty("org.osgi.service.http.port");
        return "http://localhost" + (port == null || port.equals("80") ? "" : ":" + port);
    }

    @Override
    public Optional<String> get(String name) {
        Snapshot s = snapshot;
        long now = System.currentTimeMillis();
        if (s == null || now - s.takenAt() > SNAPSHOT_MILLIS || now < s.takenAt()) {
            Map<String, String> values = new java.util.HashMap<>();
            store.inTransaction(true, db -> db.list("SELECT name, value FROM mdl_config",
                    rs -> values.put(rs.getString(1), rs.getString(2))));
            s = new Snapshot(Map.copyOf(values), now);
            snapshot = s;
        }
        return Optional.ofNullable(s.values().get(name));
    }

    @Override
    public void set(String name, String value) {
        store.inTransaction(false, db -> {
            if (db.update("UPDATE mdl_config SET value = ? WHERE name = ?", value, name) == 0) {
                db.update("INSERT INTO mdl_config (name, value) VALUES (?, ?)", name, value);
            }
            snapshot = null;
            db.afterCommit(() -> snapshot = null);
            return null;
        });
    }

    @Override
    public Optional<String> get(String plugin, String name) {
        return store.inTransaction(true, db -> db.first(
                "SELECT value FROM mdl_config_plugins WHERE plugin = ? AND name = ?", rs -> rs.getString(1), plugin, name));
    }

    @Override
    public Map<String, String> plugin(String plugin) {
        return store.inTransaction(true, db -> {
            Map<String, String> values = new LinkedHashMap<>();
            db.list("SELECT name, value FROM mdl_config_plugins WHERE plugin = ? ORDER BY name",
                    rs -> values.put(rs.getString(1), rs.getString(2)), plugin);
            return values;
        });
    }

    @Override
    public void set(String plugin, String name, String value) {
        store.inTransaction(false, db -> {
            if (value == null) {
                db.update("DELETE FROM mdl_config_plugins WHERE plugin = ? AND name = ?", plugin, name);
            } else if (db.update("UPDATE mdl_config_plugins SET value = ? WHERE plugin = ? AND name = ?",
                    value, plugin, name) == 0) {
                db.update("INSERT INTO mdl_config_plugins (plugin, name, value) VALUES (?, ?, ?)", plugin, name, value);
            }
            return null;
        });
    }
}
