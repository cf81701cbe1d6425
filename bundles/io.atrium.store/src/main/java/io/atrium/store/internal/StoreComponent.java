package io.atrium.store.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.atrium.health.api.HealthContributor;
import io.atrium.store.api.Db;
import io.atrium.store.api.Migrations;
import io.atrium.store.api.Store;

/**
 * The store: opens the pool, serves transactions and
 * migrates the bundles that ship migrations.
 */
@Component(service = { Store.class, HealthContributor.class },
        configurationPid = StoreComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StoreComponent.Config.class)
@Capability(namespace = "osgi.extender", name = Migrations.EXTENDER, version = "1.0.0")
public final class StoreComponent implements Store, HealthContributor {

    static final String PID = "io.atrium.store";

    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    @ObjectClassDefinition(name = "Atrium store",
            description = "The database. Usually chosen in etc/atrium.properties (db.url, db.user, db.password) "
                    + "or the environment (ATRIUM_DB_URL, ...); values here win over those.")
    public @interface Config {
        @AttributeDefinition(description = "JDBC URL (jdbc:postgresql://host:5432/atrium); empty: the launcher's "
                + "db.url, else the embedded H2 database in <data>/db")
        String url() default "";

        @AttributeDefinition(description = "Database user; empty: the launcher's db.user")
        String user() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "The user's password; empty: the launcher's db.password")
        String password() default "";

        @AttributeDefinition(description = "Most connections the pool opens", min = "1")
        int maxPoolSize() default 10;

        @AttributeDefinition(description = "How long a call waits for a free connection, in milliseconds", min = "250")
        long connectionTimeoutMillis() default 5000;
    }

    private final HikariDataSource pool;
    private final Transactions transactions;
    private final MigrationExtender migrations;

    @Activate
    public StoreComponent(BundleContext context, Config config,
            @Reference(service = DataSourceFactory.class, cardinality = ReferenceCardinality.AT_LEAST_ONE,
                    policyOption = ReferencePolicyOption.GREEDY)
            List<Map.Entry<Map<String, Object>, DataSourceFactory>> drivers) throws SQLException {
        String url = first(config.url(), context.getProperty("atrium.db.url"));
        String user = first(config.user(), context.getProperty("atrium.db.user"));
        String password = first(config.password(), context.getProperty("atrium.db.password"));
        if (url.isEmpty()) {
            url = embedded(Path.of(first(context.getProperty("atrium.data"), "data")));
            if (user.isEmpty()) {
                user = "sa";
            }
        }
        DataSource raw = driver(drivers, url).createDataSource(connectionProperties(url, user, password));
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("atrium");
        hc.setDataSource(raw);
        hc.setAutoCommit(false);
        hc.setMaximumPoolSize(config.maxPoolSize());
        hc.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        hc.setConnectionTimeout(config.connectionTimeoutMillis());
        String shown = url.replaceAll("password=[^;&]*", "password=***");
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new SQLException("cannot open the database " + shown + ": " + rootMessage(e), e);
        }
        String product;
        try (Connection c = pool.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            product = meta.getDatabaseProductName();
            LOG.info("database: {} {} at {}", product, meta.getDatabaseProductVersion(), shown);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
        transactions = new Transactions(pool, product);
        migrations = new MigrationExtender(context, pool, "H2".equals(product));
        migrations.open();
    }

    @Deactivate
    void deactivate() {
        migrations.close();
        pool.close();
    }

    @Override
    public <T, X extends Exception> T inTransaction(boolean readOnly, Work<T, X> work) throws X {
        return transactions.inTransaction(readOnly, work);
    }

    @Override
    public Db current() {
        return transactions.current();
    }

    @Override
    public boolean inTransaction() {
        return transactions.inTransaction();
    }

    @Override
    public String product() {
        return transactions.product();
    }

    @Override
    public List<Problem> problems() {
        return migrations.problems();
    }

    /**
     * The embedded database: a file under the data directory, in PostgreSQL mode with lower-case
     * names, so that one SQL text serves both ("value", a Moodle column name, is no keyword). The
     * pool closes it; H2's own shutdown hook would close it under calls still running while the
     * framework stops.
     */
    static String embedded(Path data) {
        return "jdbc:h2:file:" + data.resolve("db").resolve("atrium").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE;DB_CLOSE_ON_EXIT=FALSE";
    }

    private static DataSourceFactory driver(List<Map.Entry<Map<String, Object>, DataSourceFactory>> drivers,
            String url) throws SQLException {
        String wanted = url.startsWith("jdbc:h2:") ? "org.h2.Driver"
                : url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : null;
        if (wanted == null) {
            throw new SQLException("unsupported database URL " + url + ": use jdbc:postgresql: or jdbc:h2:");
        }
        for (Map.Entry<Map<String, Object>, DataSourceFactory> d : drivers) {
            if (wanted.equals(d.getKey().get(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS))) {
                return d.getValue();
            }
        }
        throw new SQLException("no JDBC driver " + wanted + " is installed for " + url);
    }

    private static Properties connectionProperties(String url, String user, String password) {
        Properties p = new Properties();
        p.setProperty(DataSourceFactory.JDBC_URL, url);
        if (!user.isEmpty()) {
            p.setProperty(DataSourceFactory.JDBC_USER, user);
        }
        if (!password.isEmpty()) {
            p.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
        }
        return p;
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a.trim() : b == null ? "" : b.trim();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
