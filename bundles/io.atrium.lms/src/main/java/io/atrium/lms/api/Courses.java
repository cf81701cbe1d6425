package io.atrium.lms.api;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.WsException;

/**
 * Courses as Moodle's course library keeps them: a course row, its context under its
 * category's, its sections and course format options, a default manual enrolment instance;
 * categories' course counts and the course sort order kept up to date.
 * <p>
 * The fields a caller may give are columns of {@code mdl_course} ({@code fullname},
 * {@code shortname}, {@code category}, {@code idnumber}, {@code summary}, {@code summaryformat},
 * {@code format}, {@code showgrades}, {@code newsitems}, {@code startdate}, {@code enddate},
 * {@code maxbytes}, {@code showreports}, {@code visible}, {@code groupmode},
 * {@code groupmodeforce}, {@code defaultgroupingid}, {@code enablecompletion},
 * {@code completionnotify}, {@code lang}, {@code theme}, {@code calendartype},
 * {@code showactivitydates}, {@code showcompletionconditions}), plus {@code numsections} (the
 * sections created after section 0; 4 by default), {@code hiddensections} and
 * {@code formatoptions} (a {@code Map} of course format option names to values).
 */
@ProviderType
public interface Courses {

    /** A course by id. */
    Optional<Course> get(long id);

    /** A course module by id (its cmid). */
    Optional<CourseModule> module(long cmid);

    /**
     * Creates a course.
     *
     * @return the new course's id
     * @throws WsException {@code shortnametaken}, {@code courseidnumbertaken}, or
     *                     {@code invalidparameter} for a missing name or category
     */
    long create(Map<String, Object> fields, long actor) throws WsException;

    /**
     * Changes a course's fields (those given; {@code category} moves it).
     *
     * @throws WsException as {@link #create}, and {@code invalidrecord} for a course that does not exist
     */
    void update(long id, Map<String, Object> fields, long actor) throws WsException;

    /**
     * Deletes a course and everything that hangs on it: modules, sections, format options,
     * groups, enrolment instances with their user enrolments, role assignments in its context,
     * the context.
     *
     * @throws WsException {@code invalidrecord} for a course that does not exist; the site
     *                     course cannot be deleted ({@code cannotdeletecourse})
     */
    void delete(long id, long actor) throws WsException;

    /**
     * Creates a course from a template course: the fields of the template, overridden by
     * {@code fields} (a new {@code shortname} at least), with the template's sections, course
     * format options and course modules (name, intro, settings, idnumber, visibility). Users,
     * groups and enrolments are not copied; the new course gets its own default enrolment instance.
     *
     * @return the new course's id
     */
    long copy(long templateCourseId, Map<String, Object> fields, long actor) throws WsException;
}
