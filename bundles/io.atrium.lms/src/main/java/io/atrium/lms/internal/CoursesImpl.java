package io.atrium.lms.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Course;
import io.atrium.lms.api.CourseModule;
import io.atrium.lms.api.CourseModuleContent;
import io.atrium.lms.api.CourseSection;
import io.atrium.lms.api.Courses;
import io.atrium.lms.api.EventLog;
import io.atrium.lms.api.LmsEvent;
import io.atrium.store.api.Db;
import io.atrium.store.api.RowMapper;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;

/** Courses as Moodle's {@code create_course()}, {@code update_course()} and {@code delete_course()} keep them. */
@Component
public final class CoursesImpl implements Courses {

    /** The mdl_course columns a caller may set. */
    static final List<String> COLUMNS = List.of("category", "fullname", "shortname", "idnumber", "summary",
            "summaryformat", "format", "showgrades", "newsitems", "startdate", "enddate", "relativedatesmode",
            "marker", "maxbytes", "legacyfiles", "showreports", "visible", "downloadcontent", "groupmode",
            "groupmodeforce", "defaultgroupingid", "lang", "calendartype", "theme", "requested", "enablecompletion",
            "completionnotify", "showactivitydates", "showcompletionconditions");

    /** Fields that are not columns: sections to create and course format options. */
    static final Set<String> EXTRA = Set.of("numsections", "hiddensections", "formatoptions");

    /** Moodle's course defaults ({@code moodlecourse} settings), as a new course gets them. */
    static final Map<String, Object> DEFAULTS = Map.ofEntries(Map.entry("summaryformat", 1),
            Map.entry("format", "topics"), Map.entry("showgrades", 1), Map.entry("newsitems", 5),
            Map.entry("startdate", 0L), Map.entry("enddate", 0L), Map.entry("maxbytes", 0L),
            Map.entry("showreports", 0), Map.entry("visible", 1), Map.entry("groupmode", 0),
            Map.entry("groupmodeforce", 0), Map.entry("defaultgroupingid", 0L), Map.entry("lang", ""),
            Map.entry("calendartype", ""), Map.entry("theme", ""), Map.entry("enablecompletion", 1),
            Map.entry("completionnotify", 0), Map.entry("showactivitydates", 0),
            Map.entry("showcompletionconditions", 1));

    /** The section columns a caller may set. */
    static final Set<String> SECTION_FIELDS = Set.of("name", "summary", "summaryformat", "visible");

    /** The course module columns a caller may set ({@code modname} only when adding one). */
    static final Set<String> MODULE_FIELDS = Set.of("modname", "name", "intro", "settings", "idnumber", "visible");

    /** A module type: Moodle's plugin name rules, within mdl_course_modules.modname. */
    private static final Pattern MODNAME = Pattern.compile("[a-z][a-z0-9_]{0,19}");

    static final int DEFAULT_NUMSECTIONS = 4;
    static final long STUDENT_ROLE = 5;

    static final RowMapper<Course> COURSE = rs -> new Course(rs.getLong("id"), rs.getLong("category"),
            rs.getLong("sortorder"), rs.getString("fullname"), rs.getString("shortname"), rs.getString("idnumber"),
            rs.getString("format"), rs.getInt("visible") != 0, rs.getLong("startdate"), rs.getLong("enddate"),
            rs.getLong("timecreated"), rs.getLong("timemodified"));

    static final String COURSE_COLUMNS = "id, category, sortorder, fullname, shortname, idnumber, format, visible, "
            + "startdate, enddate, timecreated, timemodified";

    private final Store store;
    private final EventLog events;

    @Activate
    public CoursesImpl(@Reference Store store, @Reference EventLog events,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
        this.events = events;
    }

    @Override
    public Optional<Course> get(long id) {
        return store.inTransaction(true, db -> find(db, id));
    }

