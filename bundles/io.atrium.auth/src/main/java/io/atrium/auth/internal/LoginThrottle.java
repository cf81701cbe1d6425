package io.atrium.auth.internal;

import java.util.Locale;

import io.atrium.store.api.Db;
import io.atrium.store.api.Store;

/**
 * Failed logins per username and per address, counted in fixed windows in the database (so every
 * node sharing it counts together). Over a limit, logins are refused until the window ends,
 * even with the right password.
 */
final class LoginThrottle {

    private final Store store;
    private final int perUser;
    private final int perAddress;
    private final long window;

    LoginThrottle(Store store, int perUser, int perAddress, long windowSeconds) {
        this.store = store;
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = windowSeconds;
    }

    /** Seconds until logins are accepted again for this username or address, 0 when they are now. */
    long retryAfter(String username, String address) {
        long now = System.currentTimeMillis() / 1000;
        return store.inTransaction(true, db -> Math.max(wait(db, userKey(username), perUser, now),
                wait(db, addressKey(address), perAddress, now)));
    }

    /** Counts a failed login. */
    void failed(String username, String address) {
        long now = System.currentTimeMillis() / 1000;
        for (String key : new String[] { userKey(username), addressKey(address) }) {
            try {
                store.inTransaction(false, db -> count(db, key, now));
            } catch (io.atrium.store.api.StoreException e) {
                if (!e.isUniqueViolation()) {
                    throw e;
                }
                store.inTransaction(false, db -> count(db, key, now)); // another login counted first
            }
        }
    }

    /** A successful login clears the username's failures (not the address's). */
    void succeeded(String username) {
        store.inTransaction(false, db -> db.update("DELETE FROM atrium_login_failures WHERE throttlekey = ?",
                userKey(username)));
    }

    private long wait(Db db, String key, int limit, long now) {
        record Count(int failures, long start) {
        }
        Count c = db.first("SELECT failures, windowstart FROM atrium_login_failures WHERE throttlekey = ?",
                rs -> new Count(rs.getInt(1), rs.getLong(2)), key).orElse(null);
        if (c == null || c.failures() < limit || now >= c.start() + window) {
            return 0;
        }
        return c.start() + window - now;
    }

    private int count(Db db, String key, long now) {
        int touched = db.update("UPDATE atrium_login_failures SET failures = CASE WHEN windowstart + ? <= ? THEN 1 "
                + "ELSE failures + 1 END, windowstart = CASE WHEN windowstart + ? <= ? THEN ? ELSE windowstart END "
                + "WHERE throttlekey = ?", window, now, window, now, now, key);
        if (touched == 0) {
            db.update("INSERT INTO atrium_login_failures (throttlekey, failures, windowstart) VALUES (?, 1, ?)",
                    key, now);
        }
        return 1;
    }

    private static String userKey(String username) {
        return "user:" + username.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
