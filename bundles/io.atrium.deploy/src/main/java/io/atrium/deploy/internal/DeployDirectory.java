package io.atrium.deploy.internal;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.deploy.DeploymentDTO;
import io.atrium.deploy.DeploymentRuntime;
import io.atrium.feature.Feature;
import io.atrium.feature.FeatureBundle;
import io.atrium.feature.FeatureException;
import io.atrium.feature.FeatureReader;

/**
 * The installer File Install hands {@code deploy/*.jar} and {@code deploy/*.json} to. It
 * ranks above File Install's own bundle handling so that every jar, including one that is
 * not a bundle at all, ends up here and its fate is recorded.
 * <p>
 * Jars are installed from their file and started; replaced, updated; deleted, uninstalled.
 * Features have their bundles resolved from the repositories ({@code system/} of the
 * distribution, then the local Maven repository), installed unless already present, given
 * their configurations and started in start order; deleted, the bundles only they brought
 * are removed. A failure leaves nothing half-installed and is kept with its reason.
 */
@Component(service = {ArtifactInstaller.class, DeploymentRuntime.class})
@ServiceRanking(1000)
public final class DeployDirectory implements ArtifactInstaller, DeploymentRuntime {

    /** Framework property: the deploy directory. */
    static final String PROP_DEPLOY = "atrium.deploy";
    /** Framework property: comma-separated repository roots (Maven layout) for features. */
    static final String PROP_REPOSITORIES = "atrium.repositories";
    /** Framework property: the distribution's home directory. */
    static final String PROP_HOME = "atrium.home";
    /** Framework property: comma-separated names of the features the server was launched with. */
    static final String PROP_FEATURES = "atrium.features";
    /** Framework property: the directory holding the launch features' files. */
    static final String PROP_FEATURES_DIR = "atrium.features.dir";

    private static final Logger LOG = LoggerFactory.getLogger(DeployDirectory.class);
    private static final String BOOT_OWNER = "boot:";
    private static final String DEPLOY_OWNER = "deploy:";

