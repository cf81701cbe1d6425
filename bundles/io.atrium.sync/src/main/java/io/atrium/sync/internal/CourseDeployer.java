package io.atrium.sync.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.lms.api.CourseModuleContent;
import io.atrium.lms.api.CourseSection;
import io.atrium.lms.api.Courses;
import io.atrium.ws.api.WsException;

/**
 * Makes courses from templates and archives, through the domain API only (so each change has
 * its event): a template course is copied ({@code Courses.copy}); an archive becomes a new
 * course whose sections and modules are then added one by one. Either way, module idnumbers of
 * the template that hold {@code {course:<field>}} get the new course's values, and the
 * replacements are applied last. Callers run all of it in one transaction.
 */
final class CourseDeployer {

    private final Courses courses;

    CourseDeployer(Courses courses) {
        this.courses = courses;
    }

    /** The values {@code {course:<field>}} stands for, from the fields a course is made with. */
    static Replacements.CourseValues values(Map<String, Object> fields) {
        return new Replacements.CourseValues(text(fields.get("shortname")), text(fields.get("fullname")),
                text(fields.get("idnumber")), null);
    }

    /**
     * Copies a template course.
     *
     * @param fields the new course's fields (shortname at least)
     * @return the new course's id
     */
    long fromTemplate(long templateId, Map<String, Object> fields, long actor) throws WsException {
        long id = courses.copy(templateId, fields, actor);
        expandModuleIdnumbers(id, values(fields).withId(id), actor);
        return id;
    }

    /**
     * Creates a course from an archive: its settings overridden by {@code fields}, its sections,
     * its modules in order.
     *
     * @return the new course's id
     */
    long fromArchive(CourseArchive archive, Map<String, Object> fields, long actor) throws WsException {
        Map<String, Object> f = new LinkedHashMap<>(archive.courseFields());
        f.putAll(fields);
        f.put("numsections", archive.lastSection());
        long id = courses.create(f, actor);
        Replacements.CourseValues values = values(fields).withId(id);
        for (CourseArchive.Section s : archive.sections()) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("name", s.name());
            section.put("summary", s.summary());
            section.put("summaryformat", s.summaryformat());
            section.put("visible", s.visible());
            courses.updateSection(id, s.section(), section, actor);
        }
        for (CourseArchive.Module m : archive.modules()) {
            Map<String, Object> module = new LinkedHashMap<>();
            module.put("modname", m.modname());
            module.put("name", m.name());
            module.put("intro", m.intro());
            module.put("settings", m.settings());
            module.put("idnumber", Replacements.expand(m.idnumber(), values).orElseThrow());
            module.put("visible", m.visible());
            courses.addModule(id, m.section(), module, actor);
        }
        return id;
    }

    /** Template module idnumbers holding {@code {course:<field>}} get the new course's values. */
    private void expandModuleIdnumbers(long courseId, Replacements.CourseValues values, long actor)
            throws WsException {
        for (CourseModuleContent m : courses.modules(courseId)) {
            String expanded = Replacements.expand(m.idnumber(), values).orElseThrow();
            if (!expanded.equals(m.idnumber())) {
                courses.updateModule(m.id(), Map.of("idnumber", expanded), actor);
            }
        }
    }

    /**
     * Checks replacements before anything is made, against the template's sections and
     * modules (which the new course gets), as far as they can be without the new course's id.
     */
    void check(List<Replacements.Entry> entries, Replacements.CourseValues values, long templateId)
            throws WsException {
        List<Replacements.Module> modules = new ArrayList<>();
        for (CourseModuleContent m : courses.modules(templateId)) {
            modules.add(new Replacements.Module(m.id(), Replacements.expand(m.idnumber(), values).orElse(null),
                    m.name(), m.intro(), m.settings()));
        }
        Replacements.plan(entries, values, sections(courses.sections(templateId)), modules);
    }

    /** As {@link #check(List, Replacements.CourseValues, long)}, against an archive. */
    void check(List<Replacements.Entry> entries, Replacements.CourseValues values, CourseArchive archive)
            throws WsException {
        List<Replacements.Section> sections = new ArrayList<>();
        for (CourseArchive.Section s : archive.sections()) {
            sections.add(new Replacements.Section(s.section(), s.name(), s.summary()));
        }
        List<Replacements.Module> modules = new ArrayList<>();
        long n = 0;
        for (CourseArchive.Module m : archive.modules()) {
            modules.add(new Replacements.Module(++n, Replacements.expand(m.idnumber(), values).orElse(null),
                    m.name(), m.intro(), m.settings()));
        }
        Replacements.plan(entries, values, sections, modules);
    }

    /** Applies replacements to the new course: one section or module update per target. */
    void replace(long courseId, List<Replacements.Entry> entries, Replacements.CourseValues values, long actor)
            throws WsException {
        if (entries.isEmpty()) {
            return;
        }
        List<Replacements.Module> modules = new ArrayList<>();
        for (CourseModuleContent m : courses.modules(courseId)) {
            modules.add(new Replacements.Module(m.id(), m.idnumber(), m.name(), m.intro(), m.settings()));
        }
        Replacements.Plan plan = Replacements.plan(entries, values, sections(courses.sections(courseId)), modules);
        for (Replacements.SectionChange s : plan.sections()) {
            courses.updateSection(courseId, s.section(), s.fields(), actor);
        }
        for (Replacements.ModuleChange m : plan.modules()) {
            courses.updateModule(m.cmid(), m.fields(), actor);
        }
    }

    private static List<Replacements.Section> sections(List<CourseSection> sections) {
        List<Replacements.Section> out = new ArrayList<>();
        for (CourseSection s : sections) {
            out.add(new Replacements.Section(s.section(), s.name(), s.summary()));
        }
        return out;
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
