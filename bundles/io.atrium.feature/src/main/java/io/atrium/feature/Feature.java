package io.atrium.feature;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A feature: one concern's bundles, configurations and framework properties.
 *
 * @param id                  the feature's own Maven coordinates
 * @param title               a short human title, or {@code null}
 * @param description         a description, or {@code null}
 * @param bundles             the bundles, in file order
 * @param configurations      the configurations, in file order
 * @param frameworkProperties framework properties the feature asks for, applied when the
 *                            feature is part of the launch (ignored for features deployed later)
 */
public record Feature(ArtifactId id, String title, String description, List<FeatureBundle> bundles,
        List<FeatureConfiguration> configurations, Map<String, String> frameworkProperties) {

    public Feature {
        Objects.requireNonNull(id, "id");
        bundles = List.copyOf(bundles);
        configurations = List.copyOf(configurations);
        frameworkProperties = Map.copyOf(frameworkProperties);
    }
}
