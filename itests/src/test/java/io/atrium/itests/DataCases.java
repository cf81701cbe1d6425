package io.atrium.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.time.Duration;
import java.util.List;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.atrium.itests.support.Atrium;
import io.atrium.itests.support.Await;
import io.atrium.itests.support.Databases;
import io.atrium.itests.support.Golden;
import io.atrium.itests.support.Http;
import io.atrium.itests.support.Moodle;
import io.atrium.itests.support.TestAuth;
import io.atrium.launcher.Settings;
import io.atrium.store.api.Store;

/**
 * What the data tests share: a framework with the platform features on the embedded H2 or on a
 * PostgreSQL database of the class's own, the test authenticator, a Moodle REST client. Each
 * set of cases is an abstract class run twice, by an {@code ...H2IT} and a {@code ...PostgresIT}
 * (the latter with {@link io.atrium.itests.support.PostgresPaxExam}).
 */
public abstract class DataCases {

    protected static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    protected BundleContext context;

    @Inject
    protected Store store;

    protected Http http;
    protected Moodle admin;
    private ServiceRegistration<?> auth;

    /** The options of a data test class: {@code name} names its work directory and database. */
    protected static Option[] options(String name, boolean postgres) {
        return options(name, postgres, List.of("platform"));
    }

    /** The options of a data test class running these features. */
    protected static Option[] options(String name, boolean postgres, List<String> features) {
        Settings.Db db = postgres ? Databases.postgres(name) : Settings.Db.EMBEDDED;
        return OptionUtils.combine(
                Atrium.options(Atrium.work(name + (postgres ? "-pg" : "-h2")), features, db),
                systemProperty("atrium.golden").value(Golden.directory().toString()));
    }

    @Before
    public void connect() {
        http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        TestAuth tokens = authenticator();
        auth = tokens == null ? null : tokens.register(context);
        admin = new Moodle(http, TestAuth.ADMIN);
        try {
            Await.until("the core functions", TIMEOUT, () -> http.get("/webservice/functions/core_user_create_users"),
                    r -> r.status() == 200);
        } catch (AssertionError e) {
            throw new AssertionError("/health: " + http.get("/health").body().replace("\n", " ") + "; " + e.getMessage());
        }
    }

    /** The tokens the cases use; override to add some, or return {@code null} for the platform's own tokens. */
    protected TestAuth authenticator() {
        return new TestAuth();
    }

    @After
    public void disconnect() {
        if (auth != null) {
            auth.unregister();
        }
    }

    /**
     * Allows a capability to every authenticated user (role {@code user}) in the system context,
     * as Moodle's captures did for {@code webservice/rest:use}; closing takes it back.
     */
    protected AutoCloseable allowAuthenticatedUsers(String capability) {
        return allow(7, capability);
    }

    /** Allows a capability to a role (7 user, 6 guest, ...) in the system context; closing takes it back. */
    protected AutoCloseable allow(long roleId, String capability) {
        store.inTransaction(false, db -> db.update("INSERT INTO mdl_role_capabilities (contextid, roleid, capability, "
                + "permission) VALUES (1, ?, ?, 1)", roleId, capability));
        return () -> store.inTransaction(false, db -> db.update(
                "DELETE FROM mdl_role_capabilities WHERE contextid = 1 AND roleid = ? AND capability = ?", roleId,
                capability));
    }

    /** A count of rows, for asserting what calls left behind. */
    protected long count(String sql, Object... args) {
        return store.inTransaction(true, db -> db.number(sql, args));
    }
}
