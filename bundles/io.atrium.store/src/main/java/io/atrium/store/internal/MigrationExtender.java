package io.atrium.store.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.health.api.HealthContributor;
import io.atrium.store.api.Migrations;
import io.atrium.store.api.Schema;

/**
 * The migration extender: for each starting or active bundle with an {@value Migrations#HEADER}
 * header, applies its Flyway migrations (one at a time, off the framework's event thread) and
 * then registers its {@link Schema} service. A failure is kept, logged and told to
 * {@code /health}; the bundle's schema service then stays unregistered.
 */
final class MigrationExtender implements BundleTrackerCustomizer<MigrationExtender.Migrated> {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationExtender.class);

    private final BundleContext context;
    private final DataSource pool;
    private final boolean h2;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "atrium-store-migrations");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, HealthContributor.Problem> failures = new ConcurrentHashMap<>();
    private final BundleTracker<Migrated> tracker;

    MigrationExtender(BundleContext context, DataSource pool, boolean h2) {
        this.context = context;
        this.pool = pool;
        this.h2 = h2;
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, this);
    }

    void open() {
        tracker.open();
    }

    void close() {
        tracker.close();
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<HealthContributor.Problem> problems() {
        return new ArrayList<>(failures.values());
    }

    @Override
    public Migrated addingBundle(Bundle bundle, BundleEvent event) {
        String folder = bundle.getHeaders("").get(Migrations.HEADER);
        if (folder == null) {
            return null;
        }
        Migrated m = new Migrated(bundle, new BundleResources(bundle, folder.trim()));
        worker.execute(() -> migrate(m));
        return m;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Migrated m) {
        // STARTING to ACTIVE: nothing changes for the schema.
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Migrated m) {
        m.close();
        failures.remove(bundle.getBundleId());
    }

    private void migrate(Migrated m) {
        Bundle bundle = m.bundle;
        String name = bundle.getSymbolicName() + " " + bundle.getVersion();
        try {
            Flyway flyway = Flyway.configure(Flyway.class.getClassLoader())
                    .dataSource(pool)
                    .table(historyTable(bundle.getSymbolicName()))
                    .resourceProvider(m.resources)
                    .javaMigrationClassProvider(List::of)
                    // Other bundles' tables share the schema: a first migration starts from an empty history.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .validateMigrationNaming(true)
                    .load();
            if (h2) {
                forgetFailedMigrations(flyway, name);
            }
            MigrateResult result = flyway.migrate();
            String version = flyway.info().current() == null ? "0" : flyway.info().current().getVersion().toString();
            failures.remove(bundle.getBundleId());
            if (result.migrationsExecuted > 0) {
                LOG.info("{}: applied {} migration(s) from {}, schema now at version {}", name,
                        result.migrationsExecuted, m.resources.folder(), version);
            }
            m.register(context, version);
        } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError e) {
            // Whatever it is, it must reach /health: a dead worker would leave the bundle waiting in silence.
            String reason = "the schema migration of " + name + " failed, so its services that need the "
                    + "database stay unregistered: " + describe(e);
            LOG.error(reason, e);
            failures.put(bundle.getBundleId(), new HealthContributor.Problem(bundle.getBundleId(), reason));
        }
    }

    /**
     * H2 commits each DDL statement, so a failed migration may have left its earlier statements
     * behind and Flyway records it as failed, refusing every later run. The record is dropped
     * so that the corrected migration runs again when the bundle is redeployed.
     */
    private static void forgetFailedMigrations(Flyway flyway, String name) {
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState().isFailed()) {
                LOG.warn("{}: forgetting the failed migration {} so that it runs again", name, info.getScript());
                flyway.repair();
                return;
            }
        }
    }

    static String historyTable(String symbolicName) {
        String table = "flyway_" + symbolicName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        return table.length() > 63 ? table.substring(0, 63) : table; // PostgreSQL's identifier limit
    }

    /** The first line of Flyway's message and the database's own words. */
    static String describe(Throwable e) {
        String first = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse(e.toString());
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                String detail = String.valueOf(sql.getMessage()).strip().lines().findFirst().orElse("");
                return first + ": " + detail;
            }
        }
        return first;
    }

    /** A tracked bundle, and its schema service once migrated. */
    static final class Migrated {
        final Bundle bundle;
        final BundleResources resources;
        private ServiceRegistration<Schema> registration;
        private boolean closed;

        Migrated(Bundle bundle, BundleResources resources) {
            this.bundle = bundle;
            this.resources = resources;
        }

        synchronized void register(BundleContext context, String version) {
            if (closed) {
                return;
            }
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(Schema.BUNDLE, bundle.getSymbolicName());
            props.put(Schema.VERSION, version);
            props.put(Constants.SERVICE_DESCRIPTION, "the schema of " + bundle.getSymbolicName() + " at version " + version);
            String symbolicName = bundle.getSymbolicName();
            registration = context.registerService(Schema.class, new Schema() {
                @Override
                public String bundle() {
                    return symbolicName;
                }

                @Override
                public String version() {
                    return version;
                }
            }, props);
        }

        synchronized void close() {
            closed = true;
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException e) {
                    // already gone with the store
                }
                registration = null;
            }
        }
    }
}
