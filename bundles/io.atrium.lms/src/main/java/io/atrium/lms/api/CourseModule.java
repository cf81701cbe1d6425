package io.atrium.lms.api;

/**
 * A course module: an activity or resource placed in a course section ({@code mdl_course_modules}).
 *
 * @param id       the course module id (cmid)
 * @param course   the course it is in
 * @param section  the section it is in
 * @param modname  the module type, such as {@code page} or {@code resource}
 * @param name     its title
 * @param idnumber its identifier for integrations, {@code ""} for none
 * @param visible  whether students see it
 */
public record CourseModule(long id, long course, long section, String modname, String name, String idnumber,
        boolean visible) {
}
