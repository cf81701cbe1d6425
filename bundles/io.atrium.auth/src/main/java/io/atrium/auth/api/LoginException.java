package io.atrium.auth.api;

/** A refused login: invalid, or throttled after too many failures. */
public final class LoginException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long retryAfter;

    private LoginException(String message, long retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** Wrong username or password (or a user who may not sign in): Moodle's "Invalid login". */
    public static LoginException invalid() {
        return new LoginException("Invalid login, please try again", 0);
    }

    /** Too many failed logins; the next attempt is checked after {@code retryAfter} seconds. */
    public static LoginException throttled(long retryAfter) {
        return new LoginException("Too many failed logins; try again in " + retryAfter + " s", retryAfter);
    }

    /** Whether the login was refused unchecked, because of too many failures. */
    public boolean throttled() {
        return retryAfter > 0;
    }

    /** Seconds until a login is checked again; 0 for an invalid login. */
    public long retryAfter() {
        return retryAfter;
    }
}
