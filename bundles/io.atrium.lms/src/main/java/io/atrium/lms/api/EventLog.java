package io.atrium.lms.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The event log (Moodle's standard log). Every change the domain makes appends its event here
 * in the change's own transaction; once that commits, the event is also posted on EventAdmin
 * under {@link #TOPIC_PREFIX} plus the event name with backslashes as slashes
 * ({@code io/atrium/lms/event/core/event/user_created}), with the 17 fields as properties.
 * <p>
 * EventAdmin is fast but forgets across a crash. A consumer that must see every event keeps a
 * cursor here instead: {@link #read} what is new, handle it, {@link #acknowledge}.
 */
@ProviderType
public interface EventLog {

    /** The EventAdmin topic prefix. */
    String TOPIC_PREFIX = "io/atrium/lms/event/";

    /** The EventAdmin property holding the log id of the event. */
    String ID = "id";

    /**
     * Appends an event in the current transaction (or a new one) and posts it after the commit.
     *
     * @return the stored event
     */
    LmsEvent append(LmsEvent.Builder event);

    /**
     * Events after the consumer's cursor, oldest first. An id still missing below a newer event
     * may belong to a transaction that has not committed yet: reading stops before such a gap
     * until it is filled or is older than a few seconds (then it was a rollback).
     *
     * @param consumer a stable name ({@code webhooks})
     * @param max      the most events to return
     */
    List<LmsEvent> read(String consumer, int max);

    /** Moves the consumer's cursor past {@code lastId}; it never moves back. */
    void acknowledge(String consumer, long lastId);

    /** The consumer's cursor: the last id it acknowledged, 0 for a new consumer. */
    long cursor(String consumer);
}
