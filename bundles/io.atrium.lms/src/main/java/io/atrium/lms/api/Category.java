package io.atrium.lms.api;

/**
 * A course category ({@code mdl_course_categories}).
 *
 * @param idnumber    the category's ID number, {@code null} when it has none
 * @param parent      the parent category, 0 at the top
 * @param sortorder   its place among all categories (depth first, steps of 10000, as Moodle)
 * @param coursecount the courses directly in it
 * @param path        the category ids from the top, {@code /2/5}
 * @param depth       the number of ids in the path
 */
public record Category(long id, String name, String idnumber, String description, int descriptionformat,
        long parent, long sortorder, long coursecount, boolean visible, long timemodified, int depth, String path,
        String theme) {
}
