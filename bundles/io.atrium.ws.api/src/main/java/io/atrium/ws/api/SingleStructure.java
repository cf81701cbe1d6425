package io.atrium.ws.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A structure with named keys: Moodle's {@code external_single_structure} (and, at the top of
 * a function's parameters, {@code external_function_parameters}). The key order is the order
 * of the wire formats. Refuses {@code null} by default.
 *
 * @param keys         the keys, in order; unmodifiable
 * @param description  what the structure means
 * @param presence     whether the key holding it must be present
 * @param defaultValue the value of an absent key, for {@link Presence#DEFAULT}
 * @param allowNull    whether {@code null} is accepted
 */
public record SingleStructure(Map<String, Descriptor> keys, String description, Presence presence,
        Object defaultValue, boolean allowNull) implements Descriptor {

    public SingleStructure {
        Objects.requireNonNull(keys, "keys");
        Map<String, Descriptor> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Descriptor> e : keys.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("a key of a single structure needs a name");
            }
            copy.put(e.getKey(), Objects.requireNonNull(e.getValue(), e.getKey()));
        }
        keys = Collections.unmodifiableMap(copy);
        description = description == null ? "" : description;
        Objects.requireNonNull(presence, "presence");
    }

    @Override
    public SingleStructure optional() {
        return new SingleStructure(keys, description, Presence.OPTIONAL, null, allowNull);
    }

    @Override
    public SingleStructure withDefault(Object value) {
        return new SingleStructure(keys, description, Presence.DEFAULT, value, allowNull);
    }

    /** This structure, accepting {@code null}. */
    public SingleStructure nullable() {
        return new SingleStructure(keys, description, presence, defaultValue, true);
    }
}
