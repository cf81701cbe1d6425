package io.atrium.ws.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.ws.api.Descriptor;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.MultipleStructure;
import io.atrium.ws.api.Presence;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.core.WsRuntime;

/**
 * The functions on offer: every {@link WsFunction} service, the one that wins each name, and
 * the ones refused with a reason. Changes come from the component's reference callbacks;
 * lookups read an immutable snapshot.
 */
final class FunctionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionRegistry.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)+");
    private static final long RETIRE_TIMEOUT_SECONDS = 30;

    /** A function service, with what the registry knows of it. */
    static final class Entry {
        final long serviceId;
        final int ranking;
        final String name;
        final WsFunction function;
        final FunctionSpec spec;
        final String bundle;
        final String bundleVersion;
        private int calls;
        private boolean retired;

        Entry(long serviceId, int ranking, String name, WsFunction function, FunctionSpec spec, String bundle,
                String bundleVersion) {
            this.serviceId = serviceId;
            this.ranking = ranking;
            this.name = name;
            this.function = function;
            this.spec = spec;
            this.bundle = bundle;
            this.bundleVersion = bundleVersion;
        }

        /** Starts a call; {@code false} when the function is being withdrawn. */
        synchronized boolean enter() {
            if (retired) {
                return false;
            }
            calls++;
            return true;
        }

        synchronized void exit() {
            calls--;
            if (calls == 0) {
                notifyAll();
            }
        }

        /** Takes no new calls and waits, within reason, for the running ones to finish. */
        synchronized void retire() {
            retired = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETIRE_TIMEOUT_SECONDS);
            while (calls > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("Function {} withdrawn with {} calls still running", name, calls);
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        WsRuntime.Function describe() {
            return new WsRuntime.Function(name, spec, bundle, bundleVersion, serviceId);
        }
    }

    private final Structures structures;
    /** Every service seen, accepted or not, by service id. */
    private final Map<Long, Entry> services = new HashMap<>();
    private final Map<Long, WsRuntime.Rejected> invalid = new HashMap<>();
    private volatile Map<String, Entry> active = Map.of();
    private volatile List<WsRuntime.Rejected> rejected = List.of();
    private final AtomicLong changes = new AtomicLong();

    FunctionRegistry(Structures structures) {
        this.structures = structures;
    }

    /** Adds a function service (or replaces it, when its properties changed). */
    void add(long serviceId, int ranking, Object nameProperty, WsFunction function, String bundle,
            String bundleVersion) {
        String name = nameProperty instanceof String s ? s : null;
        String problem = null;
        FunctionSpec spec = null;
        if (name == null) {
            problem = "the service has no " + io.atrium.ws.api.WsFunctionName.PROPERTY
                    + " property (annotate the component with @WsFunctionName)";
        } else if (!NAME.matcher(name).matches()) {
            problem = "'" + name + "' is not a function name: use lower-case letters, digits and underscores,"
                    + " component first, as in local_hello_greet";
        } else {
            try {
                spec = function.spec();
                problem = spec == null ? "spec() returned null" : checkDefaults("", spec.parameters());
            } catch (RuntimeException e) {
                problem = "spec() failed: " + e;
            }
        }
        List<Entry> retired;
        synchronized (this) {
            services.remove(serviceId);
            invalid.remove(serviceId);
            if (problem != null) {
                invalid.put(serviceId, new WsRuntime.Rejected(name, bundle, bundleVersion, serviceId, problem));
                LOG.warn("Function service {} of {} {} is not served: {}", serviceId, bundle, bundleVersion, problem);
            } else {
                services.put(serviceId, new Entry(serviceId, ranking, name, function, spec, bundle, bundleVersion));
            }
            retired = recompute();
        }
        retired.forEach(Entry::retire);
    }

    /** Removes a function service, letting its running calls finish. */
    void remove(long serviceId) {
        List<Entry> retired;
        synchronized (this) {
            services.remove(serviceId);
            invalid.remove(serviceId);
            retired = recompute();
        }
        retired.forEach(Entry::retire);
    }

    /** The function serving a name, or {@code null}. */
    Entry get(String name) {
        return active.get(name);
    }

    List<WsRuntime.Function> functions() {
        List<WsRuntime.Function> list = new ArrayList<>();
        for (Entry e : active.values()) {
            list.add(e.describe());
        }
        return list;
    }

    List<WsRuntime.Rejected> rejected() {
        return rejected;
    }

    long changeCount() {
        return changes.get();
    }

    /**
     * Picks the winner of each name (highest ranking, then lowest service id), records the
     * losers, and returns the entries that stopped serving.
     */
    private List<Entry> recompute() {
        Map<String, List<Entry>> byName = new TreeMap<>();
        for (Entry e : services.values()) {
            byName.computeIfAbsent(e.name, n -> new ArrayList<>()).add(e);
        }
        Map<String, Entry> next = new LinkedHashMap<>();
        List<WsRuntime.Rejected> refused = new ArrayList<>(invalid.values());
        for (Map.Entry<String, List<Entry>> n : byName.entrySet()) {
            List<Entry> candidates = n.getValue();
            candidates.sort(Comparator.comparingInt((Entry e) -> -e.ranking).thenComparingLong(e -> e.serviceId));
            Entry winner = candidates.get(0);
            next.put(n.getKey(), winner);
            for (Entry loser : candidates.subList(1, candidates.size())) {
                refused.add(new WsRuntime.Rejected(loser.name, loser.bundle, loser.bundleVersion, loser.serviceId,
                        "shadowed by service " + winner.serviceId + " of " + winner.bundle + " " + winner.bundleVersion
                                + (winner.ranking > loser.ranking ? ", which has a higher service.ranking"
                                        : ", which has the same service.ranking and was registered first")));
            }
        }
        refused.sort(Comparator.comparingLong(WsRuntime.Rejected::serviceId));
        List<Entry> stopped = new ArrayList<>();
        Map<String, Entry> previous = active;
        for (Entry old : previous.values()) {
            if (next.get(old.name) != old) {
                stopped.add(old);
                LOG.info("Function {} withdrawn ({} {})", old.name, old.bundle, old.bundleVersion);
            }
        }
        for (Entry e : next.values()) {
            if (previous.get(e.name) != e) {
                LOG.info("Function {} registered ({} {})", e.name, e.bundle, e.bundleVersion);
            }
        }
        active = Map.copyOf(next);
        rejected = List.copyOf(refused);
        changes.incrementAndGet();
        return stopped;
    }

    /** Checks that every default in the parameters validates, so that no call trips over one. */
    private String checkDefaults(String path, Descriptor d) {
        if (d instanceof SingleStructure s) {
            for (Map.Entry<String, Descriptor> e : s.keys().entrySet()) {
                String here = path.isEmpty() ? e.getKey() : path + " => " + e.getKey();
                Descriptor sub = e.getValue();
                if (sub.presence() == Presence.DEFAULT) {
                    try {
                        structures.validate(sub, sub.defaultValue());
                    } catch (WsException ex) {
                        return "the default of the parameter " + here + " is not valid: " + ex.debuginfo();
                    }
                }
                String problem = checkDefaults(here, sub);
                if (problem != null) {
                    return problem;
                }
            }
        } else if (d instanceof MultipleStructure m) {
            return checkDefaults(path, m.content());
        }
        return null;
    }
}
