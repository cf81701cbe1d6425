package io.atrium.lms.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.EventLog;
import io.atrium.lms.api.LmsEvent;
import io.atrium.lms.api.User;
import io.atrium.lms.api.Users;
import io.atrium.store.api.Db;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;

/** Users as Moodle's user library keeps them. */
@Component
public final class UsersImpl implements Users {

    /** The columns a caller may set; the rest are the platform's. */
    static final Set<String> FIELDS = Set.of("auth", "confirmed", "suspended", "username", "password", "idnumber",
            "firstname", "lastname", "middlename", "alternatename", "firstnamephonetic", "lastnamephonetic", "email",
            "emailstop", "phone1", "phone2", "institution", "department", "address", "city", "country", "lang",
            "calendartype", "theme", "timezone", "description", "descriptionformat", "mailformat", "maildigest",
            "maildisplay", "autosubscribe", "trackforums");

    static final Set<String> AUTH_PLUGINS = Set.of("manual", "nologin", "email", "ldap", "cas", "shibboleth",
            "oauth2", "db", "webservice", "lti", "mnet", "none");

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final int BCRYPT_COST = 10;

    private final Store store;
    private final EventLog events;

    @Activate
    public UsersImpl(@Reference Store store, @Reference EventLog events,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
        this.events = events;
    }

    @Override
    public Optional<User> get(long id) {
        return store.inTransaction(true,
                db -> db.first("SELECT " + Rows.USER_COLUMNS + " FROM mdl_user WHERE id = ?", Rows.USER, id));
    }

    @Override
    public Optional<User> byUsername(String username) {
        return store.inTransaction(true, db -> db.first("SELECT " + Rows.USER_COLUMNS
                + " FROM mdl_user WHERE deleted = 0 AND mnethostid = 1 AND username = ?", Rows.USER, username));
    }

    @Override
    public long create(Map<String, Object> fields, Map<String, String> prefs, long actor) throws WsException {
        return store.inTransaction(false, db -> {
            Map<String, Object> row = checked(fields);
            String username = (String) row.get("username");
            if (username == null || username.isEmpty()) {
                throw WsException.invalidParameter("Missing username");
            }
            if (!username.equals(username.toLowerCase(java.util.Locale.ROOT))) {
                throw WsException.invalidParameter("The username must be in lower case: " + username);
            }
            String auth = (String) row.getOrDefault("auth", "manual");
            if (!AUTH_PLUGINS.contains(auth)) {
                throw WsException.invalidParameter("Invalid authentication type: " + auth);
            }
            if (usernameTaken(db, username, 0)) {
                throw WsException.invalidParameter("Username already exists: " + username);
            }
            checkEmail(row);
            Object plain = row.remove("password");
            if (plain != null) {
                checkPasswordPolicy(db, plain.toString());
                row.put("password", hash(plain.toString()));
            }
            long now = Rows.now();
            row.put("mnethostid", 1L);
            row.put("confirmed", row.getOrDefault("confirmed", 1));
            row.put("timecreated", now);
            row.put("timemodified", now);
            long id = db.insert("mdl_user", row);
            Context context = ContextStore.create(db, ContextLevel.USER, id, ContextStore.SYSTEM);
            for (Map.Entry<String, String> p : prefs.entrySet()) {
                db.insert("mdl_user_preferences", Map.of("userid", id, "name", p.getKey(), "value", p.getValue()));
            }
            events.append(LmsEvent.named("\\core\\event\\user_created").crud("c").object("user", id)
                    .context(context).relatedUser(id).user(actor));
            return id;
        });
    }

