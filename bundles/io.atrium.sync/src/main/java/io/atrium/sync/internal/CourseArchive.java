package io.atrium.sync.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import io.atrium.lms.api.CourseModuleContent;
import io.atrium.lms.api.CourseSection;
import io.atrium.ws.api.WsException;

/**
 * A course archive, what {@code tool_sync_archive_course} writes and
 * {@code tool_sync_deploy_course} deploys from: a zip whose entry {@value #ENTRY} (UTF-8 JSON)
 * holds the course's settings, its sections and its modules (docs/sync.md, "Course archives",
 * has the format). Other entries are ignored, so later versions may add files beside it.
 *
 * @param course   the course fields ({@link #TEXT_FIELDS} as strings, {@link #NUMBER_FIELDS} as
 *                 {@code Long}) and {@code formatoptions}, a {@code Map<String, String>}
 * @param sections by number
 * @param modules  in display order (by section, then as the section shows them)
 */
record CourseArchive(Map<String, Object> course, List<Section> sections, List<Module> modules) {

    static final String ENTRY = "course.json";
    static final String FORMAT = "atrium-course-archive";
    static final int VERSION = 1;
    /** The most bytes of {@value #ENTRY} read (against zip bombs). */
    static final int MAX_JSON = 16 * 1024 * 1024;
    /** The highest section number accepted. */
    static final int MAX_SECTION = 1000;

    static final List<String> TEXT_FIELDS = List.of("fullname", "shortname", "idnumber", "summary", "format", "lang",
            "calendartype", "theme");
    static final List<String> NUMBER_FIELDS = List.of("summaryformat", "showgrades", "newsitems", "startdate",
            "enddate", "maxbytes", "showreports", "visible", "groupmode", "groupmodeforce", "enablecompletion",
            "completionnotify", "showactivitydates", "showcompletionconditions");
    /** The course's identifiers: recorded, but a deployment gives its own. */
    static final Set<String> IDENTIFIERS = Set.of("fullname", "shortname", "idnumber");

    private static final Pattern MODNAME = Pattern.compile("[a-z][a-z0-9_]{0,19}");
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().setPrettyPrinting()
            .create();

    /** A section. */
    record Section(int section, String name, String summary, int summaryformat, boolean visible) {
    }

    /**
     * A module.
     *
     * @param section  the number of its section
     * @param settings its settings, a JSON object text, or {@code null}
     */
    record Module(int section, String modname, String name, String intro, String settings, String idnumber,
            boolean visible) {
    }

