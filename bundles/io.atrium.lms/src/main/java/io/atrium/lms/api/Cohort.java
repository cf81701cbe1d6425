package io.atrium.lms.api;

/**
 * A cohort (Moodle's site-wide or category-wide group of users), as {@code mdl_cohort} keeps it.
 *
 * @param id                the cohort id
 * @param contextId         the system context or a category's context: where it is managed
 * @param name              its name
 * @param idnumber          the identifier integrators give it, or {@code null}
 * @param description       its description as stored (not formatted)
 * @param descriptionFormat 0 Moodle, 1 HTML, 2 plain text, 4 Markdown
 * @param visible           whether it is visible
 * @param component         the plugin that manages it, empty when people do
 * @param theme             its theme, empty for none
 * @param timecreated       Unix seconds
 * @param timemodified      Unix seconds
 */
public record Cohort(long id, long contextId, String name, String idnumber, String description,
        int descriptionFormat, boolean visible, String component, String theme, long timecreated,
        long timemodified) {
}