    @Override
    public void update(long id, Map<String, Object> fields, long actor) throws WsException {
        store.inTransaction(false, db -> {
            // Every check comes before the first write, so a refusal leaves the transaction as it
            // was: update_users reports it as a warning and goes on with the next user.
            User user = db.first("SELECT " + Rows.USER_COLUMNS + " FROM mdl_user WHERE id = ?", Rows.USER, id)
                    .orElseThrow(() -> WsException.of("invaliduserid", "Invalid user ID"));
            if (user.deleted()) {
                throw WsException.of("usernotexists", "User does not exist");
            }
            if (id == AccessImpl.GUEST_ID) {
                throw WsException.of("guestnoeditprofileother", "The guest user profile cannot be edited.");
            }
            Map<String, Object> row = checked(fields);
            if (row.containsKey("email") && !String.valueOf(row.get("email")).equals(user.email())) {
                checkEmail(row);
                if (!allowSameEmail(db) && db.number("SELECT COUNT(*) FROM mdl_user WHERE LOWER(email) = LOWER(?) "
                        + "AND mnethostid = 1 AND id <> ?", String.valueOf(row.get("email")), id) > 0) {
                    throw WsException.of("useremailduplicate", "Duplicate address");
                }
            }
            if (row.containsKey("username")) {
                String username = String.valueOf(row.get("username"));
                if (!username.equals(user.username()) && usernameTaken(db, username, id)) {
                    throw WsException.invalidParameter("Username already exists: " + username);
                }
            }
            if (row.containsKey("auth") && !AUTH_PLUGINS.contains(String.valueOf(row.get("auth")))) {
                throw WsException.invalidParameter("Invalid authentication type: " + row.get("auth"));
            }
            boolean newPassword = false;
            Object plain = row.remove("password");
            if (plain != null && !plain.toString().isEmpty()) {
                checkPasswordPolicy(db, plain.toString());
                row.put("password", hash(plain.toString()));
                newPassword = true;
            }
            row.put("timemodified", Rows.now());
            db.updateById("mdl_user", id, row);
            Context context = ContextStore.create(db, ContextLevel.USER, id, ContextStore.SYSTEM);
            events.append(LmsEvent.named("\\core\\event\\user_updated").crud("u").object("user", id)
                    .context(context).relatedUser(id).user(actor));
            if (newPassword) {
                events.append(LmsEvent.named("\\core\\event\\user_password_updated").crud("u")
                        .context(context).relatedUser(id).user(actor)
                        .other(Map.of("forgottenreset", false)));
            }
            return null;
        });
    }

    @Override
    public void delete(long id, long actor) throws WsException {
        store.inTransaction(false, db -> {
            User user = db.first("SELECT " + Rows.USER_COLUMNS + " FROM mdl_user WHERE id = ? AND deleted = 0",
                    Rows.USER, id).orElseThrow(() -> WsException.invalidParameter("Invalid user ID: " + id));
            if (id == AccessImpl.GUEST_ID) {
                throw WsException.of("guestnodeleteallowed", "The guest user account cannot be deleted.");
            }
            if (AccessImpl.siteAdmins(db).contains(id)) {
                throw WsException.of("useradminodelete", "Administrator accounts can not be deleted");
            }
            db.update("DELETE FROM mdl_user_enrolments WHERE userid = ?", id);
            db.update("DELETE FROM mdl_role_assignments WHERE userid = ?", id);
            db.update("DELETE FROM mdl_cohort_members WHERE userid = ?", id);
            db.update("DELETE FROM mdl_groups_members WHERE userid = ?", id);
            db.update("DELETE FROM mdl_user_preferences WHERE userid = ?", id);
            long now = Rows.now();
            // As Moodle: the username becomes the email plus the time, the email its hash, so
            // both can be used again; the row stays for the logs.
            String scrambled = user.email() + "." + now;
            while (usernameTaken(db, scrambled, id)) {
                scrambled = scrambled + "x";
            }
            db.update("UPDATE mdl_user SET deleted = 1, username = ?, email = ?, idnumber = '', picture = 0, "
                    + "password = '', timemodified = ? WHERE id = ?", scrambled, md5(scrambled), now, id);
            Context context = ContextStore.of(db, ContextLevel.USER, id)
                    .orElseGet(() -> ContextStore.SYSTEM);
            Map<String, Object> other = new LinkedHashMap<>();
            other.put("username", user.username());
            other.put("email", user.email());
            other.put("idnumber", user.idnumber());
            other.put("picture", 0);
            other.put("mnethostid", user.mnethostid());
            events.append(LmsEvent.named("\\core\\event\\user_deleted").crud("d").object("user", id)
                    .context(context).relatedUser(id).user(actor).other(other));
            if (context.level() == ContextLevel.USER) {
                ContextStore.delete(db, context);
            }
            return null;
        });
    }

