package io.atrium.lms.api;

/**
 * A course ({@code mdl_course}), with the fields other bundles usually need.
 *
 * @param category  its category; 0 for the site course
 * @param sortorder its place in the course listing (its category's sort order plus its rank)
 * @param idnumber  its ID number, empty when it has none
 * @param format    the course format: {@code topics}, {@code weeks}, {@code site}...
 */
public record Course(long id, long category, long sortorder, String fullname, String shortname, String idnumber,
        String format, boolean visible, long startdate, long enddate, long timecreated, long timemodified) {

    /** The site course's id (Moodle's SITEID). */
    public static final long SITE_ID = 1;
}
