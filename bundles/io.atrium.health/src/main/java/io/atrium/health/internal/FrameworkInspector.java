package io.atrium.health.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogReaderService;

import io.atrium.deploy.DeploymentDTO;
import io.atrium.deploy.DeploymentRuntime;
import io.atrium.health.api.HealthContributor;
import io.atrium.health.internal.HealthReport.BundleFact;
import io.atrium.health.internal.HealthReport.ComponentFact;
import io.atrium.health.internal.HealthReport.DeploymentFact;
import io.atrium.health.internal.HealthReport.MissingReference;

/**
 * Reads the facts of a {@link HealthReport} off the running framework. Nothing here changes
 * the framework: an unresolved bundle is diagnosed by asking the framework which capabilities
 * would satisfy each of its requirements, not by trying to start it.
 */
final class FrameworkInspector {

    private final BundleContext context;
    private final FrameworkWiring wiring;
    private final FrameworkStartLevel startLevel;

    FrameworkInspector(BundleContext context) {
        this.context = context;
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        this.wiring = system.adapt(FrameworkWiring.class);
        this.startLevel = system.adapt(FrameworkStartLevel.class);
    }

    HealthReport inspect(ServiceComponentRuntime scr, DeploymentRuntime deploymentRuntime, LogReaderService log,
            List<HealthContributor> contributors) {
        DeploymentDTO[] deployments = deploymentRuntime == null ? new DeploymentDTO[0]
                : deploymentRuntime.getDeployments();
        Map<Long, String> owner = new HashMap<>();
        List<DeploymentFact> deploymentFacts = new ArrayList<>();
        for (DeploymentDTO d : deployments) {
            for (long id : d.ownedBundleIds) {
                owner.put(id, d.name);
            }
            deploymentFacts.add(new DeploymentFact(d.name, d.kind, d.state, d.reason, d.featureId, d.bundleIds));
        }
        Map<Long, String> lastErrors = lastErrors(log);

        List<BundleFact> bundles = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            bundles.add(new BundleFact(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), state(b),
                    reason(b, lastErrors.get(b.getBundleId())), owner(owner, b)));
        }
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        HealthReport.Framework framework = new HealthReport.Framework(system.getSymbolicName(),
                system.getVersion().toString(), startLevel.getStartLevel(), targetStartLevel());
        List<HealthContributor.Problem> reported = new ArrayList<>();
        for (HealthContributor c : contributors) {
            try {
                reported.addAll(c.problems());
            } catch (RuntimeException e) {
                reported.add(new HealthContributor.Problem(-1, "a health contributor failed: " + e));
            }
        }
        return HealthReport.of(framework, features(), bundles, components(scr), deploymentFacts, reported);
    }

    private String reason(Bundle b, String lastError) {
        int state = b.getState();
        if (state == Bundle.ACTIVE) {
            return null;
        }
        BundleRevision revision = b.adapt(BundleRevision.class);
        boolean fragment = revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        if (fragment) {
            return state == Bundle.RESOLVED ? null : "fragment not attached: " + unresolved(revision);
        }
        switch (state) {
        case Bundle.INSTALLED:
            return unresolved(revision);
        case Bundle.RESOLVED:
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            if (!level.isPersistentlyStarted()) {
                return "stopped";
            }
            if (level.getStartLevel() > startLevel.getStartLevel()) {
                return "waits for start level " + level.getStartLevel() + " (the framework is at "
                        + startLevel.getStartLevel() + ")";
            }
            return lastError != null ? "did not start: " + lastError : "did not start (see the log)";
        case Bundle.STARTING:
            return Constants.ACTIVATION_LAZY.equals(b.getHeaders("").get(Constants.BUNDLE_ACTIVATIONPOLICY))
                    ? "waits for its first use (lazy activation)" : "starting";
        case Bundle.STOPPING:
            return "stopping";
        default:
            return "uninstalled";
        }
    }

    /** Why a revision does not resolve: its mandatory requirements that nothing can satisfy. */
    private String unresolved(BundleRevision revision) {
        if (revision == null) {
            return "not resolved";
        }
        List<String> missing = new ArrayList<>();
        Set<String> waitingFor = new LinkedHashSet<>();
        for (BundleRequirement req : revision.getDeclaredRequirements(null)) {
            Map<String, String> directives = req.getDirectives();
            String resolution = directives.get(Constants.RESOLUTION_DIRECTIVE);
            String effective = directives.get(Constants.EFFECTIVE_DIRECTIVE);
            if (Constants.RESOLUTION_OPTIONAL.equals(resolution) || "dynamic".equals(resolution)
                    || (effective != null && !Constants.EFFECTIVE_RESOLVE.equals(effective))) {
                continue;
            }
            Collection<BundleCapability> providers = wiring.findProviders(req);
            if (providers.isEmpty()) {
                missing.add(req.getNamespace() + "; " + directives.get(Constants.FILTER_DIRECTIVE));
                continue;
            }
            List<String> unresolvedProviders = new ArrayList<>();
            for (BundleCapability c : providers) {
                Bundle provider = c.getRevision().getBundle();
                if (provider.getState() == Bundle.INSTALLED && !provider.equals(revision.getBundle())) {
                    unresolvedProviders.add(provider.getSymbolicName() + " [" + provider.getBundleId() + "]");
                } else {
                    unresolvedProviders.clear();
                    break;
                }
            }
            waitingFor.addAll(unresolvedProviders);
        }
        if (!missing.isEmpty()) {
            return "missing requirement " + String.join(", ", missing);
        }
        if (!waitingFor.isEmpty()) {
            return "depends on " + String.join(", ", waitingFor) + ", which is not resolved either";
        }
        return "not resolved: every requirement has a provider, so a uses constraint conflicts (see the log)";
    }

    private List<ComponentFact> components(ServiceComponentRuntime scr) {
        List<ComponentFact> facts = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(d);
            if (configurations.isEmpty() && "require".equals(d.configurationPolicy)) {
                facts.add(new ComponentFact(d.name, d.bundle.id, d.bundle.symbolicName, "UNSATISFIED_CONFIGURATION",
                        null, List.of()));
            }
            for (ComponentConfigurationDTO c : configurations) {
                String state = componentState(c.state);
                if (state == null) {
                    continue;
                }
                List<MissingReference> missing = new ArrayList<>();
                for (UnsatisfiedReferenceDTO u : c.unsatisfiedReferences) {
                    missing.add(new MissingReference(u.name, interfaceOf(d, u.name), u.target));
                }
                facts.add(new ComponentFact(d.name, d.bundle.id, d.bundle.symbolicName, state, condense(c.failure),
                        List.copyOf(missing)));
            }
        }
        return facts;
    }

    /** The DS state name of a component that is not doing its job; {@code null} for active or satisfied ones. */
    private static String componentState(int state) {
        return switch (state) {
        case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
        case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
        default -> null;
        };
    }

    private static String interfaceOf(ComponentDescriptionDTO d, String reference) {
        for (ReferenceDTO r : d.references) {
            if (r.name.equals(reference)) {
                return r.interfaceName;
            }
        }
        return null;
    }

    /** The latest error logged for each bundle (the log keeps a bounded history). */
    private static Map<Long, String> lastErrors(LogReaderService log) {
        Map<Long, String> errors = new HashMap<>();
        if (log == null) {
            return errors;
        }
        Enumeration<LogEntry> entries = log.getLog(); // most recent first
        while (entries.hasMoreElements()) {
            LogEntry e = entries.nextElement();
            if (e.getLogLevel() == LogLevel.ERROR && e.getBundle() != null) {
                String message = e.getMessage();
                if (e.getException() != null) {
                    message = message + " " + e.getException();
                }
                errors.putIfAbsent(e.getBundle().getBundleId(), message);
            }
        }
        return errors;
    }

    private int targetStartLevel() {
        String beginning = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        try {
            return beginning == null ? 1 : Integer.parseInt(beginning.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private List<String> features() {
        List<String> features = new ArrayList<>();
        String value = context.getProperty("atrium.features");
        if (value != null) {
            for (String f : value.split(",")) {
                if (!f.isBlank()) {
                    features.add(f.trim());
                }
            }
        }
        return features;
    }

    private static String state(Bundle b) {
        return switch (b.getState()) {
        case Bundle.INSTALLED -> "INSTALLED";
        case Bundle.RESOLVED -> "RESOLVED";
        case Bundle.STARTING -> "STARTING";
        case Bundle.STOPPING -> "STOPPING";
        case Bundle.ACTIVE -> "ACTIVE";
        default -> "UNINSTALLED";
        };
    }

    /**
     * The deploy/ file a bundle came from. A jar being installed from deploy/ is a deployment's
     * before the installer has recorded it, so that it never looks like a broken platform bundle.
     */
    private String owner(Map<Long, String> recorded, Bundle b) {
        String name = recorded.get(b.getBundleId());
        if (name != null) {
            return name;
        }
        String deploy = context.getProperty("atrium.deploy");
        if (deploy != null) {
            String dir = java.nio.file.Path.of(deploy).toUri().toString();
            String location = b.getLocation();
            if (location.startsWith(dir)) {
                return location.substring(dir.length());
            }
        }
        return null;
    }

    /**
     * An activation failure as SCR reports it is a whole stack trace of a reflective call; what
     * helps is the exception the component threw, its first cause ("cannot open the database
     * ...: Connection refused"). Never a stack trace.
     */
    static String condense(String failure) {
        if (failure == null) {
            return null;
        }
        String best = failure.strip().lines().findFirst().orElse("");
        for (String line : failure.lines().toList()) {
            String l = line.strip();
            if (l.startsWith("Caused by: ")) {
                return l.substring("Caused by: ".length());
            }
        }
        return best;
    }
}
