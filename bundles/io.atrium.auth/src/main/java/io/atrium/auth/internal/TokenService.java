package io.atrium.auth.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.atrium.auth.api.LoginException;
import io.atrium.auth.api.Logins;
import io.atrium.auth.api.Tokens;
import io.atrium.lms.api.Access;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.User;
import io.atrium.lms.api.Users;
import io.atrium.store.api.Db;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.Caller;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.spi.WsAuthenticator;

/**
 * Tokens and external services: creates and checks tokens as Moodle's
 * {@code webservice_server::authenticate_by_token} does, and hands out login tokens. Every check
 * reads the database, so a revoked token, a disabled service or a suspended user stops working
 * at once, on every node.
 */
@Component(service = { Tokens.class, Logins.class, WsAuthenticator.class, TokenService.class }, configurationPid = TokenService.PID)
@Designate(ocd = TokenService.Config.class)
public final class TokenService implements Tokens, Logins, WsAuthenticator {

    static final String PID = "io.atrium.auth";
    static final String MOBILE = "moodle_mobile_app";
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[0-9a-zA-Z]{1,128}");

    @ObjectClassDefinition(name = "Atrium authentication", description = "Web-service tokens.")
    public @interface Config {
        @AttributeDefinition(type = AttributeType.PASSWORD, description = "The secret tokens are derived with; "
                + "empty: <data>/auth-secret, made at the first start. Nodes sharing a database must share it.")
        String tokenSecret() default "";

        @AttributeDefinition(description = "How long a token from login/token.php lasts, in seconds (Moodle's "
                + "tokenduration: 12 weeks)", min = "60")
        long tokenDurationSeconds() default 7_257_600L;

        @AttributeDefinition(description = "Failed logins a username may have in a window before its logins are "
                + "refused until the window ends", min = "1")
        int loginFailuresPerUser() default 5;

        @AttributeDefinition(description = "Failed logins an address may have in a window", min = "1")
        int loginFailuresPerAddress() default 20;

        @AttributeDefinition(description = "The window failed logins are counted in, in seconds", min = "1")
        long loginWindowSeconds() default 900;
    }

    /** A token's row, with its service and user. */
    record Row(long id, long userid, long validuntil, String iprestriction, long lastaccess, String passwordstamp,
            long serviceId, String service, boolean enabled, String requiredcapability, boolean restrictedusers,
            boolean downloadfiles, boolean uploadfiles, String username, boolean deleted, boolean suspended,
            boolean confirmed, String auth, String password) {
    }

    private final Store store;
    private final Users users;
    private final Access access;
    private final Contexts contexts;
    private final ServiceRegistry services;
    private final Secret secret;
    private final long tokenDuration;
    private final LoginThrottle throttle;

