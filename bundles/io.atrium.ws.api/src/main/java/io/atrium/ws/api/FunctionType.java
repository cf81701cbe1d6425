package io.atrium.ws.api;

/** Whether a function only reads or also writes: read functions run in a read-only transaction. */
public enum FunctionType {

    /** Reads only. */
    READ,
    /** Changes data. */
    WRITE;

    /** {@code read} or {@code write}, as Moodle writes it. */
    public String moodleName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