    @Override
    public void setPreference(long id, String name, String value) {
        store.inTransaction(false, db -> {
            if (value == null) {
                db.update("DELETE FROM mdl_user_preferences WHERE userid = ? AND name = ?", id, name);
            } else if (db.update("UPDATE mdl_user_preferences SET value = ? WHERE userid = ? AND name = ?",
                    value, id, name) == 0) {
                db.insert("mdl_user_preferences", Map.of("userid", id, "name", name, "value", value));
            }
            return null;
        });
    }

    /** Whether the site lets several accounts share an email address ({@code allowaccountssameemail}). */
    private static boolean allowSameEmail(Db db) {
        return db.first("SELECT value FROM mdl_config WHERE name = 'allowaccountssameemail'", rs -> rs.getString(1))
                .map(v -> v.trim().equals("1")).orElse(false);
    }

    @Override
    public boolean checkPassword(User user, String plain) {
        String hash = user.password();
        if (hash == null || !hash.startsWith("$2")) {
            return false;
        }
        return BCrypt.verifyer().verify(plain.toCharArray(), hash.toCharArray()).verified;
    }

    static String hash(String plain) {
        return BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(BCRYPT_COST, plain.toCharArray());
    }

    private static Map<String, Object> checked(Map<String, Object> fields) throws WsException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!FIELDS.contains(e.getKey())) {
                throw WsException.invalidParameter("Unknown user field: " + e.getKey());
            }
            Object v = e.getValue();
            row.put(e.getKey(), v instanceof Boolean b ? (b ? 1 : 0) : v);
        }
        return row;
    }

    private static void checkEmail(Map<String, Object> row) throws WsException {
        Object email = row.get("email");
        if (email != null && !email.toString().isEmpty() && !EMAIL.matcher(email.toString()).matches()) {
            throw WsException.invalidParameter("Email address is invalid: " + email);
        }
    }

    private static boolean usernameTaken(Db db, String username, long except) {
        return db.number("SELECT COUNT(*) FROM mdl_user WHERE mnethostid = 1 AND username = ? AND id <> ?",
                username, except) > 0;
    }

    /** Moodle's default password policy, unless the site turned it off ({@code passwordpolicy = 0}). */
    static void checkPasswordPolicy(Db db, String password) throws WsException {
        boolean on = db.first("SELECT value FROM mdl_config WHERE name = 'passwordpolicy'", rs -> rs.getString(1))
                .map(v -> !v.trim().equals("0")).orElse(true);
        if (!on) {
            return;
        }
        StringBuilder errors = new StringBuilder();
        if (password.length() < 8) {
            errors.append("Passwords must be at least 8 characters long. ");
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            errors.append("Passwords must have at least 1 digit(s). ");
        }
        if (password.chars().noneMatch(Character::isLowerCase)) {
            errors.append("Passwords must have at least 1 lower case letter(s). ");
        }
        if (password.chars().noneMatch(Character::isUpperCase)) {
            errors.append("Passwords must have at least 1 upper case letter(s). ");
        }
        if (password.chars().allMatch(Character::isLetterOrDigit)) {
            errors.append("Passwords must have at least 1 special character(s) such as *, -, or #. ");
        }
        if (errors.length() > 0) {
            throw WsException.invalidParameter(errors.toString().trim());
        }
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
