package io.atrium.auth.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.auth.api.ExternalService;
import io.atrium.auth.api.ExternalServices;
import io.atrium.auth.api.ServiceDeclaration;
import io.atrium.auth.api.ServiceDefinition;
import io.atrium.health.api.HealthContributor;
import io.atrium.lms.api.Users;
import io.atrium.store.api.Db;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;
import io.atrium.ws.core.WsRuntime;

/**
 * The external services: the whiteboard of {@link ServiceDeclaration}s, which it writes to
 * Moodle's tables, and the administration of all services. What a bundle declares is applied
 * when its declaration registers; what administrators decide (enabled, authorised users, added
 * functions) is theirs and survives redeploys.
 */
@Component(service = { ExternalServices.class, ServiceRegistry.class, HealthContributor.class })
public final class ServiceRegistry implements ExternalServices, HealthContributor {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRegistry.class);

    /** An applied declaration. */
    private record Declared(String bundle, ServiceDefinition definition) {
    }

    /** A stored service. */
    private record Row(long id, String component, String shortname, String name, boolean enabled,
            boolean restricted, String capability, boolean upload, boolean download) {
    }

    private final Store store;
    private final WsRuntime runtime;
    private final Users users;
    /** Applied declarations by shortname. */
    private final Map<String, Declared> declared = new ConcurrentHashMap<>();
    /** Shortnames of applied declarations by service id. */
    private final Map<Long, String> applied = new ConcurrentHashMap<>();
    /** A rejected declaration with the id of its bundle. */
    private record Refusal(Rejected rejected, long bundleId) {
    }

    /** Rejected declarations by service id. */
    private final Map<Long, Refusal> rejected = new ConcurrentHashMap<>();

    @Activate
    public ServiceRegistry(@Reference Store store, @Reference WsRuntime runtime, @Reference Users users,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.auth)") Schema schema) {
        this.store = store;
        this.runtime = runtime;
        this.users = users;
    }

    // --- the whiteboard

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDeclaration(ServiceDeclaration declaration, ServiceReference<ServiceDeclaration> ref) {
        long serviceId = (Long) ref.getProperty("service.id");
        String bundle = ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName();
        ServiceDefinition definition;
        try {
            definition = Objects.requireNonNull(declaration.definition(), "definition() returned null");
        } catch (RuntimeException e) {
            reject(serviceId, ref, new Rejected("?", bundle, "its definition failed: " + e.getMessage()));
            return;
        }
        String conflict = apply(bundle, definition);
        if (conflict != null) {
            reject(serviceId, ref, new Rejected(definition.shortname(), bundle, conflict));
        } else {
            applied.put(serviceId, definition.shortname());
            LOG.info("External service {} declared by {}", definition.shortname(), bundle);
        }
    }

    void removeDeclaration(ServiceDeclaration declaration, ServiceReference<ServiceDeclaration> ref) {
        long serviceId = (Long) ref.getProperty("service.id");
        if (rejected.remove(serviceId) != null) {
            return;
        }
        String shortname = applied.remove(serviceId);
        if (shortname != null) {
            declared.remove(shortname);
        }
    }

    private void reject(long serviceId, ServiceReference<?> ref, Rejected why) {
        LOG.warn("External service {} declared by {} is rejected: {}", why.shortname(), why.bundle(), why.reason());
        rejected.put(serviceId, new Refusal(why, ref.getBundle() == null ? 0L : ref.getBundle().getBundleId()));
    }

    /** Writes a declaration; returns why it cannot be applied, or null. */
    private synchronized String apply(String bundle, ServiceDefinition d) {
        Declared current = declared.get(d.shortname());
        if (current != null && !current.bundle().equals(bundle)) {
            return "the shortname " + d.shortname() + " is declared by " + current.bundle();
        }
        String conflict = store.inTransaction(false, db -> {
            Row byShortname = row(db, "shortname", d.shortname()).orElse(null);
            Row byName = row(db, "name", d.name()).orElse(null);
            if (byShortname != null && !bundle.equals(byShortname.component())) {
                return "the shortname " + d.shortname() + " is taken by "
                        + (byShortname.component() == null ? "a service an administrator created"
                                : "a service of " + byShortname.component());
            }
            if (byName != null && (byShortname == null || byName.id() != byShortname.id())) {
                return "the name '" + d.name() + "' is taken by the service " + byName.shortname();
            }
            if (byShortname == null) {
                Map<String, Object> values = columns(d, true);
                values.put("component", bundle);
                values.put("timecreated", now());
                db.insert("mdl_external_services", values);
            } else {
                // What an administrator decides (enabled) is kept.
                db.updateById("mdl_external_services", byShortname.id(), columns(d, false));
            }
            return null;
        });
        if (conflict == null) {
            declared.put(d.shortname(), new Declared(bundle, d));
        }
        return conflict;
    }

    @Override
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        for (Refusal r : rejected.values()) {
            problems.add(new Problem(r.bundleId(), "External service " + r.rejected().shortname() + " of "
                    + r.rejected().bundle() + " is rejected: " + r.rejected().reason()));
        }
        return problems;
    }

    @Override
    public List<Rejected> rejected() {
        return rejected.values().stream().map(Refusal::rejected).toList();
    }

    // --- what a service includes

    /**
     * Whether a service includes a function: the function's spec names it, its declaration lists
     * it, or an administrator added it.
     */
    boolean includes(long serviceId, String shortname, String function) {
        WsRuntime.Function f = runtime.function(function);
        if (f == null) {
            return false;
        }
        if (f.spec().services().contains(shortname)) {
            return true;
        }
        Declared d = declared.get(shortname);
        if (d != null && d.definition().functions().contains(function)) {
            return true;
        }
        return store.inTransaction(true, db -> db.number("SELECT COUNT(*) FROM mdl_external_services_functions "
                + "WHERE externalserviceid = ? AND functionname = ?", serviceId, function) > 0);
    }

    /** The functions a service includes now, sorted. */
    List<String> functions(long serviceId, String shortname) {
        return functions(shortname, store.inTransaction(true, db -> added(db, serviceId)));
    }

    /** The functions a service includes now, given those an administrator added. */
    private List<String> functions(String shortname, List<String> added) {
        Set<String> listed = new HashSet<>(added);
        Declared d = declared.get(shortname);
        if (d != null) {
            listed.addAll(d.definition().functions());
        }
        return runtime.functions().stream()
                .filter(f -> listed.contains(f.name()) || f.spec().services().contains(shortname))
                .map(WsRuntime.Function::name).sorted().toList();
    }

    private static List<String> added(Db db, long serviceId) {
        return db.list("SELECT functionname FROM mdl_external_services_functions WHERE externalserviceid = ? "
                + "ORDER BY functionname", rs -> rs.getString(1), serviceId);
    }

    // --- administration

    @Override
    public List<ExternalService> list() {
        return store.inTransaction(true, db -> db.list(SELECT + " ORDER BY shortname", ServiceRegistry::map))
                .stream().map(this::service).toList();
    }

    @Override
    public Optional<ExternalService> get(String shortname) {
        return store.inTransaction(true, db -> row(db, "shortname", shortname)).map(this::service);
    }

    private ExternalService service(Row r) {
        // The stored definition lists the functions an administrator added; a declaration's own
        // are in functions(), with those that name the service.
        List<String> extra = store.inTransaction(true, db -> added(db, r.id()));
        ServiceDefinition definition = new ServiceDefinition(r.shortname(), r.name(), r.enabled(), r.restricted(),
                r.capability(), r.upload(), r.download(), extra);
        return new ExternalService(r.id(), r.component(), definition, functions(r.shortname(), extra));
    }

    @Override
    public ExternalService create(ServiceDefinition d) throws WsException {
        checkFunctions(d.functions());
        store.inTransaction(false, db -> {
            if (row(db, "shortname", d.shortname()).isPresent()) {
                throw WsException.invalidParameter("The shortname " + d.shortname() + " is already used by a service");
            }
            if (row(db, "name", d.name()).isPresent()) {
                throw WsException.invalidParameter("The name '" + d.name() + "' is already used by a service");
            }
            Map<String, Object> values = columns(d, true);
            values.put("timecreated", now());
            long id = db.insert("mdl_external_services", values);
            replaceFunctions(db, id, d.functions());
            return id;
        });
        return get(d.shortname()).orElseThrow();
    }

    @Override
    public ExternalService update(String shortname, ServiceDefinition d) throws WsException {
        checkFunctions(d.functions());
        store.inTransaction(false, db -> {
            Row r = row(db, "shortname", shortname)
                    .orElseThrow(() -> WsException.invalidParameter("No external service with the shortname " + shortname));
            if (r.component() != null) {
                if (!d.shortname().equals(r.shortname()) || !d.name().equals(r.name())
                        || !Objects.equals(d.requiredCapability(), r.capability()) || d.uploadFiles() != r.upload()
                        || d.downloadFiles() != r.download()) {
                    throw WsException.invalidParameter("The service " + shortname + " is declared by "
                            + r.component() + ": only enabled, restricted users and added functions can change");
                }
            } else {
                Optional<Row> other = row(db, "shortname", d.shortname());
                if (other.isPresent() && other.get().id() != r.id()) {
                    throw WsException.invalidParameter("The shortname " + d.shortname() + " is already used by a "
                            + "service");
                }
                other = row(db, "name", d.name());
                if (other.isPresent() && other.get().id() != r.id()) {
                    throw WsException.invalidParameter("The name '" + d.name() + "' is already used by a service");
                }
            }
            db.updateById("mdl_external_services", r.id(), columns(d, true));
            Declared declaredBy = declared.get(shortname);
            List<String> extra = d.functions().stream()
                    .filter(f -> declaredBy == null || !declaredBy.definition().functions().contains(f)).toList();
            replaceFunctions(db, r.id(), extra);
            return r.id();
        });
        return get(d.shortname()).orElseThrow();
    }

    @Override
    public void delete(String shortname) throws WsException {
        store.inTransaction(false, db -> {
            Row r = row(db, "shortname", shortname)
                    .orElseThrow(() -> WsException.invalidParameter("No external service with the shortname " + shortname));
            if (r.component() != null) {
                throw WsException.invalidParameter("The service " + shortname + " is declared by " + r.component()
                        + " and cannot be deleted; disable it instead");
            }
            db.update("DELETE FROM mdl_external_tokens WHERE externalserviceid = ?", r.id());
            db.update("DELETE FROM mdl_external_services_functions WHERE externalserviceid = ?", r.id());
            db.update("DELETE FROM mdl_external_services_users WHERE externalserviceid = ?", r.id());
            return db.update("DELETE FROM mdl_external_services WHERE id = ?", r.id());
        });
    }

    @Override
    public void authorise(String shortname, long userid, boolean allowed, long validuntil, String iprestriction)
            throws WsException {
        if (users.get(userid).filter(u -> !u.deleted()).isEmpty()) {
            throw WsException.invalidParameter("Invalid user ID: " + userid);
        }
        store.inTransaction(false, db -> {
            Row r = row(db, "shortname", shortname)
                    .orElseThrow(() -> WsException.invalidParameter("No external service with the shortname " + shortname));
            db.update("DELETE FROM mdl_external_services_users WHERE externalserviceid = ? AND userid = ?", r.id(),
                    userid);
            if (allowed) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("externalserviceid", r.id());
                values.put("userid", userid);
                values.put("iprestriction", iprestriction == null || iprestriction.isBlank() ? null
                        : iprestriction.trim());
                values.put("validuntil", validuntil);
                values.put("timecreated", now());
                db.insert("mdl_external_services_users", values);
            }
            return null;
        });
    }

    /**
     * A definition's columns, with {@code timemodified}; with {@code all} also its shortname and
     * whether it is enabled, which a redeclaration leaves as they are.
     */
    private static Map<String, Object> columns(ServiceDefinition d, boolean all) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (all) {
            values.put("shortname", d.shortname());
            values.put("enabled", d.enabled() ? 1 : 0);
        }
        values.put("name", d.name());
        values.put("requiredcapability", d.requiredCapability());
        values.put("restrictedusers", d.restrictedUsers() ? 1 : 0);
        values.put("uploadfiles", d.uploadFiles() ? 1 : 0);
        values.put("downloadfiles", d.downloadFiles() ? 1 : 0);
        values.put("timemodified", now());
        return values;
    }

    private void checkFunctions(List<String> functions) throws WsException {
        Set<String> unknown = new TreeSet<>();
        for (String f : functions) {
            if (runtime.function(f) == null) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw WsException.invalidParameter("No such function: " + String.join(", ", unknown));
        }
    }

    private static void replaceFunctions(Db db, long serviceId, List<String> functions) {
        db.update("DELETE FROM mdl_external_services_functions WHERE externalserviceid = ?", serviceId);
        for (String f : new TreeSet<>(functions)) {
            db.update("INSERT INTO mdl_external_services_functions (externalserviceid, functionname) VALUES (?, ?)",
                    serviceId, f);
        }
    }

    private static final String SELECT = "SELECT id, component, shortname, name, enabled, restrictedusers, "
            + "requiredcapability, uploadfiles, downloadfiles FROM mdl_external_services";

    private static Optional<Row> row(Db db, String column, String value) {
        return db.first(SELECT + " WHERE " + column + " = ?", ServiceRegistry::map, value);
    }

    private static Row map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) != 0,
                rs.getInt(6) != 0, rs.getString(7), rs.getInt(8) != 0, rs.getInt(9) != 0);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
