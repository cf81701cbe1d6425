package io.atrium.lms.api;

/**
 * A group of a course ({@code mdl_groups}).
 *
 * @param visibility    0 visible to all, 1 to members, 2 members see their own membership, 3 hidden
 * @param participation whether the group takes part in activities
 */
public record Group(long id, long courseId, String idnumber, String name, String description, int descriptionformat,
        String enrolmentkey, int visibility, boolean participation, long timecreated, long timemodified) {
}
