package io.atrium.lms.api;

/**
 * A role held by a user in a context ({@code mdl_role_assignments}), with the role's names.
 *
 * @param id            the assignment id
 * @param roleId        the role
 * @param roleName      the role's custom name, empty for the standard roles
 * @param roleShortname the role's short name ({@code student})
 * @param contextId     where it is held
 * @param userId        who holds it
 * @param component     the plugin that manages it ({@code enrol_cohort}), empty when assigned by hand
 * @param itemId        the plugin's item (an enrolment instance), 0 when assigned by hand
 * @param sortorder     the assignment's sort order (Moodle leaves it 0)
 * @param timemodified  Unix seconds
 */
public record RoleAssignment(long id, long roleId, String roleName, String roleShortname, long contextId,
        long userId, String component, long itemId, long sortorder, long timemodified) {
}
