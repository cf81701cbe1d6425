package io.atrium.lms.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.WsException;

/**
 * Creates and deletes cohorts and changes their members as Moodle's {@code cohort_add_cohort},
 * {@code cohort_delete_cohort}, {@code cohort_add_member} and {@code cohort_remove_member} do, with
 * their events. A cohort lives
 * in the system context or in a category's context. Capabilities are the caller's business: the
 * methods do what they are asked for the given actor.
 * <p>
 * To find a cohort by id, idnumber or name, use {@link Identifiers#cohort}.
 */
@ProviderType
public interface Cohorts {

    /** A cohort by id. */
    Optional<Cohort> get(long id);

    /**
     * Cohorts by id, in id order; ids that name no cohort are left out.
     *
     * @param ids the ids, or an empty collection for every cohort
     */
    List<Cohort> list(Collection<Long> ids);

    /**
     * Where a cohort goes, given as Moodle's {@code categorytype}: {@code system} (the value is
     * ignored), or a category by {@code id} or {@code idnumber}.
     *
     * @return the system context or the category's context
     * @throws WsException {@code invalidparameter} for another type ("category type must be id,
     *                     idnumber or system:...") or a category that does not exist ("category
     *                     not exists: category id = 7")
     */
    Context placement(String type, String value) throws WsException;

    /**
     * Creates a cohort; appends {@code \core\event\cohort_created}.
     *
     * @param context the system context or a category's context (see {@link #placement})
     * @param fields  {@code mdl_cohort} columns: {@code name} (required), {@code idnumber},
     *                {@code description}, {@code descriptionformat} (default 1, HTML),
     *                {@code visible} (default true), {@code component}, {@code theme}
     * @return the new cohort's id
     * @throws WsException {@code invalidparameter} when the idnumber is taken ("record already
     *                     exists: idnumber=..."), the name is missing, a field is unknown or the
     *                     context is neither the system nor a category's;
     *                     {@code formatnotsupported} for an unknown description format
     */
    long create(Context context, Map<String, Object> fields, long actor) throws WsException;

    /**
     * Deletes a cohort and its memberships as Moodle's {@code cohort_delete_cohort}; appends
     * {@code \core\event\cohort_deleted} (and, as Moodle, no event per member removed).
     *
     * @throws WsException {@code invalidrecord} for a cohort that does not exist
     * @since 1.2
     */
    void delete(long cohortId, long actor) throws WsException;

    /**
     * Adds a user to a cohort; appends {@code \core\event\cohort_member_added} when the user
     * was not a member yet.
     *
     * @return whether the user was added (false: already a member)
     * @throws WsException {@code invalidrecord} for a cohort or a user (not deleted) that does not exist
     */
    boolean addMember(long cohortId, long userId, long actor) throws WsException;

    /**
     * Removes a user from a cohort; appends {@code \core\event\cohort_member_removed} when the
     * user was a member.
     *
     * @return whether the user was a member
     * @throws WsException {@code invalidrecord} for a cohort or a user (not deleted) that does not exist
     */
    boolean removeMember(long cohortId, long userId, long actor) throws WsException;

    /** Whether the user is a member of the cohort. */
    boolean isMember(long cohortId, long userId);

    /** The ids of the cohort's members, ascending. */
    List<Long> members(long cohortId);
}
