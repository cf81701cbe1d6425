package io.atrium.lms.api;

/**
 * A section of a course ({@code mdl_course_sections}).
 *
 * @param id            the section's row id (what {@link CourseModule#section()} refers to)
 * @param course        the course it is in
 * @param section       its number in the course: 0 for the general section at the top, then 1, 2...
 * @param name          its name, {@code null} when it takes the course format's default name
 * @param summary       its summary, {@code ""} for none
 * @param summaryformat the summary's format (1 = HTML)
 * @param visible       whether students see it
 */
public record CourseSection(long id, long course, int section, String name, String summary, int summaryformat,
        boolean visible) {
}
