package io.atrium.ws.api;

/**
 * Describes a parameter or a return value: a {@link ValueDescriptor scalar value}, a
 * {@link SingleStructure structure with named keys} or a {@link MultipleStructure list}.
 * Descriptors are immutable; {@link Descriptors} builds them.
 */
public sealed interface Descriptor permits ValueDescriptor, SingleStructure, MultipleStructure {

    /** What the value means, for the API documentation. Never {@code null}; may be empty. */
    String description();

    /** Whether the key holding this value must be present. */
    Presence presence();

    /** The value an absent key takes when {@link #presence()} is {@link Presence#DEFAULT}. */
    Object defaultValue();

    /** Whether {@code null} is accepted where this value is expected. */
    boolean allowNull();

    /** This descriptor, optional: an absent key is left out. */
    Descriptor optional();

    /** This descriptor with a default: an absent key takes {@code value}. */
    Descriptor withDefault(Object value);
}
