package io.atrium.deploy.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Predicate;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.feature.FeatureConfiguration;

/**
 * Applies the configurations features bring. A feature's configuration is a default: it is
 * written only where no one else configured the PID (an {@code etc/*.cfg} file, an
 * administrator), and removed with the feature only if it is still the feature's own. Each
 * configuration written here carries {@value #MARKER} naming its feature, which is how
 * "still its own" is told.
 */
final class FeatureConfigurations {

    /** The property that marks a configuration as written for a feature. */
    static final String MARKER = "atrium.feature";

    private static final Logger LOG = LoggerFactory.getLogger(FeatureConfigurations.class);

    private final ConfigurationAdmin configAdmin;

    FeatureConfigurations(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /**
     * Writes the configurations for a feature.
     *
     * @return the PIDs written (or already written) for this feature
     */
    List<String> apply(List<FeatureConfiguration> configurations, String owner) throws DeployException {
        List<String> applied = new ArrayList<>();
        for (FeatureConfiguration c : configurations) {
            try {
                Configuration cfg = get(c);
                Dictionary<String, Object> existing = cfg.getProperties();
                if (existing != null && !owner.equals(existing.get(MARKER))) {
                    LOG.info("Configuration {} of {} left as it is: it is configured elsewhere", c.pid(), owner);
                    continue;
                }
                Hashtable<String, Object> props = new Hashtable<>(c.properties());
                props.put(MARKER, owner);
                cfg.updateIfDifferent(props);
                applied.add(c.pid());
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                throw new DeployException("configuration " + c.pid() + " cannot be applied: " + e.getMessage());
            }
        }
        return applied;
    }

    /** Deletes the given configurations of a feature that still belong to it. */
    void remove(List<String> pids, String owner) {
        for (String pid : pids) {
            try {
                for (Configuration cfg : list("(" + MARKER + "=" + escape(owner) + ")")) {
                    // A named factory configuration's PID is factoryPid~name, as the feature writes it.
                    if (pid.equals(cfg.getPid())) {
                        cfg.delete();
                    }
                }
            } catch (IOException | IllegalStateException e) {
                LOG.warn("Configuration {} of {} could not be deleted: {}", pid, owner, e.getMessage());
            }
        }
    }

    /** Deletes every feature configuration whose owner no longer exists. */
    void removeStale(Predicate<String> ownerExists) {
        try {
            for (Configuration cfg : list("(" + MARKER + "=*)")) {
                Object owner = cfg.getProperties() == null ? null : cfg.getProperties().get(MARKER);
                if (owner instanceof String o && !ownerExists.test(o)) {
                    LOG.info("Deleting configuration {}: its feature {} is gone", cfg.getPid(), o);
                    cfg.delete();
                }
            }
        } catch (IOException | IllegalStateException e) {
            LOG.warn("Stale feature configurations could not be removed: {}", e.getMessage());
        }
    }

    private Configuration get(FeatureConfiguration c) throws IOException {
        // "?" binds the configuration to whichever bundle uses the PID.
        return c.isFactory() ? configAdmin.getFactoryConfiguration(c.factoryPid(), c.name(), "?")
                : configAdmin.getConfiguration(c.pid(), "?");
    }

    private List<Configuration> list(String filter) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