    @Activate
    public TokenService(BundleContext context, Config config, @Reference Store store, @Reference Users users,
            @Reference Access access, @Reference Contexts contexts, @Reference ServiceRegistry services,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.auth)") Schema schema) {
        this.store = store;
        this.users = users;
        this.access = access;
        this.contexts = contexts;
        this.services = services;
        String data = context.getProperty("atrium.data");
        this.secret = Secret.load(config.tokenSecret(), Path.of(data == null ? "data" : data));
        this.tokenDuration = config.tokenDurationSeconds();
        this.throttle = new LoginThrottle(store, config.loginFailuresPerUser(), config.loginFailuresPerAddress(),
                config.loginWindowSeconds());
    }

    // --- the authenticator

    @Override
    public Caller authenticate(String token, String remoteAddress) throws WsException {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw WsException.invalidToken();
        }
        Row row = store.inTransaction(true, db -> find(db, Secret.sha256(token))).orElse(null);
        long now = now();
        if (row == null) {
            throw WsException.invalidToken();
        }
        // Checks read only: they run in the call's transaction, which may be read-only and rolls
        // back with the refusal. Dead tokens are cleared when their user next logs in.
        if (!row.passwordstamp().equals(stamp(row.password()))) {
            // The password changed since the token was made: Moodle deletes the user's tokens then.
            throw WsException.invalidToken();
        }
        if (row.validuntil() > 0 && row.validuntil() < now) {
            throw WsException.accessException("Invalid token - token expired - check validuntil time for the token");
        }
        if (!Addresses.allowed(row.iprestriction(), remoteAddress)) {
            throw WsException.accessException("Invalid token - IP:" + remoteAddress + " is not supported");
        }
        checkUser(row.username(), row.deleted(), row.suspended(), row.confirmed(), row.auth());
        checkService(row, remoteAddress);
        if (now - row.lastaccess() >= 60) {
            Runnable touch = () -> store.inTransaction(false, db -> db.update(
                    "UPDATE mdl_external_tokens SET lastaccess = ? WHERE id = ? AND (lastaccess IS NULL OR lastaccess < ?)",
                    now, row.id(), now - 59));
            if (store.inTransaction()) {
                store.current().afterCommit(touch); // the call's transaction may be read-only
            } else {
                touch.run();
            }
        }
        return new TokenCaller(row, remoteAddress);
    }

    private static void checkUser(String username, boolean deleted, boolean suspended, boolean confirmed, String auth)
            throws WsException {
        if (deleted) {
            throw WsException.of("wsaccessuserdeleted", "Refused web service access for deleted username: " + username);
        }
        if (!confirmed) {
            throw WsException.of("wsaccessuserunconfirmed",
                    "Refused web service access for unconfirmed username: " + username);
        }
        if (suspended) {
            throw WsException.of("wsaccessusersuspended",
                    "Refused web service access for suspended username: " + username);
        }
        if ("nologin".equals(auth)) {
            throw WsException.of("wsaccessusernologin",
                    "Refused web service access for nologin authentication username: " + username);
        }
    }

    private void checkService(Row row, String remoteAddress) throws WsException {
        if (!row.enabled()) {
            throw WsException.accessException("Web service is not available (it doesn't exist or might be disabled)");
        }
        if (row.restrictedusers()) {
            record Allowed(String iprestriction, long validuntil) {
            }
            Allowed allowed = store.inTransaction(true, db -> db.first("SELECT iprestriction, validuntil FROM "
                    + "mdl_external_services_users WHERE externalserviceid = ? AND userid = ?",
                    rs -> new Allowed(rs.getString(1), rs.getLong(2)), row.serviceId(), row.userid())).orElse(null);
            if (allowed == null) {
                throw WsException.accessException("The user is not allowed for this service. ");
            }
            if (allowed.validuntil() > 0 && allowed.validuntil() < now()) {
                throw WsException.accessException("Invalid service - service expired - check validuntil time for this "
                        + "allowed user");
            }
            if (!Addresses.allowed(allowed.iprestriction(), remoteAddress)) {
                throw WsException.accessException("Invalid service - IP:" + remoteAddress
                        + " is not supported - check this allowed user");
            }
        }
        String required = row.requiredcapability();
        if (required != null && !required.isBlank()
                && !access.hasCapability(row.userid(), required, contexts.system())) {
            throw WsException.accessException("The capability " + required + " is required.");
        }
    }

    /** The caller of a token: the functions of its service, the capabilities of its user. */
    final class TokenCaller implements Caller {
        private final Row row;
        private final String remoteAddress;

        TokenCaller(Row row, String remoteAddress) {
            this.row = row;
            this.remoteAddress = remoteAddress;
        }

        Row row() {
            return row;
        }

        @Override
        public long userId() {
            return row.userid();
        }

        @Override
        public String username() {
            return row.username();
        }

        @Override
        public String service() {
            return row.service();
        }

        @Override
        public String remoteAddress() {
            return remoteAddress;
        }

        @Override
        public boolean canCall(String function) {
            return services.includes(row.serviceId(), row.service(), function);
        }

        @Override
        public boolean hasCapability(String capability) {
            return access.hasCapability(row.userid(), capability, contexts.system());
        }
    }

    /** The functions a service may call now, by name. */
    List<String> functions(long serviceId, String shortname) {
        return services.functions(serviceId, shortname);
    }

    private static Optional<Row> find(Db db, String hash) {
        return db.first("SELECT t.id, t.userid, t.validuntil, t.iprestriction, t.lastaccess, t.passwordstamp, "
                + "s.id AS sid, s.shortname, s.enabled, s.requiredcapability, s.restrictedusers, s.downloadfiles, "
                + "s.uploadfiles, u.username, u.deleted, u.suspended, u.confirmed, u.auth, u.password "
                + "FROM mdl_external_tokens t JOIN mdl_external_services s ON s.id = t.externalserviceid "
                + "JOIN mdl_user u ON u.id = t.userid WHERE t.tokenhash = ? AND t.tokentype = 0",
                rs -> new Row(rs.getLong("id"), rs.getLong("userid"), rs.getLong("validuntil"),
                        rs.getString("iprestriction"), rs.getLong("lastaccess"), rs.getString("passwordstamp"),
                        rs.getLong("sid"), rs.getString("shortname"), rs.getInt("enabled") != 0,
                        rs.getString("requiredcapability"), rs.getInt("restrictedusers") != 0,
                        rs.getInt("downloadfiles") != 0, rs.getInt("uploadfiles") != 0, rs.getString("username"),
                        rs.getInt("deleted") != 0, rs.getInt("suspended") != 0, rs.getInt("confirmed") != 0,
                        rs.getString("auth"), rs.getString("password")),
                hash);
    }

    // --- login/token.php

    /**
     * Moodle's {@code login/token.php} after its parameters: the user's valid token for the
     * service (the newest), or a new one.
     *
     * @return {@code token} and {@code privatetoken} (null unless the request came over https
     *         and the user is not a site administrator)
     * @throws WsException {@code invalidlogin}, {@code servicenotavailable}, {@code noguest},
     *                     {@code usernotconfirmed}, {@code cannotcreatetoken}, ...
     * @throws LoginException for a wrong password, or after too many failed logins for the
     *                        username or the address
     */
    Map<String, Object> login(String username, String password, String serviceName, boolean secure, String address)
            throws WsException, LoginException {
        User user = verify(username, password, address);
        if (user.id() == 1) {
            throw WsException.of("noguest", "The guest user cannot create tokens.");
        }
        if (!user.confirmed()) {
            throw WsException.of("usernotconfirmed", "The user account is not yet confirmed: " + user.username());
        }
        record Service(long id, String shortname, boolean enabled, boolean restricted) {
        }
        Service service = store.inTransaction(true, db -> db.first("SELECT id, shortname, enabled, restrictedusers "
                + "FROM mdl_external_services WHERE shortname = ?", rs -> new Service(rs.getLong(1), rs.getString(2),
                        rs.getInt(3) != 0, rs.getInt(4) != 0), serviceName)).orElse(null);
        if (service == null || !service.enabled()) {
            throw WsException.of("servicenotavailable", "Web service is not available. (It doesn't exist or might "
                    + "be disabled.)");
        }
        boolean admin = access.isSiteAdmin(user.id());
        long now = now();
        String stamp = stamp(user.password());
        store.inTransaction(false, db -> db.update("DELETE FROM mdl_external_tokens WHERE userid = ? AND tokentype = 0 "
                + "AND (passwordstamp <> ? OR (validuntil > 0 AND validuntil < ?))", user.id(), stamp, now));
        String existing = store.inTransaction(true, db -> db.first("SELECT tokensalt FROM mdl_external_tokens "
                + "WHERE userid = ? AND externalserviceid = ? AND tokentype = 0 AND passwordstamp = ? "
                + "AND (validuntil IS NULL OR validuntil = 0 OR validuntil > ?) AND iprestriction IS NULL "
                + "ORDER BY timecreated DESC, id DESC", rs -> rs.getString(1), user.id(), service.id(),
                stamp, now)).orElse(null);
        String token;
        if (existing != null) {
            token = secret.token(existing);
        } else {
            if (service.restricted() && store.inTransaction(true, db -> db.number("SELECT COUNT(*) FROM "
                    + "mdl_external_services_users WHERE externalserviceid = ? AND userid = ?", service.id(),
                    user.id())) == 0) {
                throw WsException.of("usernotallowed", "The user is not allowed for this service. " + serviceName);
            }
            boolean may = access.hasCapability(user.id(), "moodle/webservice:createtoken", contexts.system())
                    || MOBILE.equals(service.shortname());
            if (!may) {
                throw WsException.of("cannotcreatetoken", "Cannot create a web service token for the service "
                        + serviceName + ".");
            }
            token = insert(user.id(), service.id(), null, now + tokenDuration, null, user.id(), stamp).token();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", token);
        answer.put("privatetoken", secure && !admin ? secret.token(Secret.salt()) + secret.token(Secret.salt())
                : null);
        return answer;
    }

    // --- Logins

    @Override
    public long check(String username, String password, String address) throws LoginException {
        return verify(username, password, address).id();
    }

    /** {@link #check}, answering the user it read. */
    private User verify(String username, String password, String address) throws LoginException {
        long wait = throttle.retryAfter(username, address);
        if (wait > 0) {
            throw LoginException.throttled(wait);
        }
        User user = users.byUsername(username).orElse(null);
        if (user == null || user.suspended() || user.deleted() || "nologin".equals(user.auth())
                || !users.checkPassword(user, password)) {
            throttle.failed(username, address);
            throw LoginException.invalid();
        }
        throttle.succeeded(username);
        return user;
    }

    // --- Tokens

    @Override
    public Created create(long userid, String service, String name, long validuntil, String iprestriction,
            long creator) throws WsException {
        User user = users.get(userid).filter(u -> !u.deleted())
                .orElseThrow(() -> WsException.invalidParameter("Invalid user ID: " + userid));
        long serviceId = store.inTransaction(true, db -> db.first("SELECT id FROM mdl_external_services "
                + "WHERE shortname = ?", rs -> rs.getLong(1), service))
                .orElseThrow(() -> WsException.invalidParameter("No external service with the shortname " + service));
        return insert(user.id(), serviceId, name, validuntil, iprestriction, creator, stamp(user.password()));
    }

    private Created insert(long userid, long serviceId, String name, long validuntil, String iprestriction,
            long creator, String passwordstamp) {
        String salt = Secret.salt();
        String token = secret.token(salt);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tokenhash", Secret.sha256(token));
        row.put("tokensalt", salt);
        row.put("tokentype", 0);
        row.put("userid", userid);
        row.put("externalserviceid", serviceId);
        row.put("creatorid", creator);
        row.put("iprestriction", iprestriction == null || iprestriction.isBlank() ? null : iprestriction.trim());
        row.put("validuntil", validuntil);
        row.put("timecreated", now());
        row.put("lastaccess", 0L);
        row.put("name", name);
        row.put("passwordstamp", passwordstamp);
        long id = store.inTransaction(false, db -> db.insert("mdl_external_tokens", row));
        return new Created(id, token);
    }

    @Override
    public List<Info> list(Long userid) {
        String sql = "SELECT t.id, t.userid, s.shortname, t.name, t.validuntil, t.iprestriction, t.timecreated, "
                + "t.lastaccess FROM mdl_external_tokens t JOIN mdl_external_services s ON s.id = t.externalserviceid"
                + (userid == null ? "" : " WHERE t.userid = ?") + " ORDER BY t.id";
        Object[] args = userid == null ? new Object[0] : new Object[] { userid };
        return store.inTransaction(true, db -> db.list(sql, rs -> new Info(rs.getLong(1), rs.getLong(2),
                rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getLong(7), rs.getLong(8)), args));
    }

    @Override
    public boolean revoke(long id) {
        return delete(id);
    }

    private boolean delete(long id) {
        return store.inTransaction(false, db -> db.update("DELETE FROM mdl_external_tokens WHERE id = ?", id)) > 0;
    }

    Secret secret() {
        return secret;
    }

    /**
     * What a token remembers of its user's password: a hash of the hash. When the password
     * changes, the user's tokens no longer match and die, as Moodle deletes them.
     */
    static String stamp(String passwordHash) {
        return Secret.sha256("password:" + (passwordHash == null ? "" : passwordHash));
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