    CourseArchive {
        course = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(course));
        sections = List.copyOf(sections);
        modules = List.copyOf(modules);
    }

    /** The archive of a course as the domain gives it ({@code Courses.fields}, {@code sections}, {@code modules}). */
    static CourseArchive of(Map<String, Object> fields, List<CourseSection> sections,
            List<CourseModuleContent> modules) {
        Map<String, Object> course = new LinkedHashMap<>();
        for (String f : TEXT_FIELDS) {
            if (fields.get(f) != null) {
                course.put(f, fields.get(f).toString());
            }
        }
        for (String f : NUMBER_FIELDS) {
            Object v = fields.get(f);
            if (v instanceof Number n) {
                course.put(f, n.longValue());
            } else if (v instanceof Boolean b) {
                course.put(f, b ? 1L : 0L);
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (fields.get("formatoptions") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> options.put(String.valueOf(k), v == null ? null : v.toString()));
        }
        course.put("formatoptions", options);
        List<Section> s = new ArrayList<>();
        for (CourseSection cs : sections) {
            s.add(new Section(cs.section(), cs.name(), cs.summary() == null ? "" : cs.summary(), cs.summaryformat(),
                    cs.visible()));
        }
        List<Module> m = new ArrayList<>();
        for (CourseModuleContent cm : modules) {
            m.add(new Module(cm.section(), cm.modname(), cm.name() == null ? "" : cm.name(), cm.intro(),
                    cm.settings(), cm.idnumber() == null ? "" : cm.idnumber(), cm.visible()));
        }
        return new CourseArchive(course, s, m);
    }

    /** The fields to create a course with: the archived ones but its identifiers. */
    Map<String, Object> courseFields() {
        Map<String, Object> f = new LinkedHashMap<>(course);
        f.keySet().removeAll(IDENTIFIERS);
        return f;
    }

    /** The highest section number, 0 without sections. */
    int lastSection() {
        return sections.stream().mapToInt(Section::section).max().orElse(0);
    }

    /** The zip. */
    byte[] write() {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        JsonObject c = new JsonObject();
        for (Map.Entry<String, Object> e : course.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> options) {
                JsonObject o = new JsonObject();
                options.forEach((k, v) -> o.add(String.valueOf(k), v == null ? null
                        : new JsonPrimitive(v.toString())));
                c.add(e.getKey(), o);
            } else if (e.getValue() instanceof Number n) {
                c.addProperty(e.getKey(), n);
            } else {
                c.addProperty(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        root.add("course", c);
        JsonArray s = new JsonArray();
        for (Section section : sections) {
            JsonObject o = new JsonObject();
            o.addProperty("section", section.section());
            o.addProperty("name", section.name());
            o.addProperty("summary", section.summary());
            o.addProperty("summaryformat", section.summaryformat());
            o.addProperty("visible", section.visible());
            s.add(o);
        }
        root.add("sections", s);
        JsonArray m = new JsonArray();
        for (Module module : modules) {
            JsonObject o = new JsonObject();
            o.addProperty("section", module.section());
            o.addProperty("modname", module.modname());
            o.addProperty("name", module.name());
            o.addProperty("intro", module.intro());
            o.addProperty("settings", module.settings());
            o.addProperty("idnumber", module.idnumber());
            o.addProperty("visible", module.visible());
            m.add(o);
        }
        root.add("modules", m);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(ENTRY));
            Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            GSON.toJson(root, w);
            w.flush();
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Why an archive cannot be used. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Reads an archive.
     *
     * @throws Invalid when it is not a zip with a {@value #ENTRY} of this format and version,
     *                 or a value is missing or of the wrong kind; the message says which
     */
    static CourseArchive read(InputStream in) throws Invalid, IOException {
        byte[] json = null;
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(ENTRY)) {
                    json = zip.readNBytes(MAX_JSON + 1);
                    if (json.length > MAX_JSON) {
                        throw new Invalid(ENTRY + " is larger than " + MAX_JSON + " bytes");
                    }
                    break;
                }
            }
        } catch (ZipException e) {
            throw new Invalid("it is not a zip archive (" + e.getMessage() + ")");
        }
        if (json == null) {
            throw new Invalid("it is not a course archive: a zip holding " + ENTRY);
        }
        JsonElement parsed;
        try {
            JsonReader reader = new JsonReader(new InputStreamReader(new ByteArrayInputStream(json),
                    StandardCharsets.UTF_8));
            reader.setStrictness(Strictness.STRICT);
            parsed = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            throw new Invalid(ENTRY + " is not valid JSON: " + Replacements.jsonProblem(e));
        }
        if (!parsed.isJsonObject()) {
            throw new Invalid(ENTRY + " is not a JSON object");
        }
        JsonObject root = parsed.getAsJsonObject();
        if (!FORMAT.equals(text(root, "format", null, ""))) {
            throw new Invalid(ENTRY + " has no \"format\": \"" + FORMAT + "\"");
        }
        long version = number(root, "version", -1, "");
        if (version != VERSION) {
            throw new Invalid("version " + version + " of the course archive format is not known; this server reads "
                    + "version " + VERSION);
        }
        Map<String, Object> course = course(object(root, "course", ""));
        List<Section> sections = sections(root);
        return new CourseArchive(course, sections, modules(root, sections));
    }

    private static Map<String, Object> course(JsonObject c) throws Invalid {
        Map<String, Object> course = new LinkedHashMap<>();
        for (String key : c.keySet()) {
            if (TEXT_FIELDS.contains(key)) {
                String v = text(c, key, null, "course.");
                if (v != null) {
                    course.put(key, v);
                }
            } else if (NUMBER_FIELDS.contains(key)) {
                course.put(key, number(c, key, 0, "course."));
            } else if (key.equals("formatoptions")) {
                JsonObject o = object(c, key, "course.");
                Map<String, String> options = new LinkedHashMap<>();
                for (String name : o.keySet()) {
                    options.put(name, text(o, name, null, "course.formatoptions."));
                }
                course.put(key, options);
            } else {
                throw new Invalid("course." + key + " is not a course field of the archive format");
            }
        }
        course.putIfAbsent("formatoptions", Map.of());
        return course;
    }

    private static List<Section> sections(JsonObject root) throws Invalid {
        List<Section> sections = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        JsonArray a = array(root, "sections");
        for (int i = 0; i < a.size(); i++) {
            String where = "sections[" + i + "].";
            JsonObject o = item(a, i, "sections");
            int n = (int) number(o, "section", -1, where);
            if (n < 0 || n > MAX_SECTION) {
                throw new Invalid(where + "section must be a number from 0 to " + MAX_SECTION);
            }
            if (!seen.add(n)) {
                throw new Invalid("section " + n + " appears twice");
            }
            sections.add(new Section(n, text(o, "name", null, where), text(o, "summary", "", where),
                    (int) number(o, "summaryformat", 1, where), bool(o, "visible", where)));
        }
        sections.sort((x, y) -> Integer.compare(x.section(), y.section()));
        return sections;
    }

    private static List<Module> modules(JsonObject root, List<Section> archived) throws Invalid {
        Set<Integer> sections = new HashSet<>();
        archived.forEach(s -> sections.add(s.section()));
        List<Module> modules = new ArrayList<>();
        JsonArray a = array(root, "modules");
        for (int i = 0; i < a.size(); i++) {
            String where = "modules[" + i + "].";
            JsonObject o = item(a, i, "modules");
            int section = (int) number(o, "section", -1, where);
            if (!sections.contains(section)) {
                throw new Invalid(where + "section " + section + " is not among the archive's sections");
            }
            String modname = text(o, "modname", null, where);
            if (modname == null || !MODNAME.matcher(modname).matches()) {
                throw new Invalid(where + "modname must be a module type: lower-case letters, digits and "
                        + "underscores, at most 20, starting with a letter");
            }
            String settings;
            JsonElement s = o.get("settings");
            if (s != null && s.isJsonObject()) {
                // Written by hand as an object rather than as the text of one: accepted.
                settings = new Gson().toJson(s);
            } else {
                settings = text(o, "settings", null, where);
            }
            modules.add(new Module(section, modname, text(o, "name", "", where), text(o, "intro", null, where),
                    settings, text(o, "idnumber", "", where), bool(o, "visible", where)));
        }
        return modules;
    }

    private static JsonObject object(JsonObject o, String key, String where) throws Invalid {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonObject()) {
            throw new Invalid(where + key + " must be a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonObject o, String key) throws Invalid {
        JsonElement e = o.get(key);
        if (e == null) {
            return new JsonArray();
        }
        if (!e.isJsonArray()) {
            throw new Invalid(key + " must be a JSON array");
        }
        return e.getAsJsonArray();
    }

    private static JsonObject item(JsonArray a, int i, String name) throws Invalid {
        if (!a.get(i).isJsonObject()) {
            throw new Invalid(name + "[" + i + "] must be a JSON object");
        }
        return a.get(i).getAsJsonObject();
    }

    /** A string or null; the fallback when absent or null. */
    private static String text(JsonObject o, String key, String fallback, String where) throws Invalid {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new Invalid(where + key + " must be a string");
        }
        return e.getAsString();
    }

    /** A whole number; the fallback when absent. */
    private static long number(JsonObject o, String key, long fallback, String where) throws Invalid {
        JsonElement e = o.get(key);
        if (e == null) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new Invalid(where + key + " must be a whole number");
        }
        try {
            return e.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException | NumberFormatException x) {
            throw new Invalid(where + key + " must be a whole number");
        }
    }

    /** A boolean (or 0/1); true when absent. */
    private static boolean bool(JsonObject o, String key, String where) throws Invalid {
        JsonElement e = o.get(key);
        if (e == null) {
            return true;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return e.getAsInt() != 0;
        }
        throw new Invalid(where + key + " must be true or false");
    }

    /** The archive error as the function's. */
    static WsException invalid(String location, String why) {
        return WsException.invalidParameter("Invalid course archive '" + location + "': " + why);
    }
}
