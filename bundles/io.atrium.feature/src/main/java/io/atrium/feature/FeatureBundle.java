package io.atrium.feature;

import java.util.Objects;

/**
 * A bundle of a feature.
 *
 * @param id         the bundle's Maven coordinates
 * @param startOrder the start order ({@code start-order} in the file); {@code 0} when the
 *                   feature leaves it to the runtime's default
 */
public record FeatureBundle(ArtifactId id, int startOrder) {

    public FeatureBundle {
        Objects.requireNonNull(id, "id");
        if (startOrder < 0) {
            throw new IllegalArgumentException("start-order must not be negative: " + startOrder);
        }
    }
}
