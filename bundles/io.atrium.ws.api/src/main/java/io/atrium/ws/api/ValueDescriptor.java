package io.atrium.ws.api;

import java.util.Objects;

/**
 * A scalar: Moodle's {@code external_value}. Required by default, and accepting {@code null}
 * by default (as Moodle does).
 *
 * @param type         the type, which decides the cleaning
 * @param description  what the value means
 * @param presence     whether the key must be present
 * @param defaultValue the value of an absent key, for {@link Presence#DEFAULT}
 * @param allowNull    whether {@code null} is accepted
 */
public record ValueDescriptor(ParamType type, String description, Presence presence, Object defaultValue,
        boolean allowNull) implements Descriptor {

    public ValueDescriptor {
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        Objects.requireNonNull(presence, "presence");
    }

    @Override
    public ValueDescriptor optional() {
        return new ValueDescriptor(type, description, Presence.OPTIONAL, null, allowNull);
    }

    @Override
    public ValueDescriptor withDefault(Object value) {
        return new ValueDescriptor(type, description, Presence.DEFAULT, value, allowNull);
    }

    /** This descriptor, refusing {@code null}. */
    public ValueDescriptor notNull() {
        return new ValueDescriptor(type, description, presence, defaultValue, false);
    }
}
