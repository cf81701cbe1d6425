package io.atrium.feature;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A configuration a feature brings, keyed by PID. A PID of the form {@code factoryPid~name}
 * denotes a named factory configuration.
 *
 * @param pid        the PID as written in the file
 * @param properties the properties, with values of the types Configuration Admin accepts
 *                   ({@code String}, {@code Long}, {@code Integer}, {@code Double}, {@code Boolean},
 *                   ..., or arrays of them); unmodifiable, in file order
 */
public record FeatureConfiguration(String pid, Map<String, Object> properties) {

    public FeatureConfiguration {
        Objects.requireNonNull(pid, "pid");
        if (pid.isBlank()) {
            throw new IllegalArgumentException("empty PID");
        }
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** @return whether this is a named factory configuration ({@code factoryPid~name}) */
    public boolean isFactory() {
        return pid.indexOf('~') > 0;
    }

    /** @return the factory PID of a factory configuration, else {@code null} */
    public String factoryPid() {
        return isFactory() ? pid.substring(0, pid.indexOf('~')) : null;
    }

    /** @return the name of a factory configuration, else {@code null} */
    public String name() {
        return isFactory() ? pid.substring(pid.indexOf('~') + 1) : null;
    }
}
