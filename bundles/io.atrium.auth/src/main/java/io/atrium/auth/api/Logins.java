package io.atrium.auth.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks a username and password for every way of signing in (login/token.php, the admin
 * sign-in, SOAP login), with one throttle: failed logins are counted per username and per
 * address in the database, so every node sharing it applies the same limit.
 */
@ProviderType
public interface Logins {

    /**
     * Checks a password.
     *
     * @param address the client's address, counted for throttling
     * @return the user's id
     * @throws LoginException {@link LoginException#throttled()} while the username or the address
     *                        has too many recent failures (the password is then not checked);
     *                        otherwise for an unknown, suspended, deleted or nologin user or a
     *                        wrong password, which counts as a failure
     */
    long check(String username, String password, String address) throws LoginException;
}
