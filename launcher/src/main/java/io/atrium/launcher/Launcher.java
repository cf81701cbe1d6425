package io.atrium.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;

import io.atrium.launcher.Distribution.LaunchException;
import io.atrium.launcher.Distribution.LaunchPlan;
import io.atrium.launcher.Distribution.PlannedBundle;

/**
 * Boots Felix with a {@link LaunchPlan}, reports where the server answers, and stops the
 * framework cleanly on SIGTERM, Ctrl-C or a stop from the console.
 */
final class Launcher {

    private static final String HTTP_RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
    private static final long HTTP_TIMEOUT_SECONDS = 30;
    private static final long STOP_TIMEOUT_MILLIS = 60_000;

    private final Settings settings;
    private final LaunchPlan plan;
    private volatile Framework framework;
    private Logger log;

    Launcher(Settings settings, LaunchPlan plan) {
        this.settings = settings;
        this.plan = plan;
    }

    /**
     * Runs the server until the framework stops.
     *
     * @param startNanos when the JVM started, for the start-up time
     * @return the process exit code
     */
    int run(long startNanos) throws LaunchException {
        checkPortFree();
        try {
            Files.createDirectories(settings.data().resolve("log"));
            Files.createDirectories(settings.deploy());
        } catch (IOException e) {
            throw new LaunchException("cannot create " + e.getMessage() + " (check --data and --deploy)");
        }
        plan.systemProperties().forEach(System::setProperty);
        // Logback reads its configuration while the framework initialises: two cores, two jobs.
        CompletableFuture<Logger> logging = CompletableFuture.supplyAsync(this::startLogging);

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LaunchException("no OSGi framework on the class path (lib/ is incomplete)"));
        Map<String, Object> properties = new HashMap<>(plan.frameworkProperties());
        properties.put("felix.log.logger", new FelixLogger());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, String> config = (Map) properties; // Felix takes a logger object among the strings
        framework = factory.newFramework(config);
        CountDownLatch started = new CountDownLatch(1);
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            context.addFrameworkListener(e -> {
                if (e.getType() == FrameworkEvent.STARTED) {
                    started.countDown();
                }
            });
            for (PlannedBundle pb : plan.bundles()) {
                Bundle b;
                try {
                    // reference: leaves the jar in system/ instead of copying it into the cache.
                    b = context.installBundle("reference:" + pb.file().toUri());
                } catch (BundleException e) {
                    throw new LaunchException("cannot install " + pb.id() + " from " + pb.file() + ": "
                            + e.getMessage());
                }
                b.adapt(BundleStartLevel.class).setStartLevel(pb.startLevel());
                if (b.getHeaders("").get("Fragment-Host") == null) {
                    b.start(); // marks it to be started when the framework reaches its start level
                }
            }
            log = logging.join();
            installSignalHandlers();
            framework.start();
        } catch (BundleException e) {
            stopQuietly();
            throw new LaunchException("the framework did not start: " + e.getMessage());
        }

        try {
            if (!started.await(2 * HTTP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("The framework has not finished starting after {} s", 2 * HTTP_TIMEOUT_SECONDS);
            }
            URI endpoint = awaitHttp();
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            banner(endpoint, seconds);
            FrameworkEvent stopped = framework.waitForStop(0);
            if (stopped.getType() == FrameworkEvent.ERROR) {
                log.error("Atrium stopped with an error", stopped.getThrowable());
                return 1;
            }
            log.info("Atrium stopped.");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly();
            return 1;
        }
    }

    /**
     * Starts Logback with etc/logback.xml. Without that file Logback would log everything at
     * DEBUG to the console; INFO is the sensible floor.
     */
    private Logger startLogging() {
        Logger logger = LoggerFactory.getLogger(Launcher.class);
        if (!plan.systemProperties().containsKey("logback.configurationFile")
                && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.INFO);
            logger.warn("{} is missing; logging INFO and above to the console only",
                    settings.etc().resolve("logback.xml"));
        }
        return logger;
    }

    /** Fails fast, with advice, when something else holds the port; Jetty would only log it. */
    private void checkPortFree() throws LaunchException {
        if (settings.port() == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(settings.host().isEmpty() ? new InetSocketAddress(settings.port())
                    : new InetSocketAddress(settings.host(), settings.port()));
        } catch (IOException e) {
            throw new LaunchException("cannot listen on " + (settings.host().isEmpty() ? "port " : settings.host() + ":")
                    + settings.port() + " (" + e.getMessage() + "); choose another with --port");
        }
    }

    /** Waits until the HTTP whiteboard publishes its endpoint, and returns it (with the real port). */
    private URI awaitHttp() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HTTP_TIMEOUT_SECONDS);
        BundleContext context = framework.getBundleContext();
        while (System.nanoTime() < deadline && context != null) {
            try {
                ServiceReference<?>[] refs = context.getServiceReferences(HTTP_RUNTIME, null);
                if (refs != null) {
                    for (ServiceReference<?> ref : refs) {
                        URI uri = endpoint(ref.getProperty("osgi.http.endpoint"));
                        if (uri != null) {
                            return uri;
                        }
                    }
                }
            } catch (InvalidSyntaxException | IllegalStateException e) {
                return null;
            }
            Thread.sleep(20);
        }
        return null;
    }

    private URI endpoint(Object property) {
        Object first = property instanceof String[] a && a.length > 0 ? a[0]
                : property instanceof java.util.Collection<?> c && !c.isEmpty() ? c.iterator().next() : property;
        if (first == null) {
            return null;
        }
        try {
            URI uri = URI.create(first.toString());
            return uri.getPort() > 0 ? URI.create("http://" + settings.displayHost() + ":" + uri.getPort() + "/") : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void banner(URI endpoint, double seconds) {
        String url = endpoint == null ? "(HTTP did not start; see the log)" : endpoint.toString();
        StringBuilder b = new StringBuilder();
        b.append(String.format("Atrium %s started in %.1f s: %s%n", plan.frameworkProperties().get("atrium.version"),
                seconds, url));
        if (endpoint != null) {
            b.append("  health    ").append(endpoint.resolve("health")).append('\n');
        }
        b.append("  data      ").append(settings.data()).append('\n');
        b.append("  database  ").append(settings.db().url().isEmpty()
                ? "embedded H2 in " + settings.data().resolve("db") : settings.db().toString()).append('\n');
        b.append("  deploy    ").append(settings.deploy()).append("  (drop bundle jars and feature files here)\n");
        b.append("  etc       ").append(settings.etc()).append('\n');
        b.append("  log       ").append(settings.data().resolve("log").resolve("atrium.log")).append('\n');
        b.append("  features  ").append(String.join(", ", plan.features())).append('\n');
        b.append("Press Ctrl-C to stop.");
        log.info(b.toString());
    }

    /**
     * SIGTERM and SIGINT stop the framework and let {@link #run} return, so the process exits
     * with 0 after a clean stop. A shutdown hook covers the other ways a JVM ends.
     */
    private void installSignalHandlers() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stopAsync());
            } catch (IllegalArgumentException e) {
                // the signal is not available on this platform; the shutdown hook remains
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Framework f = framework;
            if (f != null && (f.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                stopQuietly();
            }
        }, "atrium-shutdown"));
    }

    private void stopAsync() {
        Thread stopper = new Thread(this::stopQuietly, "atrium-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    private void stopQuietly() {
        Framework f = framework;
        if (f == null) {
            return;
        }
        try {
            f.stop();
            f.waitForStop(STOP_TIMEOUT_MILLIS);
        } catch (BundleException | InterruptedException e) {
            // the process is ending either way
        }
    }
}
