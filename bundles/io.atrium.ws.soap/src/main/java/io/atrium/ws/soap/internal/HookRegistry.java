package io.atrium.ws.soap.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.health.api.HealthContributor;
import io.atrium.soap.hook.api.SoapHookPlugin;
import io.atrium.soap.hook.api.SoapMethod;
import io.atrium.soap.hook.api.WsdlType;

/**
 * The whiteboard of {@link SoapHookPlugin} services. Unlike ILIAS, where the last plugin with
 * a method name silently wins, the first plugin registered keeps a name and a later one's
 * method or type of that name is refused, with the reason, on {@code /health}; when the first
 * goes, the next takes over. Every change publishes a new immutable snapshot, so a call sees
 * one consistent set of methods and types.
 */
@Component(service = { HookRegistry.class, HealthContributor.class })
public final class HookRegistry implements HealthContributor {

    private static final Logger LOG = LoggerFactory.getLogger(HookRegistry.class);

    /** Methods the endpoint itself serves. */
    static final List<String> RESERVED = List.of("login", "logout");

    /** A served method and the bundle it came from. */
    record Served(SoapMethod method, String bundle) {
    }

    /** What is served: methods and types by name, and what was refused. */
    record Snapshot(Map<String, Served> methods, Map<String, WsdlType> types, List<Problem> rejected) {
    }

    private record Plugin(long serviceId, long bundleId, String bundle, List<SoapMethod> methods, List<WsdlType> types) {
    }

    private final Map<Long, Plugin> plugins = new TreeMap<>();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), List.of());

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPlugin(SoapHookPlugin plugin, ServiceReference<SoapHookPlugin> ref) {
        Bundle b = ref.getBundle();
        long id = (Long) ref.getProperty(Constants.SERVICE_ID);
        String name = b == null ? "?" : b.getSymbolicName() + " " + b.getVersion();
        List<SoapMethod> methods;
        List<WsdlType> types;
        try {
            methods = List.copyOf(plugin.soapMethods());
            types = List.copyOf(plugin.wsdlTypes());
        } catch (RuntimeException e) {
            LOG.error("SOAP hook plugin {} failed to list its methods and types; it is not served", name, e);
            methods = List.of();
            types = List.of();
        }
        synchronized (plugins) {
            plugins.put(id, new Plugin(id, b == null ? 0 : b.getBundleId(), name, methods, types));
            rebuild();
        }
    }

    void unbindPlugin(ServiceReference<SoapHookPlugin> ref) {
        synchronized (plugins) {
            plugins.remove((Long) ref.getProperty(Constants.SERVICE_ID));
            rebuild();
        }
    }

    Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public List<Problem> problems() {
        return snapshot.rejected();
    }

    private void rebuild() {
        Map<String, Served> methods = new TreeMap<>();
        Map<String, WsdlType> types = new LinkedHashMap<>();
        Map<String, String> typeOwners = new LinkedHashMap<>();
        List<Problem> rejected = new ArrayList<>();
        for (Plugin p : plugins.values()) {
            for (WsdlType t : p.types()) {
                String owner = typeOwners.get(t.name());
                if (owner != null) {
                    rejected.add(new Problem(p.bundleId(), "SOAP type " + t.name() + " of " + p.bundle()
                            + " is not served: " + owner + " already defines a type of that name"));
                } else {
                    typeOwners.put(t.name(), p.bundle());
                    types.put(t.name(), t);
                }
            }
            for (SoapMethod m : p.methods()) {
                String problem = check(m);
                Served taken = methods.get(m.name());
                if (problem == null && RESERVED.contains(m.name())) {
                    problem = "the SOAP endpoint serves " + m.name() + " itself";
                } else if (problem == null && taken != null) {
                    problem = taken.bundle() + " already serves a method of that name";
                }
                if (problem != null) {
                    rejected.add(new Problem(p.bundleId(),
                            "SOAP method " + m.name() + " of " + p.bundle() + " is not served: " + problem));
                } else {
                    methods.put(m.name(), new Served(m, p.bundle()));
                }
            }
        }
        for (Problem r : rejected) {
            LOG.warn(r.message());
        }
        snapshot = new Snapshot(Collections.unmodifiableMap(methods), Collections.unmodifiableMap(types),
                List.copyOf(rejected));
    }

    /** Why a method cannot be served, or {@code null}. */
    private static String check(SoapMethod m) {
        try {
            if (m.name() == null || !m.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return "its name is not an XML name";
            }
            if (!"rpc".equals(m.serviceStyle()) || !"encoded".equals(m.serviceUse())) {
                return "only rpc/encoded methods are served, not " + m.serviceStyle() + "/" + m.serviceUse();
            }
            if (m.serviceNamespace() == null || m.serviceNamespace().isBlank()) {
                return "it has no service namespace";
            }
            for (Map<String, String> params : List.of(m.inputParams(), m.outputParams())) {
                for (Map.Entry<String, String> e : params.entrySet()) {
                    if (e.getKey() == null || !e.getKey().matches("[A-Za-z_][A-Za-z0-9_.-]*") || e.getValue() == null) {
                        return "its parameter " + e.getKey() + " needs an XML name and a type";
                    }
                }
            }
            return null;
        } catch (RuntimeException e) {
            return "describing it failed: " + e;
        }
    }
}
