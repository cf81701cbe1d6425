package io.atrium.lms.api;

import java.util.List;
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
     * A course's fields as {@link #create} takes them: every {@code mdl_course} column a caller
     * may set (those the database holds no value for left out) and {@code formatoptions}, the
     * options of the course's format as a {@code Map<String, String>}.
     *
     * @since 1.2
     */
    Optional<Map<String, Object>> fields(long id);

    /**
     * The sections of a course, by number; empty for a course that does not exist.
     *
     * @since 1.2
     */
    List<CourseSection> sections(long courseId);

    /**
     * The modules of a course in the order the course shows them: by section, then as the
     * section lists them.
     *
     * @since 1.2
     */
    List<CourseModuleContent> modules(long courseId);

    /**
     * Changes a section: {@code name} ({@code null} for the format's default name),
     * {@code summary}, {@code summaryformat}, {@code visible}. A course that lacks the section
     * gets it, and the sections missing before it, as Moodle's
     * {@code course_create_sections_if_missing()} (event {@code course_section_created} each);
     * then {@code course_section_updated}.
     *
     * @param section the section's number
     * @throws WsException {@code invalidrecord} for a course that does not exist, {@code invalidparameter}
     *                     for an unknown field or a negative section number
     * @since 1.2
     */
    void updateSection(long courseId, int section, Map<String, Object> fields, long actor) throws WsException;

    /**
     * Adds a course module at the end of a section (which is created, as by
     * {@link #updateSection}, when the course lacks it), with its module context; event
     * {@code course_module_created}.
     *
     * @param fields {@code modname} (required: lower-case letters, digits and underscores, at most 20),
     *               {@code name}, {@code intro}, {@code settings} (a JSON object text), {@code idnumber},
     *               {@code visible}
     * @return the new course module's id
     * @throws WsException {@code invalidrecord} for a course that does not exist, {@code invalidparameter}
     *                     for an unknown field or a bad module type
     * @since 1.2
     */
    long addModule(long courseId, int section, Map<String, Object> fields, long actor) throws WsException;

    /**
     * Changes a course module's {@code name}, {@code intro}, {@code settings}, {@code idnumber}
     * or {@code visible}; event {@code course_module_updated}.
     *
     * @throws WsException {@code invalidrecord} for a module that does not exist, {@code invalidparameter}
     *                     for an unknown field
     * @since 1.2
     */
    void updateModule(long cmid, Map<String, Object> fields, long actor) throws WsException;

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
     * format options and course modules (name, intro, settings, idnumber, visibility, each with
     * its module context). Users,
     * groups and enrolments are not copied; the new course gets its own default enrolment instance.
     *
     * @return the new course's id
     */
    long copy(long templateCourseId, Map<String, Object> fields, long actor) throws WsException;
}
