package io.atrium.lms.api;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.WsException;

/**
 * Creates, changes and deletes users as Moodle's {@code user_create_user},
 * {@code user_update_user} and {@code delete_user} do, with their events.
 * <p>
 * Field maps use {@code mdl_user} column names ({@code username}, {@code firstname},
 * {@code email}, {@code city}, ...); {@code password} is the plain password, stored as a bcrypt hash.
 */
@ProviderType
public interface Users {

    /** A user by id, also deleted ones. */
    Optional<User> get(long id);

    /** A user that is not deleted, by username. */
    Optional<User> byUsername(String username);

    /**
     * Creates a user and its context; appends {@code \core\event&#92;user_created}.
     *
     * @param fields  at least {@code username}; {@code password} in plain text, or absent
     * @param prefs   user preferences to set
     * @return the new user's id
     * @throws WsException {@code invalidparameter} when the username is taken or malformed, a field is unknown
     */
    long create(Map<String, Object> fields, Map<String, String> prefs, long actor) throws WsException;

    /**
     * Changes a user's fields; appends {@code \core\event&#92;user_updated}, and
     * {@code \core\event&#92;user_password_updated} when the password changes (the authentication
     * bundle ends the user's tokens on it). Everything is checked before anything is written: a
     * {@code WsException} means nothing changed, so a caller may report it and go on.
     *
     * @throws WsException {@code invaliduserid} for an unknown id, {@code usernotexists} for a
     *                     deleted user, {@code guestnoeditprofileother} for the guest user,
     *                     {@code useremailduplicate} for an address another account has (unless the
     *                     site sets {@code allowaccountssameemail}), {@code invalidparameter} for a
     *                     taken username, a malformed email, a weak password or an unknown field
     */
    void update(long id, Map<String, Object> fields, long actor) throws WsException;

    /** Sets a user preference ({@code mdl_user_preferences}); {@code null} removes it. */
    void setPreference(long id, String name, String value);

    /**
     * Deletes a user as Moodle does: the row stays, marked deleted, with username, email and
     * password scrambled; enrolments, role assignments, cohort and group memberships go. Appends
     * {@code \core\event&#92;user_deleted}.
     *
     * @throws WsException {@code invalidparameter} for the guest user, a site administrator or an unknown user
     */
    void delete(long id, long actor) throws WsException;

    /** Whether the plain password is the user's. */
    boolean checkPassword(User user, String plain);
}
