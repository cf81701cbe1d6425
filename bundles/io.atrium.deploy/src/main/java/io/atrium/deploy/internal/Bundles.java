package io.atrium.deploy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The framework operations deployment needs, with failures turned into readable reasons. */
final class Bundles {

    private static final Logger LOG = LoggerFactory.getLogger(Bundles.class);
    private static final long REFRESH_TIMEOUT_SECONDS = 60;

    private final BundleContext context;
    private final FrameworkWiring wiring;

    Bundles(BundleContext context) {
        this.context = context;
        this.wiring = context.getBundle(0).adapt(FrameworkWiring.class);
    }

    Bundle install(String location, Path file) throws DeployException {
        try (InputStream in = Files.newInputStream(file)) {
            return context.installBundle(location, in);
        } catch (BundleException e) {
            throw new DeployException(describe(e));
        } catch (IOException e) {
            throw new DeployException("cannot be read: " + e.getMessage());
        }
    }

    void update(Bundle bundle, Path file) throws DeployException {
        try (InputStream in = Files.newInputStream(file)) {
            bundle.update(in);
        } catch (BundleException e) {
            throw new DeployException(describe(e));
        } catch (IOException e) {
            throw new DeployException("cannot be read: " + e.getMessage());
        }
    }

    /** A bundle by id, or {@code null} when it is gone. */
    Bundle get(long id) {
        return context.getBundle(id);
    }

    /** The bundle installed from a location, or {@code null}. */
    Bundle atLocation(String location) {
        return context.getBundle(location);
    }

    /** An installed bundle with this symbolic name and version, or {@code null}. */
    Bundle find(Jar jar) {
        for (Bundle b : context.getBundles()) {
            if (jar.symbolicName().equals(b.getSymbolicName()) && jar.version().equals(b.getVersion())) {
                return b;
            }
        }
        return null;
    }

    /**
     * Starts a bundle (attaches a fragment).
     *
     * @return {@code null} when the bundle is active (a fragment: resolved), else the reason
     */
    String start(Bundle bundle) {
        if (bundle.getState() == Bundle.UNINSTALLED) {
            return "the bundle was uninstalled";
        }
        if (isFragment(bundle)) {
            if (bundle.getState() != Bundle.RESOLVED) {
                // A fragment attaches when its host resolves; a resolved host must be refreshed.
                List<Bundle> hosts = hosts(bundle);
                refresh(hosts);
                wiring.resolveBundles(List.of(bundle));
            }
            return bundle.getState() == Bundle.RESOLVED ? null
                    : "fragment not attached: no resolvable host " + bundle.getHeaders().get("Fragment-Host");
        }
        try {
            bundle.start();
            return null;
        } catch (BundleException e) {
            return describe(e);
        } catch (IllegalStateException e) {
            return "the bundle was uninstalled";
        }
    }

    void uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            LOG.warn("Could not uninstall {}: {}", bundle, e.getMessage());
        }
    }

    /** Refreshes the bundles and their dependents, and waits until the framework is done. */
    void refresh(Collection<Bundle> bundles) {
        if (bundles.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(new ArrayList<>(bundles), (FrameworkEvent e) -> done.countDown());
        try {
            if (!done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Refreshing {} did not finish within {} s", bundles, REFRESH_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the bundle is where deployment wants it: active, or a resolved fragment. */
    static boolean isUp(Bundle bundle) {
        return bundle.getState() == Bundle.ACTIVE || (isFragment(bundle) && bundle.getState() == Bundle.RESOLVED);
    }

    static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    static String state(Bundle bundle) {
        return switch (bundle.getState()) {
        case Bundle.INSTALLED -> "INSTALLED";
        case Bundle.RESOLVED -> "RESOLVED";
        case Bundle.STARTING -> "STARTING";
        case Bundle.STOPPING -> "STOPPING";
        case Bundle.ACTIVE -> "ACTIVE";
        default -> "UNINSTALLED";
        };
    }

    /**
     * The reason in a framework exception, without the repetition Felix appends (it lists the
     * unresolved requirements twice), and with the cause of an activator failure.
     */
    static String describe(BundleException e) {
        String message = String.valueOf(e.getMessage());
        int repeat = message.indexOf(" Unresolved requirements:");
        if (repeat > 0) {
            message = message.substring(0, repeat);
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            message = message + " " + cause;
        }
        return message;
    }

    private List<Bundle> hosts(Bundle fragment) {
        String host = fragment.getHeaders().get("Fragment-Host");
        List<Bundle> hosts = new ArrayList<>();
        if (host == null) {
            return hosts;
        }
        String name = host.split(";", 2)[0].trim();
        for (Bundle b : context.getBundles()) {
            if (name.equals(b.getSymbolicName()) && b.getState() != Bundle.INSTALLED) {
                hosts.add(b);
            }
        }
        return hosts;
    }
}
