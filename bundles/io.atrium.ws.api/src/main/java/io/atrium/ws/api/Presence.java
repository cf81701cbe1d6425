package io.atrium.ws.api;

/**
 * Whether a key must be given: Moodle's {@code VALUE_REQUIRED}, {@code VALUE_OPTIONAL} and
 * {@code VALUE_DEFAULT}.
 */
public enum Presence {

    /** The key must be present; a parameter without it is refused. */
    REQUIRED,
    /** The key may be absent; absent, it is left out (of parameters and of JSON returns). */
    OPTIONAL,
    /** The key may be absent; absent, it takes the descriptor's default value. */
    DEFAULT
}
