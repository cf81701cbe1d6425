package io.atrium.lms.api;

/**
 * A course module with what a copy of its course carries: its title, description and settings.
 *
 * @param id       the course module id (cmid)
 * @param course   the course it is in
 * @param section  the number of the section it is in (not the section's row id)
 * @param modname  the module type, such as {@code page} or {@code url}
 * @param name     its title
 * @param intro    its description (HTML), or {@code null}
 * @param settings its type's settings as a JSON object text, or {@code null}
 * @param idnumber its identifier for integrations, {@code ""} for none
 * @param visible  whether students see it
 */
public record CourseModuleContent(long id, long course, int section, String modname, String name, String intro,
        String settings, String idnumber, boolean visible) {
}
