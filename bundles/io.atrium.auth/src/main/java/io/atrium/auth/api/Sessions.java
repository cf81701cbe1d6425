package io.atrium.auth.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Signed-in browser sessions (the admin shell). A session lives in the database, so every node
 * sharing it accepts it and a sign-out ends it everywhere. Its cookie value is shown only when it
 * is opened; the database keeps its hash. A session ends when it has been idle or open too long,
 * when its user signs out, and when the user's password changes or the account is suspended or
 * deleted.
 */
@ProviderType
public interface Sessions {

    /** The cookie that carries a session: HttpOnly, SameSite=Strict, path /. */
    String COOKIE = "AtriumSession";

    /**
     * A session.
     *
     * @param key     the cookie value (only known when the session is opened or found by it)
     * @param userId  who signed in
     * @param sesskey the value every state-changing request of the session must carry
     *                (Moodle's {@code sesskey}), against cross-site requests
     * @param expires Unix seconds at which it ends if not used before (idle limit), or at the
     *                latest
     */
    record Session(String key, long userId, String sesskey, long expires) {
    }

    /** Opens a session for a user who has just proven who they are. */
    Session open(long userId, String address);

    /** The live session with that cookie value; using it extends its idle limit. */
    Optional<Session> find(String key);

    /** Ends the session with that cookie value (nothing when there is none). */
    void close(String key);

    /** How long, in seconds, a session may stay unused. */
    long idleSeconds();
}
