package io.atrium.sync.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Categories;
import io.atrium.lms.api.Cohorts;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Courses;
import io.atrium.lms.api.Enrolments;
import io.atrium.lms.api.Files;
import io.atrium.lms.api.Groups;
import io.atrium.lms.api.Identifiers;
import io.atrium.lms.api.Roles;
import io.atrium.lms.api.SiteConfig;
import io.atrium.lms.api.Users;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;

/**
 * Sync runs: started in the foreground ({@code tool_sync_process}) or the background
 * ({@code tool_sync_process_start}), kept in {@code tool_sync_runs} with their progress and
 * report. Runs of one service never overlap, on this node or another on the same database:
 * a run holds the service's row in {@code tool_sync_locks} and refreshes its heartbeat as it
 * goes; a lock whose heartbeat is older than {@code staleSeconds} belonged to a process that
 * died and is taken over.
 */
@Component(service = Runs.class, configurationPid = Runs.PID)
@Designate(ocd = Runs.Config.class)
public final class Runs {

    static final String PID = "io.atrium.sync";
    private static final Logger LOG = LoggerFactory.getLogger(Runs.class);

    @ObjectClassDefinition(name = "Atrium sync", description = "tool_sync runs.")
    public @interface Config {
        @AttributeDefinition(description = "Runs processed at once (of different services).")
        int workers() default 2;

        @AttributeDefinition(description = "Seconds after which the lock of a run that stopped refreshing it is "
                + "taken over (its process died).")
        long staleSeconds() default 120;
    }

    /** A run as stored. */
    record Run(long id, String service, String action, boolean simulate, long userid, String status, String filename,
            long linesdone, long linesfailed, String report, long timecreated, long timestarted, long timefinished) {
    }

    /** The actions of each service, with the setting naming the file and its default name. */
    record Action(String service, String action, String locationKey, String defaultFile) {
    }

    static final Map<String, Action> ACTIONS = new LinkedHashMap<>();

    private static void action(String service, String action, String key, String file) {
        ACTIONS.put(service + "/" + action, new Action(service, action, key, file));
    }

    static {
        action("courses", "create", "fileuploadlocation", "uploadcourses.csv");
        action("courses", "delete", "filedeletelocation", "deletecourses.csv");
        action("courses", "reset", "fileresetlocation", "resetcourses.csv");
        action("courses", "check", "fileexistlocation", "checkcourses.csv");
        action("users", "sync", "filelocation", "userimport.csv");
        action("enrols", "sync", "filelocation", "enrols.csv");
        action("cohorts", "sync", "filelocation", "cohorts.csv");
    }

