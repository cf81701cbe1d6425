package io.atrium.auth.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.atrium.auth.api.Sessions;
import io.atrium.lms.api.User;
import io.atrium.lms.api.Users;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;

/** {@link Sessions} in the database ({@code atrium_sessions}). */
@Component(configurationPid = SessionStore.PID)
@Designate(ocd = SessionStore.Config.class)
public final class SessionStore implements Sessions {

    static final String PID = "io.atrium.auth.sessions";

    @ObjectClassDefinition(name = "Atrium sessions", description = "Signed-in browser sessions (the admin shell).")
    public @interface Config {
        @AttributeDefinition(description = "How long a session may stay unused, in seconds", min = "60")
        long idleSeconds() default 7200;

        @AttributeDefinition(description = "How long a session may last at most, in seconds", min = "60")
        long maxSeconds() default 43_200;
    }

    private record Row(long userid, String sesskey, String passwordstamp, long created, long lastseen) {
    }

    private final Store store;
    private final Users users;
    private final long idle;
    private final long max;

    @Activate
    public SessionStore(Config config, @Reference Store store, @Reference Users users,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.auth)") Schema schema) {
        this.store = store;
        this.users = users;
        this.idle = config.idleSeconds();
        this.max = Math.max(config.maxSeconds(), config.idleSeconds());
    }

    @Override
    public Session open(long userId, String address) {
        User user = users.get(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
        String key = Secret.salt() + Secret.salt();
        String sesskey = Secret.salt().substring(0, 20);
        long now = now();
        store.inTransaction(false, db -> {
            // Sessions that ended are cleared as new ones start, so the table stays small.
            db.update("DELETE FROM atrium_sessions WHERE lastseen < ? OR timecreated < ?", now - idle, now - max);
            return db.update("INSERT INTO atrium_sessions (keyhash, userid, sesskey, passwordstamp, address, "
                    + "timecreated, lastseen) VALUES (?, ?, ?, ?, ?, ?, ?)", Secret.sha256(key), userId, sesskey,
                    TokenService.stamp(user.password()), address, now, now);
        });
        return new Session(key, userId, sesskey, now + idle);
    }

    @Override
    public Optional<Session> find(String key) {
        if (key == null || !key.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        String hash = Secret.sha256(key);
        long now = now();
        Row row = store.inTransaction(true, db -> db.first("SELECT userid, sesskey, passwordstamp, timecreated, "
                + "lastseen FROM atrium_sessions WHERE keyhash = ?", rs -> new Row(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getLong(4), rs.getLong(5)), hash)).orElse(null);
        if (row == null) {
            return Optional.empty();
        }
        User user = users.get(row.userid()).orElse(null);
        boolean alive = row.lastseen() + idle > now && row.created() + max > now && user != null && !user.deleted()
                && !user.suspended() && row.passwordstamp().equals(TokenService.stamp(user.password()));
        if (!alive) {
            close(key);
            return Optional.empty();
        }
        long lastseen = row.lastseen();
        if (now - lastseen >= 60) {
            // Written at most once a minute, as token lastaccess is.
            store.inTransaction(false, db -> db.update("UPDATE atrium_sessions SET lastseen = ? WHERE keyhash = ?",
                    now, hash));
            lastseen = now;
        }
        return Optional.of(new Session(key, row.userid(), row.sesskey(),
                Math.min(lastseen + idle, row.created() + max)));
    }

    @Override
    public void close(String key) {
        if (key != null) {
            store.inTransaction(false, db -> db.update("DELETE FROM atrium_sessions WHERE keyhash = ?",
                    Secret.sha256(key)));
        }
    }

    @Override
    public long idleSeconds() {
        return idle;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