    private final Path directory;
    private final List<Path> repositories;
    private final Set<String> launchFeatures;
    private final Function<String, String> properties;
    private final Bundles bundles;
    private final FeatureConfigurations configurations;
    private final StateFile stateFile;
    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "atrium-deploy-reconcile");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public DeployDirectory(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        String dir = context.getProperty(PROP_DEPLOY);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("The framework property " + PROP_DEPLOY + " (the deploy directory) is not set");
        }
        this.directory = Path.of(dir).toAbsolutePath().normalize();
        this.repositories = repositories(context);
        this.launchFeatures = new LinkedHashSet<>(split(context.getProperty(PROP_FEATURES)));
        this.properties = context::getProperty;
        this.bundles = new Bundles(context);
        this.configurations = new FeatureConfigurations(configAdmin);
        File data = context.getDataFile("deployments.json");
        this.stateFile = new StateFile(data == null ? null : data.toPath());
        for (Deployment d : stateFile.load()) {
            deployments.put(d.name, d);
        }
        applyLaunchConfigurations(context.getProperty(PROP_FEATURES_DIR));
        configurations.removeStale(this::ownerExists);
        LOG.info("Watching {} for bundles (*.jar) and features (*.json); feature bundles come from {}", directory,
                repositories);
        reconciler.scheduleWithFixedDelay(this::removeVanished, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        reconciler.shutdownNow();
        stateFile.save(deployments.values());
    }

    /**
     * Undeploys what was deployed from a file that is gone. File Install reports a deletion only
     * for files it has seen in its current life: a file deleted while this component restarted
     * (or while File Install re-registered its installers) would otherwise stay deployed.
     */
    private void removeVanished() {
        try {
            for (String name : List.copyOf(deployments.keySet())) {
                if (!Files.exists(directory.resolve(name))) {
                    LOG.info("{} is no longer in {}: undeploying it", name, directory);
                    uninstall(directory.resolve(name).toFile());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Checking the deploy directory for removed files failed", e);
        }
    }

    @Override
    public boolean canHandle(File artifact) {
        Path file = artifact.toPath().toAbsolutePath().normalize();
        String name = file.getFileName().toString();
        return directory.equals(file.getParent()) && !name.startsWith(".")
                && (name.endsWith(".jar") || name.endsWith(".json"));
    }

    @Override
    public void install(File artifact) {
        deploy(artifact.getName());
    }

    @Override
    public void update(File artifact) {
        deploy(artifact.getName());
    }

    @Override
    public void uninstall(File artifact) {
        String name = artifact.getName();
        synchronized (lock) {
            Deployment d = deployments.remove(name);
            if (d != null) {
                release(d, Set.of(), List.of());
                retryFailed();
            } else {
                // Deployed before this component's time and its state lost: the location tells.
                Bundle b = bundles.atLocation(directory.resolve(name).toUri().toString());
                if (b != null) {
                    bundles.uninstall(b);
                    bundles.refresh(List.of(b));
                }
            }
            stateFile.save(deployments.values());
        }
        LOG.info("Undeployed {}", name);
    }

    @Override
    public DeploymentDTO[] getDeployments() {
        return deployments.values().stream().sorted(Comparator.comparing(d -> d.name)).map(this::toDTO)
                .toArray(DeploymentDTO[]::new);
    }

    private void deploy(String name) {
        Path file = directory.resolve(name);
        Deployment d;
        boolean update;
        synchronized (lock) {
            Deployment previous = deployments.get(name);
            update = previous != null;
            d = name.endsWith(".json") ? deployFeature(name, file, previous) : deployJar(name, file, previous);
            deployments.put(name, d);
            retryFailed();
            stateFile.save(deployments.values());
        }
        DeploymentDTO dto = toDTO(d);
        if (dto.reason == null) {
            LOG.info("{} {}", update ? "Updated" : "Deployed", describe(d));
        } else {
            LOG.warn("{} could not be {}: {}", name, update ? "updated" : "deployed", dto.reason);
        }
    }

    private Deployment deployJar(String name, Path file, Deployment previous) {
        Deployment d = new Deployment(name, DeploymentDTO.KIND_BUNDLE);
        Bundle existing = previous == null ? bundles.atLocation(file.toUri().toString())
                : firstLive(previous.ownedBundleIds);
        try {
            Jar.read(file);
            Bundle bundle;
            if (existing != null) {
                bundles.update(existing, file);
                bundles.refresh(List.of(existing));
                bundle = existing;
            } else {
                bundle = bundles.install(file.toUri().toString(), file);
            }
            d.bundleIds = List.of(bundle.getBundleId());
            d.ownedBundleIds = d.bundleIds;
            deployments.put(name, d); // known before it starts, so that nothing it starts looks like the platform's
            d.startFailure(bundle.getBundleId(), bundles.start(bundle));
        } catch (DeployException e) {
            fail(d, e.getMessage(), existing == null || previous == null ? null : previous);
        }
        return d;
    }

    private Deployment deployFeature(String name, Path file, Deployment previous) {
        Deployment d = new Deployment(name, DeploymentDTO.KIND_FEATURE);
        List<Bundle> installedNow = new ArrayList<>();
        try {
            Feature feature;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                feature = FeatureReader.read(in, name, properties);
            } catch (FeatureException e) {
                throw new DeployException(e.getMessage());
            } catch (IOException e) {
                throw new DeployException("cannot be read: " + e.getMessage());
            }
            d.featureId = feature.id().toString();

            // Find every artifact before touching the framework: all or nothing.
            List<Path> jars = new ArrayList<>();
            for (FeatureBundle fb : feature.bundles()) {
                jars.add(resolve(fb));
            }
            List<Long> all = new ArrayList<>();
            List<Long> owned = new ArrayList<>();
            List<Bundle> order = new ArrayList<>();
            for (int i = 0; i < jars.size(); i++) {
                Jar jar;
                try {
                    jar = Jar.read(jars.get(i));
                } catch (DeployException e) {
                    throw new DeployException(feature.bundles().get(i).id() + ": " + e.getMessage());
                }
                Bundle b = bundles.find(jar);
                if (b == null) {
                    b = bundles.install(jars.get(i).toUri().toString(), jars.get(i));
                    installedNow.add(b);
                    owned.add(b.getBundleId());
                } else if (ownedByFeature(b.getBundleId(), name)
                        || (previous != null && previous.ownedBundleIds.contains(b.getBundleId()))) {
                    owned.add(b.getBundleId()); // shared with another deployed feature: the last one removes it
                }
                if (!all.contains(b.getBundleId())) {
                    all.add(b.getBundleId());
                    order.add(b);
                }
            }
            d.configurationPids = configurations.apply(feature.configurations(), DEPLOY_OWNER + name);
            d.bundleIds = List.copyOf(all);
            d.ownedBundleIds = List.copyOf(owned);
            deployments.put(name, d); // known before its bundles start (see deployJar)
            startInOrder(d, feature.bundles(), order);
        } catch (DeployException e) {
            for (Bundle b : installedNow) {
                bundles.uninstall(b);
            }
            bundles.refresh(installedNow);
            fail(d, e.getMessage(), previous == null || previous.bundleIds.isEmpty() ? null : previous);
            return d;
        }
        if (previous != null) {
            Set<Long> keep = new HashSet<>(d.bundleIds);
            release(previous, keep, d.configurationPids);
        }
        return d;
    }

    /** Starts a feature's bundles, lowest start order first; bundles without one last, in file order. */
    private void startInOrder(Deployment d, List<FeatureBundle> declared, List<Bundle> installed) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < installed.size(); i++) {
            indexes.add(i);
        }
        indexes.sort(Comparator.comparingInt(i -> {
            int order = declared.get(i).startOrder();
            return order == 0 ? Integer.MAX_VALUE : order;
        }));
        for (int i : indexes) {
            Bundle b = installed.get(i);
            d.startFailure(b.getBundleId(), bundles.start(b));
        }
    }

    /** Records a failure; when a previous version is still deployed, it stays and the reason says so. */
    private static void fail(Deployment d, String reason, Deployment previous) {
        if (previous == null) {
            d.failure = reason;
            return;
        }
        d.featureId = previous.featureId;
        d.bundleIds = previous.bundleIds;
        d.ownedBundleIds = previous.ownedBundleIds;
        d.configurationPids = previous.configurationPids;
        d.startFailures = previous.startFailures;
        d.failure = reason + " (the previously deployed version stays in place)";
    }

    /** Removes what a deployment brought, except what is kept or still owned by another feature. */
    private void release(Deployment d, Set<Long> keep, List<String> keepPids) {
        List<Bundle> removed = new ArrayList<>();
        for (long id : d.ownedBundleIds) {
            if (keep.contains(id) || ownedByFeature(id, d.name)) {
                continue;
            }
            Bundle b = bundles.get(id);
            if (b != null) {
                bundles.uninstall(b);
                removed.add(b);
            }
        }
        bundles.refresh(removed);
        List<String> pids = new ArrayList<>(d.configurationPids);
        pids.removeAll(keepPids);
        configurations.remove(pids, DEPLOY_OWNER + d.name);
    }

    /** Whether another deployed feature owns the bundle. */
    private boolean ownedByFeature(long bundleId, String except) {
        for (Deployment other : deployments.values()) {
            if (!other.name.equals(except) && DeploymentDTO.KIND_FEATURE.equals(other.kind)
                    && other.ownedBundleIds.contains(bundleId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tries again to start the bundles that did not start: what one of them was missing may
     * have arrived with another deployment. Repeats while that makes progress.
     */
    private void retryFailed() {
        boolean progress = true;
        for (int pass = 0; progress && pass < 10; pass++) {
            progress = false;
            for (Deployment d : deployments.values()) {
                for (Long id : Set.copyOf(d.startFailures.keySet())) {
                    Bundle b = bundles.get(id);
                    if (b == null) {
                        continue;
                    }
                    String failure = bundles.start(b);
                    d.startFailure(id, failure);
                    progress |= failure == null;
                }
            }
        }
    }

    private Path resolve(FeatureBundle fb) throws DeployException {
        String relative = fb.id().repositoryPath();
        for (Path root : repositories) {
            Path candidate = root.resolve(relative).normalize();
            if (candidate.startsWith(root) && Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new DeployException("bundle " + fb.id() + " not found in " + repositories);
    }

    private Bundle firstLive(List<Long> ids) {
        for (long id : ids) {
            Bundle b = bundles.get(id);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private DeploymentDTO toDTO(Deployment d) {
        DeploymentDTO dto = new DeploymentDTO();
        dto.name = d.name;
        dto.kind = d.kind;
        dto.featureId = d.featureId;
        dto.bundleIds = d.bundleIds.stream().mapToLong(Long::longValue).toArray();
        dto.ownedBundleIds = d.ownedBundleIds.stream().mapToLong(Long::longValue).toArray();
        List<String> problems = new ArrayList<>();
        if (d.failure != null) {
            problems.add(d.failure);
        }
        for (long id : d.bundleIds) {
            Bundle b = bundles.get(id);
            if (b == null) {
                problems.add("bundle " + id + " was uninstalled");
            } else if (!Bundles.isUp(b)) {
                String why = d.startFailures.get(id);
                String problem = why != null ? why : "the bundle is " + Bundles.state(b);
                problems.add(DeploymentDTO.KIND_FEATURE.equals(d.kind)
                        ? b.getSymbolicName() + " " + b.getVersion() + ": " + problem : problem);
            }
        }
        dto.state = problems.isEmpty() ? DeploymentDTO.STATE_ACTIVE : DeploymentDTO.STATE_FAILED;
        dto.reason = problems.isEmpty() ? null : String.join("; ", problems);
        return dto;
    }

    private String describe(Deployment d) {
        if (DeploymentDTO.KIND_FEATURE.equals(d.kind)) {
            return d.name + " (feature " + d.featureId + ", " + d.bundleIds.size() + " bundles)";
        }
        Bundle b = firstLive(d.bundleIds);
        return b == null ? d.name : d.name + " (" + b.getSymbolicName() + " " + b.getVersion() + ")";
    }

    private void applyLaunchConfigurations(String featuresDir) {
        if (featuresDir == null) {
            return;
        }
        for (String name : launchFeatures) {
            Path file = Path.of(featuresDir, name + ".json");
            try {
                Feature feature = FeatureReader.read(file, properties);
                configurations.apply(feature.configurations(), BOOT_OWNER + name);
            } catch (IOException | FeatureException | DeployException e) {
                LOG.error("Configurations of the feature {} not applied: {}", name, e.getMessage());
            }
        }
    }

    private boolean ownerExists(String owner) {
        if (owner.startsWith(BOOT_OWNER)) {
            return launchFeatures.contains(owner.substring(BOOT_OWNER.length()));
        }
        if (owner.startsWith(DEPLOY_OWNER)) {
            return Files.exists(directory.resolve(owner.substring(DEPLOY_OWNER.length())));
        }
        return true;
    }

    private static List<Path> repositories(BundleContext context) {
        List<String> roots = split(context.getProperty(PROP_REPOSITORIES));
        if (roots.isEmpty()) {
            String home = context.getProperty(PROP_HOME);
            if (home != null) {
                roots.add(Path.of(home, "system").toString());
            }
            roots.add(Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        }
        List<Path> paths = new ArrayList<>();
        for (String root : roots) {
            paths.add(Path.of(root).toAbsolutePath().normalize());
        }
        return List.copyOf(paths);
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    parts.add(part.trim());
                }
            }
        }
        return parts;
    }
}