    @Override
    public Optional<CourseModule> module(long cmid) {
        return store.inTransaction(true, db -> db.first(
                "SELECT id, course, section, modname, name, idnumber, visible FROM mdl_course_modules WHERE id = ?",
                rs -> new CourseModule(rs.getLong("id"), rs.getLong("course"), rs.getLong("section"),
                        rs.getString("modname"), rs.getString("name"), rs.getString("idnumber"),
                        rs.getInt("visible") != 0), cmid));
    }

    @Override
    public Optional<Map<String, Object>> fields(long id) {
        return store.inTransaction(true, db -> {
            Optional<Map<String, Object>> found = db.first("SELECT * FROM mdl_course WHERE id = ?", rs -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String c : COLUMNS) {
                    Object v = rs.getObject(c);
                    if (v != null) {
                        m.put(c, v);
                    }
                }
                return m;
            }, id);
            found.ifPresent(m -> {
                Map<String, String> options = new LinkedHashMap<>();
                db.list("SELECT name, value FROM mdl_course_format_options WHERE courseid = ? AND sectionid = 0 "
                        + "AND format = ? ORDER BY id", rs -> options.put(rs.getString(1), rs.getString(2)), id,
                        text(m.get("format")));
                m.put("formatoptions", options);
            });
            return found;
        });
    }

    @Override
    public List<CourseSection> sections(long courseId) {
        return store.inTransaction(true, db -> db.list("SELECT id, course, section, name, summary, summaryformat, "
                + "visible FROM mdl_course_sections WHERE course = ? ORDER BY section", rs -> new CourseSection(
                        rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), Rows.text(rs, "summary"),
                        rs.getInt(6), rs.getInt(7) != 0), courseId));
    }

    @Override
    public List<CourseModuleContent> modules(long courseId) {
        return store.inTransaction(true, db -> {
            record Section(long id, int section, String sequence) {
            }
            List<Section> sections = db.list("SELECT id, section, sequence FROM mdl_course_sections WHERE course = ? "
                    + "ORDER BY section", rs -> new Section(rs.getLong(1), rs.getInt(2), rs.getString(3)), courseId);
            Map<Long, Integer> numbers = new HashMap<>();
            sections.forEach(s -> numbers.put(s.id(), s.section()));
            // Per section id, its modules by id.
            Map<Long, Map<Long, CourseModuleContent>> bySection = new HashMap<>();
            db.list("SELECT id, course, section, modname, name, intro, settings, idnumber, visible "
                    + "FROM mdl_course_modules WHERE course = ? ORDER BY id", rs -> {
                        long section = rs.getLong(3);
                        Integer number = numbers.get(section);
                        if (number != null) {
                            bySection.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(rs.getLong(1),
                                    new CourseModuleContent(rs.getLong(1), rs.getLong(2), number, rs.getString(4),
                                            rs.getString(5), rs.getString(6), rs.getString(7),
                                            Rows.text(rs, "idnumber"), rs.getInt(9) != 0));
                        }
                        return null;
                    }, courseId);
            List<CourseModuleContent> out = new ArrayList<>();
            for (Section s : sections) {
                Map<Long, CourseModuleContent> modules = bySection.getOrDefault(s.id(), Map.of());
                Map<Long, CourseModuleContent> left = new LinkedHashMap<>(modules);
                // The section's sequence is the display order; modules it does not list come last.
                for (String cm : s.sequence() == null ? new String[0] : s.sequence().split(",")) {
                    CourseModuleContent m = cm.isBlank() ? null : left.remove(parseId(cm));
                    if (m != null) {
                        out.add(m);
                    }
                }
                out.addAll(left.values());
            }
            return out;
        });
    }

    private static Long parseId(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void updateSection(long courseId, int section, Map<String, Object> fields, long actor)
            throws WsException {
        store.inTransaction(false, db -> {
            find(db, courseId).orElseThrow(() -> missing(courseId));
            Map<String, Object> row = checked(fields, SECTION_FIELDS, "section");
            if (section < 0) {
                throw WsException.invalidParameter("Invalid section number: " + section);
            }
            Context context = courseContext(db, courseId);
            long sectionId = ensureSection(db, courseId, section, context, actor);
            row.put("timemodified", Rows.now());
            db.updateById("mdl_course_sections", sectionId, row);
            events.append(LmsEvent.named("\\core\\event\\course_section_updated").crud("u").edulevel(1)
                    .object("course_sections", sectionId).context(context).user(actor)
                    .other(Map.of("sectionnum", section)));
            return null;
        });
    }

    @Override
    public long addModule(long courseId, int section, Map<String, Object> fields, long actor) throws WsException {
        return store.inTransaction(false, db -> {
            find(db, courseId).orElseThrow(() -> missing(courseId));
            Map<String, Object> row = checked(fields, MODULE_FIELDS, "module");
            String modname = text(row.get("modname"));
            if (!MODNAME.matcher(modname).matches()) {
                throw WsException.invalidParameter("Invalid module type '" + modname + "': lower-case letters, "
                        + "digits and underscores, at most 20, starting with a letter");
            }
            if (section < 0) {
                throw WsException.invalidParameter("Invalid section number: " + section);
            }
            Context context = courseContext(db, courseId);
            long sectionId = ensureSection(db, courseId, section, context, actor);
            row.put("course", courseId);
            row.put("section", sectionId);
            row.put("name", text(row.get("name")));
            row.put("idnumber", text(row.get("idnumber")));
            row.putIfAbsent("visible", 1);
            row.put("visibleold", row.get("visible"));
            row.put("added", Rows.now());
            long cmid = db.insert("mdl_course_modules", row);
            String sequence = db.first("SELECT sequence FROM mdl_course_sections WHERE id = ?", rs -> text(
                    rs.getString(1)), sectionId).orElse("");
            db.update("UPDATE mdl_course_sections SET sequence = ? WHERE id = ?", sequence.isBlank()
                    ? String.valueOf(cmid) : sequence + "," + cmid, sectionId);
            Context moduleContext = ContextStore.create(db, ContextLevel.MODULE, cmid, context);
            events.append(LmsEvent.named("\\core\\event\\course_module_created").crud("c").edulevel(1)
                    .object("course_modules", cmid).context(moduleContext).course(courseId).user(actor)
                    .other(moduleOther(modname, cmid, text(row.get("name")))));
            return cmid;
        });
    }

    @Override
    public void updateModule(long cmid, Map<String, Object> fields, long actor) throws WsException {
        store.inTransaction(false, db -> {
            record Module(long course, String modname, String name) {
            }
            Module m = db.first("SELECT course, modname, name FROM mdl_course_modules WHERE id = ?",
                    rs -> new Module(rs.getLong(1), rs.getString(2), rs.getString(3)), cmid)
                    .orElseThrow(() -> WsException.invalidRecord("course_modules",
                            "SELECT * FROM {course_modules} WHERE id = ?\n[array (\n  0 => " + cmid + ",\n)]"));
            Map<String, Object> row = checked(fields, MODULE_FIELDS, "module");
            if (row.containsKey("modname")) {
                throw WsException.invalidParameter("The type of a course module cannot be changed");
            }
            if (row.containsKey("name")) {
                row.put("name", text(row.get("name")));
            }
            if (row.containsKey("idnumber")) {
                row.put("idnumber", text(row.get("idnumber")));
            }
            if (row.containsKey("visible")) {
                row.put("visibleold", row.get("visible"));
            }
            if (!row.isEmpty()) {
                db.updateById("mdl_course_modules", cmid, row);
            }
            // Modules copied before copies made their contexts have none yet.
            Context moduleContext = ContextStore.create(db, ContextLevel.MODULE, cmid, courseContext(db, m.course()));
            events.append(LmsEvent.named("\\core\\event\\course_module_updated").crud("u").edulevel(1)
                    .object("course_modules", cmid).context(moduleContext).course(m.course()).user(actor)
                    .other(moduleOther(m.modname(), cmid, row.containsKey("name") ? text(row.get("name"))
                            : m.name())));
            return null;
        });
    }

    /** Moodle's {@code other} of module events; Atrium keeps no instance table, the cmid stands for it. */
    private static Map<String, Object> moduleOther(String modname, long cmid, String name) {
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("modulename", modname);
        other.put("instanceid", cmid);
        other.put("name", name);
        return other;
    }

    /** The fields as a row, refusing those not allowed; booleans as 0/1. */
    private static Map<String, Object> checked(Map<String, Object> fields, Set<String> allowed, String what)
            throws WsException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw WsException.invalidParameter("Unknown " + what + " field: " + e.getKey());
            }
            Object v = e.getValue();
            row.put(e.getKey(), v instanceof Boolean b ? (b ? 1 : 0) : v);
        }
        return row;
    }

    /**
     * The id of a course's section; the section, and those missing before it, created first
     * when the course lacks them.
     */
    private long ensureSection(Db db, long courseId, int section, Context context, long actor) {
        Map<Long, Long> existing = new HashMap<>();
        db.list("SELECT section, id FROM mdl_course_sections WHERE course = ? AND section <= ?",
                rs -> existing.put(rs.getLong(1), rs.getLong(2)), courseId, section);
        long now = Rows.now();
        for (long n = 0; n <= section; n++) {
            if (!existing.containsKey(n)) {
                long id = addSection(db, courseId, n, null, "", 1, 1, now);
                existing.put(n, id);
                events.append(LmsEvent.named("\\core\\event\\course_section_created").crud("c").edulevel(1)
                        .object("course_sections", id).context(context).user(actor)
                        .other(Map.of("sectionnum", n)));
            }
        }
        return existing.get((long) section);
    }

    private static Context courseContext(Db db, long courseId) {
        return ContextStore.of(db, ContextLevel.COURSE, courseId)
                .orElseThrow(() -> new IllegalStateException("course " + courseId + " has no context"));
    }

    static Optional<Course> find(Db db, long id) {
        return db.first("SELECT " + COURSE_COLUMNS + " FROM mdl_course WHERE id = ?", COURSE, id);
    }

    @Override
    public long create(Map<String, Object> fields, long actor) throws WsException {
        return store.inTransaction(false, db -> insert(db, fields, true, actor));
    }

    /**
     * Inserts a course with its context, format options and enrolment instance.
     *
     * @param sections whether to create section 0 and {@code numsections} more (a copy brings its own)
     */
    private long insert(Db db, Map<String, Object> fields, boolean sections, long actor) throws WsException {
        Map<String, Object> row = columns(fields);
        for (Map.Entry<String, Object> d : DEFAULTS.entrySet()) {
            row.putIfAbsent(d.getKey(), d.getValue());
        }
        String fullname = text(row.get("fullname"));
        String shortname = text(row.get("shortname"));
        if (fullname.isBlank()) {
            throw WsException.invalidParameter("Missing course full name");
        }
        if (shortname.isBlank()) {
            throw WsException.invalidParameter("Missing course short name");
        }
        if (row.get("category") == null) {
            throw WsException.invalidParameter("Missing course category");
        }
        long category = CategoriesImpl.number(row.get("category"), 0);
        checkCategory(db, category);
        checkUnique(db, shortname, text(row.get("idnumber")), 0);
        long now = Rows.now();
        row.put("idnumber", text(row.get("idnumber")));
        row.put("visibleold", row.get("visible"));
        row.put("sortorder", 0L);
        row.put("timecreated", now);
        row.put("timemodified", now);
        row.put("cacherev", now);
        long id = db.insert("mdl_course", row);
        Context context = ContextStore.create(db, ContextLevel.COURSE, id, categoryContext(db, category));
        String format = text(row.get("format"));
        if (sections) {
            long numsections = CategoriesImpl.number(fields.get("numsections"), DEFAULT_NUMSECTIONS);
            for (long s = 0; s <= numsections; s++) {
                addSection(db, id, s, null, "", 1, 1, now);
            }
        }
        setFormatOptions(db, id, format, formatOptions(format, fields, true));
        long enrolId = addManualInstance(db, id, now);
        CourseOrder.category(db, category);
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("shortname", shortname);
        other.put("fullname", fullname);
        events.append(LmsEvent.named("\\core\\event\\course_created").crud("c").edulevel(1).object("course", id)
                .context(context).user(actor).other(other));
        events.append(LmsEvent.named("\\core\\event\\enrol_instance_created").crud("c").edulevel(0)
                .object("enrol", enrolId).context(context).user(actor).other(Map.of("enrol", "manual")));
        return id;
    }

    @Override
    public void update(long id, Map<String, Object> fields, long actor) throws WsException {
        store.inTransaction(false, db -> {
            Course course = find(db, id).orElseThrow(() -> missing(id));
            Map<String, Object> row = columns(fields);
            if (row.containsKey("shortname") && text(row.get("shortname")).isBlank()) {
                throw WsException.invalidParameter("Missing course short name");
            }
            if (row.containsKey("fullname") && text(row.get("fullname")).isBlank()) {
                throw WsException.invalidParameter("Missing course full name");
            }
            String shortname = row.containsKey("shortname") ? text(row.get("shortname")) : course.shortname();
            String idnumber = row.containsKey("idnumber") ? text(row.get("idnumber")) : course.idnumber();
            checkUnique(db, shortname.equals(course.shortname()) ? null : shortname,
                    idnumber.equals(course.idnumber()) ? "" : idnumber, id);
            Context context = ContextStore.of(db, ContextLevel.COURSE, id)
                    .orElseThrow(() -> new IllegalStateException("course " + id + " has no context"));
            boolean moved = false;
            if (row.containsKey("category")) {
                long category = CategoriesImpl.number(row.get("category"), 0);
                if (category != course.category()) {
                    if (id == Course.SITE_ID) {
                        throw WsException.invalidParameter("The site course has no category");
                    }
                    checkCategory(db, category);
                    context = move(db, context, categoryContext(db, category));
                    moved = true;
                }
            }
            if (row.containsKey("visible")) {
                row.put("visibleold", row.get("visible"));
            }
            row.put("timemodified", Rows.now());
            db.updateById("mdl_course", id, row);
            String format = row.containsKey("format") ? text(row.get("format")) : course.format();
            setFormatOptions(db, id, format, formatOptions(format, fields, !format.equals(course.format())));
            if (moved) {
                CourseOrder.category(db, course.category());
                CourseOrder.category(db, CategoriesImpl.number(row.get("category"), 0));
            }
            events.append(LmsEvent.named("\\core\\event\\course_updated").crud("u").edulevel(1)
                    .object("course", id).context(context).user(actor));
            return null;
        });
    }

    @Override
    public void delete(long id, long actor) throws WsException {
        store.inTransaction(false, db -> {
            if (id == Course.SITE_ID) {
                throw WsException.of("cannotdeletecourse", "You don't have the permission to delete the course with id: "
                        + id);
            }
            Course course = find(db, id).orElseThrow(() -> missing(id));
            Context context = ContextStore.of(db, ContextLevel.COURSE, id)
                    .orElseThrow(() -> new IllegalStateException("course " + id + " has no context"));
            // The users who lose their enrolment and roles get their events, as when Moodle
            // empties a course before deleting it.
            record Enrolment(long id, long userid, String enrol) {
            }
            List<Enrolment> enrolments = db.list("SELECT ue.id, ue.userid, e.enrol FROM mdl_user_enrolments ue "
                    + "JOIN mdl_enrol e ON e.id = ue.enrolid WHERE e.courseid = ? ORDER BY ue.id",
                    rs -> new Enrolment(rs.getLong(1), rs.getLong(2), rs.getString(3)), id);
            record Assignment(long id, long roleid, long userid, String component, long itemid) {
            }
            List<Assignment> assignments = db.list("SELECT id, roleid, userid, component, itemid "
                    + "FROM mdl_role_assignments WHERE contextid = ? ORDER BY id",
                    rs -> new Assignment(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5)),
                    context.id());
            db.update("DELETE FROM mdl_course_modules WHERE course = ?", id);
            db.update("DELETE FROM mdl_course_sections WHERE course = ?", id);
            db.update("DELETE FROM mdl_course_format_options WHERE courseid = ?", id);
            db.update("DELETE FROM mdl_groups_members WHERE groupid IN (SELECT id FROM mdl_groups WHERE courseid = ?)",
                    id);
            db.update("DELETE FROM mdl_groups WHERE courseid = ?", id);
            db.update("DELETE FROM mdl_user_enrolments WHERE enrolid IN (SELECT id FROM mdl_enrol WHERE courseid = ?)",
                    id);
            db.update("DELETE FROM mdl_enrol WHERE courseid = ?", id);
            // Contexts below the course (modules, blocks) go with it, deepest first.
            List<Context> below = db.list("SELECT " + Rows.CONTEXT_COLUMNS + " FROM mdl_context WHERE path LIKE ? "
                    + "ORDER BY depth DESC", Rows.CONTEXT, context.path() + "/%");
            for (Context c : below) {
                ContextStore.delete(db, c);
            }
            ContextStore.delete(db, context);
            db.update("DELETE FROM mdl_course WHERE id = ?", id);
            CourseOrder.category(db, course.category());
            for (Enrolment e : enrolments) {
                events.append(LmsEvent.named("\\core\\event\\user_enrolment_deleted").crud("d").edulevel(0)
                        .object("user_enrolments", e.id()).context(context).relatedUser(e.userid()).user(actor)
                        .other(Map.of("enrol", e.enrol())));
            }
            for (Assignment a : assignments) {
                Map<String, Object> other = new LinkedHashMap<>();
                other.put("id", a.id());
                other.put("component", a.component());
                other.put("itemid", a.itemid());
                events.append(LmsEvent.named("\\core\\event\\role_unassigned").crud("d").edulevel(0)
                        .object("role", a.roleid()).context(context).relatedUser(a.userid()).user(actor)
                        .other(other));
            }
            Map<String, Object> other = new LinkedHashMap<>();
            other.put("shortname", course.shortname());
            other.put("fullname", course.fullname());
            other.put("idnumber", course.idnumber());
            events.append(LmsEvent.named("\\core\\event\\course_deleted").crud("d").edulevel(1)
                    .object("course", id).context(context).user(actor).other(other));
            return null;
        });
    }

    @Override
    public long copy(long templateCourseId, Map<String, Object> fields, long actor) throws WsException {
        return store.inTransaction(false, db -> {
            if (templateCourseId == Course.SITE_ID) {
                throw WsException.invalidParameter("The site course is not a template");
            }
            Map<String, Object> template = db.first("SELECT * FROM mdl_course WHERE id = ?", rs -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String c : COLUMNS) {
                    m.put(c, rs.getObject(c));
                }
                return m;
            }, templateCourseId).orElseThrow(() -> missing(templateCourseId));
            // Identifiers belong to the template; the copy gets those the caller gives.
            template.remove("shortname");
            template.put("idnumber", "");
            template.values().removeIf(v -> v == null);
            Map<String, Object> merged = new LinkedHashMap<>(template);
            Map<String, Object> options = new LinkedHashMap<>();
            String templateFormat = String.valueOf(template.get("format"));
            db.list("SELECT name, value FROM mdl_course_format_options WHERE courseid = ? AND sectionid = 0 "
                    + "AND format = ? ORDER BY id", rs -> options.put(rs.getString(1), rs.getString(2)),
                    templateCourseId, templateFormat);
            merged.putAll(fields);
            if (!fields.containsKey("formatoptions")) {
                merged.put("formatoptions", options);
            }
            long id = insert(db, merged, false, actor);
            Context context = courseContext(db, id);
            long now = Rows.now();
            record Section(long id, long section, String name, String summary, int summaryformat, String sequence,
                    int visible) {
            }
            List<Section> sections = db.list("SELECT id, section, name, summary, summaryformat, sequence, visible "
                    + "FROM mdl_course_sections WHERE course = ? ORDER BY section", rs -> new Section(rs.getLong(1),
                            rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                            rs.getInt(7)), templateCourseId);
            if (sections.stream().noneMatch(s -> s.section() == 0)) {
                addSection(db, id, 0, null, "", 1, 1, now);
            }
            for (Section s : sections) {
                long sectionId = addSection(db, id, s.section(), s.name(), s.summary(), s.summaryformat(),
                        s.visible(), now);
                record Module(long id, String modname, String name, String intro, String settings, String idnumber,
                        int visible, int visibleold) {
                }
                List<Module> modules = db.list("SELECT id, modname, name, intro, settings, idnumber, visible, "
                        + "visibleold FROM mdl_course_modules WHERE section = ? ORDER BY id", rs -> new Module(
                                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getInt(7), rs.getInt(8)), s.id());
                Map<Long, Long> copied = new HashMap<>();
                for (Module m : modules) {
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("course", id);
                    cm.put("section", sectionId);
                    cm.put("modname", m.modname());
                    cm.put("name", m.name());
                    cm.put("intro", m.intro());
                    cm.put("settings", m.settings());
                    cm.put("idnumber", m.idnumber());
                    cm.put("visible", m.visible());
                    cm.put("visibleold", m.visibleold());
                    cm.put("added", now);
                    long cmid = db.insert("mdl_course_modules", cm);
                    ContextStore.create(db, ContextLevel.MODULE, cmid, context);
                    copied.put(m.id(), cmid);
                }
                // The section lists its modules in display order; keep that order with the new ids.
                List<String> sequence = new ArrayList<>();
                if (s.sequence() != null) {
                    for (String old : s.sequence().split(",")) {
                        Long n = old.isBlank() ? null : copied.remove(Long.parseLong(old.trim()));
                        if (n != null) {
                            sequence.add(n.toString());
                        }
                    }
                }
                copied.values().stream().sorted().forEach(n -> sequence.add(n.toString()));
                db.update("UPDATE mdl_course_sections SET sequence = ? WHERE id = ?", String.join(",", sequence),
                        sectionId);
            }
            return id;
        });
    }

    private static Map<String, Object> columns(Map<String, Object> fields) throws WsException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (EXTRA.contains(e.getKey())) {
                continue;
            }
            if (!COLUMNS.contains(e.getKey())) {
                throw WsException.invalidParameter("Unknown course field: " + e.getKey());
            }
            Object v = e.getValue();
            row.put(e.getKey(), v instanceof Boolean b ? (b ? 1 : 0) : v);
        }
        return row;
    }

    private static void checkCategory(Db db, long category) throws WsException {
        if (db.number("SELECT COUNT(*) FROM mdl_course_categories WHERE id = ?", category) == 0) {
            throw WsException.invalidRecord("course_categories",
                    "SELECT * FROM {course_categories} WHERE id = ?\n[array (\n  0 => " + category + ",\n)]");
        }
    }

    /** Moodle checks the short name, then a non-empty ID number, against every other course. */
    private static void checkUnique(Db db, String shortname, String idnumber, long except) throws WsException {
        if (shortname != null
                && db.number("SELECT COUNT(*) FROM mdl_course WHERE shortname = ? AND id <> ?", shortname, except) > 0) {
            throw WsException.of("shortnametaken", "Short name is already used for another course (" + shortname + ")");
        }
        if (idnumber != null && !idnumber.isEmpty()
                && db.number("SELECT COUNT(*) FROM mdl_course WHERE idnumber = ? AND id <> ?", idnumber, except) > 0) {
            throw WsException.of("courseidnumbertaken", "ID number is already used for another course (" + idnumber
                    + ")");
        }
    }

    private static Context categoryContext(Db db, long category) {
        return ContextStore.of(db, ContextLevel.COURSECAT, category)
                .orElseThrow(() -> new IllegalStateException("category " + category + " has no context"));
    }

    /** Moves a context and everything below it under a new parent. */
    private static Context move(Db db, Context context, Context parent) {
        String newPath = parent.path() + "/" + context.id();
        int shift = parent.depth() + 1 - context.depth();
        db.update("UPDATE mdl_context SET path = ? || SUBSTRING(path, ?), depth = depth + ? WHERE path LIKE ?",
                newPath, context.path().length() + 1, shift, context.path() + "/%");
        db.update("UPDATE mdl_context SET path = ?, depth = ? WHERE id = ?", newPath, parent.depth() + 1,
                context.id());
        return new Context(context.id(), context.level(), context.instanceId(), newPath, parent.depth() + 1);
    }

    private static long addSection(Db db, long course, long section, String name, String summary, int summaryformat,
            int visible, long now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("course", course);
        row.put("section", section);
        row.put("name", name);
        row.put("summary", summary);
        row.put("summaryformat", summaryformat);
        row.put("sequence", "");
        row.put("visible", visible);
        row.put("timemodified", now);
        return db.insert("mdl_course_sections", row);
    }

    private static long addManualInstance(Db db, long course, long now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("enrol", "manual");
        row.put("status", 0);
        row.put("courseid", course);
        row.put("sortorder", 0);
        row.put("enrolperiod", 0);
        row.put("enrolstartdate", 0);
        row.put("enrolenddate", 0);
        row.put("roleid", STUDENT_ROLE);
        row.put("timecreated", now);
        row.put("timemodified", now);
        return db.insert("mdl_enrol", row);
    }

    /**
     * The course format options to store: for a new course (or a new format) the format's
     * defaults, as Moodle's topics and weeks formats define them; then what the caller gave.
     */
    @SuppressWarnings("unchecked")
    static Map<String, String> formatOptions(String format, Map<String, Object> fields, boolean defaults) {
        Map<String, String> options = new LinkedHashMap<>();
        if (defaults && (format.equals("topics") || format.equals("weeks"))) {
            // (Indentation is a site setting of the formats, not an option of each course.)
            options.put("hiddensections", "1");
            options.put("coursedisplay", "0");
            if (format.equals("weeks")) {
                options.put("automaticenddate", "1");
            }
        }
        if (defaults && format.equals("site")) {
            options.put("numsections", "1");
        }
        if (fields.get("hiddensections") != null) {
            options.put("hiddensections", fields.get("hiddensections").toString());
        }
        if (fields.get("formatoptions") instanceof Map<?, ?> given) {
            ((Map<Object, Object>) given).forEach((k, v) -> options.put(String.valueOf(k), v == null ? null
                    : v instanceof Boolean b ? (b ? "1" : "0") : v.toString()));
        }
        return options;
    }

    private static void setFormatOptions(Db db, long course, String format, Map<String, String> options) {
        for (Map.Entry<String, String> o : options.entrySet()) {
            int changed = db.update("UPDATE mdl_course_format_options SET value = ? WHERE courseid = ? AND format = ? "
                    + "AND sectionid = 0 AND name = ?", o.getValue(), course, format, o.getKey());
            if (changed == 0) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("courseid", course);
                row.put("format", format);
                row.put("sectionid", 0);
                row.put("name", o.getKey());
                row.put("value", o.getValue());
                db.insert("mdl_course_format_options", row);
            }
        }
    }

    private static WsException missing(long id) {
        return WsException.invalidRecord("course", "SELECT * FROM {course} WHERE id = ?\n[array (\n  0 => " + id
                + ",\n)]");
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
