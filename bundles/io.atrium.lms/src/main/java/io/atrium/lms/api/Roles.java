package io.atrium.lms.api;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.WsException;

/**
 * Role assignments as Moodle's {@code role_assign} and {@code role_unassign} make them, with the
 * events {@code role_assigned} and {@code role_unassigned}, and Moodle's
 * {@code get_assignable_roles}.
 */
@ProviderType
public interface Roles {

    /**
     * Assigns a role; an identical assignment (role, context, user, component, item) is kept and
     * its id returned, without a new event.
     *
     * @param component the plugin that manages the assignment, {@code ""} for one made by hand
     * @param itemId    the plugin's item, 0 for one made by hand
     * @return the assignment id
     * @throws WsException {@code codingerror} "User ID does not exist or is deleted!" for a
     *                     missing user, {@code invalidrecord} (table role) for a missing role
     */
    long assign(long roleId, long userId, Context context, String component, long itemId, long actor)
            throws WsException;

    /**
     * Removes the assignments of a role to a user in a context made with that component and item;
     * appends one {@code role_unassigned} per assignment removed.
     *
     * @return how many were removed
     */
    int unassign(long roleId, long userId, Context context, String component, long itemId, long actor);

    /** The role assignments of a user, in every context, oldest first. */
    List<RoleAssignment> assignments(long userId);

    /** The role assignments of a user in one context (not above it), by role sort order, as Moodle lists them. */
    List<RoleAssignment> assignments(long userId, Context context);

    /**
     * The roles the user may assign in the context: none without {@code moodle/role:assign} there;
     * for site administrators every role that can be assigned at the context's level; for others
     * those of them that one of their roles in the context or above may assign.
     */
    Set<Long> assignable(long userId, Context context);
}
