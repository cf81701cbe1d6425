package io.atrium.ws.api;

import java.util.Objects;

/**
 * A list of values of one descriptor: Moodle's {@code external_multiple_structure}. Refuses
 * {@code null} by default. On input, the indexes a client sends do not matter: the list is
 * taken in order and numbered from 0.
 *
 * @param content      the descriptor of every element
 * @param description  what the list means
 * @param presence     whether the key holding it must be present
 * @param defaultValue the value of an absent key, for {@link Presence#DEFAULT}
 * @param allowNull    whether {@code null} is accepted
 */
public record MultipleStructure(Descriptor content, String description, Presence presence, Object defaultValue,
        boolean allowNull) implements Descriptor {

    public MultipleStructure {
        Objects.requireNonNull(content, "content");
        description = description == null ? "" : description;
        Objects.requireNonNull(presence, "presence");
    }

    @Override
    public MultipleStructure optional() {
        return new MultipleStructure(content, description, Presence.OPTIONAL, null, allowNull);
    }

    @Override
    public MultipleStructure withDefault(Object value) {
        return new MultipleStructure(content, description, Presence.DEFAULT, value, allowNull);
    }
}