    private final Store store;
    private final Settings settings;
    private final SyncEngine engine;
    /** The processor of each action, made for each run with that run's settings. */
    private final Map<String, Function<Domain, Processor>> processors = new LinkedHashMap<>();
    private final Domain domain;
    private final long staleSeconds;
    private final ExecutorService workers;
    private final ExecutorService bookkeeping = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "atrium-sync-runs");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public Runs(Config config, @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.sync)") Schema schema,
            @Reference Store store, @Reference SiteConfig siteConfig, @Reference Files files,
            @Reference Contexts contexts, @Reference Users users, @Reference Identifiers identifiers,
            @Reference Courses courses, @Reference Categories categories, @Reference Enrolments enrolments,
            @Reference Roles roles, @Reference Groups groups, @Reference Cohorts cohorts, @Reference Access access) {
        this.store = store;
        this.settings = new Settings(siteConfig);
        this.engine = new SyncEngine(store, new SyncArea(files, contexts, store), settings);
        this.staleSeconds = config.staleSeconds();
        this.domain = new Domain(store, users, identifiers, courses, categories, enrolments, roles, groups, cohorts,
                contexts, access, settings);
        processors.put("users/sync", UsersSync::new);
        processors.put("enrols/sync", d -> new EnrolsSync(d, () -> Times.zone(siteConfig)));
        processors.put("cohorts/sync", CohortsSync::new);
        processors.put("courses/create", CoursesCreate::new);
        processors.put("courses/delete", CoursesDelete::new);
        processors.put("courses/check", CoursesCheck::new);
        processors.put("courses/reset", CoursesReset::new);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.workers()), r -> {
            Thread t = new Thread(r, "atrium-sync-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        interruptedRuns();
    }

    @Deactivate
    void deactivate() {
        workers.shutdownNow();
        bookkeeping.shutdownNow();
    }

    /** Marks the runs a stopped process left unfinished, whose lock nobody refreshes. */
    private void interruptedRuns() {
        long stale = now() - staleSeconds;
        store.inTransaction(false, db -> db.update("UPDATE tool_sync_runs SET status = 'failed', timefinished = ?, "
                + "report = COALESCE(report, '') || 'The run was interrupted: the server stopped while it ran.\n' "
                + "WHERE status IN ('queued', 'running') AND NOT EXISTS (SELECT 1 FROM tool_sync_locks l "
                + "WHERE l.runid = tool_sync_runs.id AND l.heartbeat >= ?)", now(), stale));
    }

    Settings settings() {
        return settings;
    }

    /** The action, or the error naming the allowed ones. */
    static Action action(String service, String action) throws WsException {
        Action a = ACTIONS.get(service + "/" + action);
        if (a == null) {
            List<String> actions = ACTIONS.values().stream().filter(x -> x.service().equals(service))
                    .map(Action::action).toList();
            if (actions.isEmpty()) {
                throw WsException.invalidParameter("Unknown service '" + service + "'; the services are courses, "
                        + "users, enrols, cohorts");
            }
            throw WsException.invalidParameter("Unknown action '" + action + "' for service " + service
                    + "; its actions are " + String.join(", ", actions));
        }
        return a;
    }

    /** Queues a run; its id at once. */
    long start(String service, String action, boolean simulate, long userId) throws WsException {
        return submit(service, action, simulate, userId).id;
    }

    /** Runs and waits for the end; the finished run. */
    Run runAndWait(String service, String action, boolean simulate, long userId) throws WsException {
        Submitted s = submit(service, action, simulate, userId);
        try {
            s.future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WsException.of("syncinterrupted", "Interrupted while waiting for sync run " + s.id
                    + "; it goes on: poll tool_sync_get_run", null);
        } catch (ExecutionException e) {
            LOG.error("tool_sync run {} failed", s.id, e.getCause());
        }
        return get(s.id).orElseThrow();
    }

    private record Submitted(long id, Future<?> future) {
    }

    private Submitted submit(String service, String action, boolean simulate, long userId) throws WsException {
        Action a = action(service, action);
        Function<Domain, Processor> p = processors.get(service + "/" + action);
        if (p == null) {
            throw WsException.of("notavailable", "The action " + action + " of " + service + " is not available "
                    + "in this version", null);
        }
        String location = settings.get(service, a.locationKey());
        String file = location.isEmpty() ? a.defaultFile() : location;
        // Recorded on a thread of its own: the caller's call is a transaction, and the worker
        // must see the row before that transaction ends.
        long id;
        try {
            id = bookkeeping.submit(() -> store.inTransaction(false, db -> db.insert("tool_sync_runs", Map.of(
                    "service", service, "action", action, "simulate", simulate ? 1 : 0, "userid", userId, "status",
                    "queued", "filename", file, "timecreated", now())))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WsException.of("syncinterrupted", "Interrupted while starting a sync run", null);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot record the sync run", e.getCause());
        }
        Future<?> f = workers.submit(() -> execute(id, service, p, file, simulate, userId));
        return new Submitted(id, f);
    }

    private void execute(long id, String service, Function<Domain, Processor> processor, String file, boolean simulate,
            long actor) {
        if (!lock(service, id)) {
            long holder = store.inTransaction(true, db -> db.number("SELECT runid FROM tool_sync_locks WHERE service = ?",
                    service));
            finish(id, "failed", 0, 0, "A run of " + service + " is already in progress (run " + holder
                    + "); runs of one service never overlap. Try again when it has finished.\n");
            return;
        }
        try {
            store.inTransaction(false, db -> db.update("UPDATE tool_sync_runs SET status = 'running', timestarted = ? "
                    + "WHERE id = ?", now(), id));
            // The settings as the run starts, read once, not once per line.
            Processor p = processor.apply(domain.with(settings.snapshot()));
            SyncEngine.Outcome o = engine.run(p, file, simulate, actor, done -> progress(id, service, done));
            finish(id, o.completed() ? "done" : "failed", o.lines(), o.failed(), o.report());
        } catch (RuntimeException e) {
            LOG.error("tool_sync run {} failed", id, e);
            finish(id, "failed", 0, 0, "The run failed unexpectedly; the server log has the details ("
                    + e.getClass().getSimpleName() + ")\n");
        } finally {
            store.inTransaction(false, db -> db.update("DELETE FROM tool_sync_locks WHERE service = ? AND runid = ?",
                    service, id));
        }
    }

    /** Takes the service's lock, or a dead run's; false when a live run holds it. */
    private boolean lock(String service, long runId) {
        long now = now();
        try {
            return store.inTransaction(false, db -> {
                int taken = db.update("UPDATE tool_sync_locks SET runid = ?, heartbeat = ? WHERE service = ? AND "
                        + "heartbeat < ?", runId, now, service, now - staleSeconds);
                if (taken > 0) {
                    LOG.warn("tool_sync: the lock of {} was stale (its run stopped); run {} takes it over", service,
                            runId);
                    return true;
                }
                return db.update("INSERT INTO tool_sync_locks (service, runid, heartbeat) SELECT ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM tool_sync_locks WHERE service = ?)", service, runId, now,
                        service) > 0;
            });
        } catch (RuntimeException e) {
            // Another node inserted the row between our check and our insert.
            LOG.debug("tool_sync: lock of {} taken by another node", service, e);
            return false;
        }
    }

    /** Progress and heartbeat, on the bookkeeping thread: the run's own transaction may be open for long. */
    private void progress(long id, String service, long done) {
        long now = now();
        bookkeeping.execute(() -> store.inTransaction(false, db -> {
            db.update("UPDATE tool_sync_runs SET linesdone = ? WHERE id = ?", done, id);
            return db.update("UPDATE tool_sync_locks SET heartbeat = ? WHERE service = ? AND runid = ?", now, service,
                    id);
        }));
    }

    private void finish(long id, String status, long lines, long failed, String report) {
        store.inTransaction(false, db -> db.update("UPDATE tool_sync_runs SET status = ?, linesdone = ?, "
                + "linesfailed = ?, report = ?, timefinished = ? WHERE id = ?", status, lines, failed, report, now(),
                id));
    }

    Optional<Run> get(long id) {
        return store.inTransaction(true, db -> db.first("SELECT id, service, action, simulate, userid, status, "
                + "filename, linesdone, linesfailed, report, timecreated, timestarted, timefinished FROM tool_sync_runs "
                + "WHERE id = ?", rs -> new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0,
                        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getString(10),
                        rs.getLong(11), rs.getLong(12), rs.getLong(13)), id));
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
