package io.atrium.deploy.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one file in the deploy directory brought into the framework. Mutated only under the
 * deploy directory's lock; read concurrently, hence the volatile, immutable values.
 */
final class Deployment {

    final String name;
    final String kind;

    /** The feature's id, for a feature. */
    volatile String featureId;
    /** Every bundle the artifact consists of. */
    volatile List<Long> bundleIds = List.of();
    /** The bundles removed with the artifact. */
    volatile List<Long> ownedBundleIds = List.of();
    /** The configurations a feature created (PIDs as the feature writes them). */
    volatile List<String> configurationPids = List.of();
    /** Why the artifact itself could not be (re)deployed; {@code null} when it could. */
    volatile String failure;
    /** The last start failure of each bundle that did not start, by bundle id. */
    volatile Map<Long, String> startFailures = Map.of();

    Deployment(String name, String kind) {
        this.name = name;
        this.kind = kind;
    }

    void startFailure(long bundleId, String reason) {
        Map<Long, String> copy = new LinkedHashMap<>(startFailures);
        if (reason == null) {
            copy.remove(bundleId);
        } else {
            copy.put(bundleId, reason);
        }
        startFailures = Map.copyOf(copy);
    }
}
