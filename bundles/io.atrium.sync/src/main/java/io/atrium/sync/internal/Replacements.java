package io.atrium.sync.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import io.atrium.ws.api.WsException;

/**
 * The {@code replacements} of {@code tool_sync_deploy_course}: a JSON object whose keys name a
 * field of the deployed course and whose values are the new text (docs/sync.md, "Course
 * deployment", has the grammar with examples):
 *
 * <pre>
 * key         = target ":" field [ ":" placeholder ]
 * target      = "section" number          (fields summary, name)
 *             | "cm:" module-idnumber      (fields name, intro, or a key of the module's settings)
 * </pre>
 *
 * A colon inside braces does not separate, so {@code {course:idnumber}} can stand in a module
 * idnumber. Without a placeholder the field is replaced; with one, every occurrence of the
 * placeholder's exact text in the field is. {@code {course:shortname|fullname|idnumber|id}} in a
 * module idnumber or a value stands for the new course's value; placeholders are literal.
 * <p>
 * {@link #parse} checks the grammar; {@link #plan} checks the entries against a course's
 * sections and modules and computes the changes. Both name the bad entry in their error.
 */
final class Replacements {

    /** What a key changes. */
    enum Target {
        SECTION, MODULE
    }

    /** The course values {@code {course:<field>}} may name. */
    static final List<String> COURSE_FIELDS = List.of("shortname", "fullname", "idnumber", "id");
    /** The fields of a section target. */
    static final List<String> SECTION_FIELDS = List.of("summary", "name");

    private static final Pattern COURSE_REF = Pattern.compile("\\{course:([^{}]*)\\}");
    private static final Pattern SECTION = Pattern.compile("section([0-9]{1,6})");
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    /**
     * One entry, as parsed.
     *
     * @param key         the key as given, for messages
     * @param section     the section number, for a section target
     * @param module      the module idnumber ({@code {course:...}} not yet expanded), for a module target
     * @param placeholder the text to replace inside the field, or {@code null} to replace the field
     * @param value       the new text ({@code {course:...}} not yet expanded)
     */
    record Entry(String key, Target target, int section, String module, String field, String placeholder,
            String value) {
    }

    /** The new course's values for {@code {course:<field>}}; {@code id} is {@code null} until it exists. */
    record CourseValues(String shortname, String fullname, String idnumber, Long id) {

        CourseValues withId(long newId) {
            return new CourseValues(shortname, fullname, idnumber, newId);
        }

        /** The value, or empty for the id while it is unknown. */
        Optional<String> get(String field) {
            return switch (field) {
            case "shortname" -> Optional.of(shortname);
            case "fullname" -> Optional.of(fullname);
            case "idnumber" -> Optional.of(idnumber);
            case "id" -> id == null ? Optional.empty() : Optional.of(id.toString());
            default -> throw new IllegalArgumentException("no course field " + field);
            };
        }
    }

    /** A section of the course the entries apply to. */
    record Section(int number, String name, String summary) {
    }

    /**
     * A module of the course the entries apply to.
     *
     * @param idnumber its idnumber, or {@code null} while it is not known (it names the course's id)
     * @param settings its settings (a JSON object text), or {@code null}
     */
    record Module(long cmid, String idnumber, String name, String intro, String settings) {
    }

    /** The new values of a section's fields ({@code summary}, {@code name}). */
    record SectionChange(int section, Map<String, Object> fields) {
    }

    /** The new values of a module's fields ({@code name}, {@code intro}, {@code settings}). */
    record ModuleChange(long cmid, Map<String, Object> fields) {
    }

    /** The changes the entries make, one per section or module, in the order first named. */
    record Plan(List<SectionChange> sections, List<ModuleChange> modules) {
    }

    private Replacements() {
    }

    /**
     * Parses the parameter: {@code ""} (or blanks) for none, else a JSON object of strings.
     *
     * @throws WsException {@code invalidparameter} naming the first bad entry
     */
    static List<Entry> parse(String json) throws WsException {
        List<Entry> entries = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return entries;
        }
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        Set<String> seen = new HashSet<>();
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw invalid("replacements must be a JSON object of \"<target>:<field>[:<placeholder>]\": \"<value>\"");
            }
            reader.beginObject();
            while (reader.hasNext()) {
                String key = reader.nextName();
                if (!seen.add(key)) {
                    throw entry(key, "it appears twice");
                }
                if (reader.peek() != JsonToken.STRING) {
                    throw entry(key, "its value is not a JSON string");
                }
                entries.add(parseEntry(key, reader.nextString()));
            }
            reader.endObject();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw invalid("replacements: text after the JSON object");
            }
        } catch (IOException | IllegalStateException | JsonParseException e) {
            throw invalid("replacements is not valid JSON: " + jsonProblem(e));
        }
        return entries;
    }

    private static Entry parseEntry(String key, String value) throws WsException {
        List<String> parts = split(key);
        if (parts == null) {
            throw entry(key, "its braces { } do not match");
        }
        Matcher section = SECTION.matcher(parts.get(0));
        Entry e;
        if (section.matches()) {
            if (parts.size() < 2) {
                throw entry(key, "no field: use section<N>:<field>[:<placeholder>]");
            }
            String field = parts.get(1);
            if (!SECTION_FIELDS.contains(field)) {
                throw entry(key, "unknown section field '" + field + "'; the fields are summary, name");
            }
            e = new Entry(key, Target.SECTION, Integer.parseInt(section.group(1)), null, field, placeholder(key, parts,
                    2), value);
        } else if (parts.get(0).equals("cm")) {
            if (parts.size() < 3 || parts.get(1).isEmpty() || parts.get(2).isEmpty()) {
                throw entry(key, "use cm:<module idnumber>:<field>[:<placeholder>]");
            }
            e = new Entry(key, Target.MODULE, -1, parts.get(1), parts.get(2), placeholder(key, parts, 3), value);
            checkCourseRefs(key, e.module());
        } else {
            throw entry(key, "unknown target '" + parts.get(0) + "'; a target is section<N> or cm:<module idnumber>");
        }
        checkCourseRefs(key, value);
        return e;
    }

    /** The placeholder: the parts from {@code from} on, joined again (it may hold colons); {@code null} for none. */
    private static String placeholder(String key, List<String> parts, int from) throws WsException {
        if (parts.size() <= from) {
            return null;
        }
        String p = String.join(":", parts.subList(from, parts.size()));
        if (p.isEmpty()) {
            throw entry(key, "the placeholder is empty");
        }
        return p;
    }

    /** Splits at colons outside braces; {@code null} when braces do not match. */
    private static List<String> split(String key) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (--depth < 0) {
                    return null;
                }
            } else if (c == ':' && depth == 0) {
                parts.add(key.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            return null;
        }
        parts.add(key.substring(start));
        return parts;
    }

    private static void checkCourseRefs(String key, String text) throws WsException {
        Matcher m = COURSE_REF.matcher(text);
        while (m.find()) {
            if (!COURSE_FIELDS.contains(m.group(1))) {
                throw entry(key, "unknown course field '" + m.group(1) + "' in {course:...}; the fields are "
                        + String.join(", ", COURSE_FIELDS));
            }
        }
    }

    /**
     * Expands {@code {course:<field>}}; empty when it names the id and the id is unknown. Names
     * that are not course fields stay as they are (a template's idnumbers may hold any text).
     */
    static Optional<String> expand(String text, CourseValues course) {
        if (text == null || text.indexOf('{') < 0) {
            return Optional.ofNullable(text);
        }
        Matcher m = COURSE_REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group();
            if (COURSE_FIELDS.contains(m.group(1))) {
                Optional<String> v = course.get(m.group(1));
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                replacement = v.get();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    /** Module state while a plan is made. */
    private static final class ModuleState {
        final Module module;
        final Map<String, Object> changed = new LinkedHashMap<>();
        JsonObject settings;

        ModuleState(Module module) {
            this.module = module;
        }
    }

    /**
     * Checks the entries against the course's sections and modules and computes the changes;
     * entries applied in order, each to the field as the ones before left it. An entry whose
     * module idnumber or value names the course id while the id is unknown is left out (the
     * check before the course exists); so is one naming a module no known idnumber matches
     * when some module's idnumber is not known yet.
     *
     * @throws WsException {@code invalidparameter} for a section or module the course does not
     *                     have, an idnumber several modules have, or a module field that is
     *                     neither name, intro nor a key of the module's settings
     */
    static Plan plan(List<Entry> entries, CourseValues course, List<Section> sections, List<Module> modules)
            throws WsException {
        Map<Integer, Section> byNumber = new HashMap<>();
        sections.forEach(s -> byNumber.put(s.number(), s));
        Map<String, List<Module>> byIdnumber = new HashMap<>();
        boolean incomplete = false;
        for (Module m : modules) {
            if (m.idnumber() == null) {
                incomplete = true;
            } else if (!m.idnumber().isEmpty()) {
                byIdnumber.computeIfAbsent(m.idnumber(), k -> new ArrayList<>()).add(m);
            }
        }
        Map<Integer, Map<String, Object>> sectionChanges = new LinkedHashMap<>();
        Map<Long, ModuleState> moduleStates = new LinkedHashMap<>();
        for (Entry e : entries) {
            Optional<String> value = expand(e.value(), course);
            if (value.isEmpty()) {
                continue;
            }
            if (e.target() == Target.SECTION) {
                Section s = byNumber.get(e.section());
                if (s == null) {
                    throw entry(e.key(), "the course has no section " + e.section());
                }
                Map<String, Object> changed = sectionChanges.computeIfAbsent(s.number(), k -> new LinkedHashMap<>());
                String current = changed.containsKey(e.field()) ? (String) changed.get(e.field())
                        : e.field().equals("name") ? s.name() : s.summary();
                changed.put(e.field(), apply(current, e.placeholder(), value.get()));
                continue;
            }
            Optional<String> idnumber = expand(e.module(), course);
            if (idnumber.isEmpty()) {
                continue;
            }
            List<Module> found = byIdnumber.getOrDefault(idnumber.get(), List.of());
            if (found.isEmpty()) {
                if (incomplete) {
                    continue;
                }
                throw entry(e.key(), "the course has no module with idnumber '" + idnumber.get() + "'");
            }
            if (found.size() > 1) {
                throw entry(e.key(), found.size() + " modules of the course have the idnumber '" + idnumber.get()
                        + "'");
            }
            ModuleState state = moduleStates.computeIfAbsent(found.get(0).cmid(), k -> new ModuleState(found.get(0)));
            switch (e.field()) {
            case "name", "intro" -> {
                String current = state.changed.containsKey(e.field()) ? (String) state.changed.get(e.field())
                        : e.field().equals("name") ? state.module.name() : state.module.intro();
                state.changed.put(e.field(), apply(current, e.placeholder(), value.get()));
            }
            default -> {
                if (state.settings == null) {
                    state.settings = settings(state.module.settings());
                }
                if (state.settings == null || !state.settings.has(e.field())) {
                    throw entry(e.key(), "unknown module field '" + e.field() + "': a module field is name, intro "
                            + "or a key of the module's settings, and "
                            + (state.settings == null ? "this module has no settings"
                                    : "its settings' keys are " + String.join(", ", state.settings.keySet())));
                }
                JsonElement current = state.settings.get(e.field());
                String text = current.isJsonNull() ? null
                        : current.isJsonPrimitive() && current.getAsJsonPrimitive().isString() ? current.getAsString()
                                : GSON.toJson(current);
                String replaced = apply(text, e.placeholder(), value.get());
                if (replaced != null) {
                    state.settings.addProperty(e.field(), replaced);
                }
                state.changed.put("settings", null);
            }
            }
        }
        List<SectionChange> sectionList = new ArrayList<>();
        sectionChanges.forEach((n, f) -> sectionList.add(new SectionChange(n, f)));
        List<ModuleChange> moduleList = new ArrayList<>();
        for (ModuleState s : moduleStates.values()) {
            if (s.changed.containsKey("settings")) {
                s.changed.put("settings", GSON.toJson(s.settings));
            }
            moduleList.add(new ModuleChange(s.module.cmid(), s.changed));
        }
        return new Plan(sectionList, moduleList);
    }

    /** The field with the value in place: all of it, or each occurrence of the placeholder. */
    private static String apply(String current, String placeholder, String value) {
        if (placeholder == null) {
            return value;
        }
        return current == null ? null : current.replace(placeholder, value);
    }

    /** A module's settings as a JSON object, or {@code null} when it has none (or they are not one). */
    private static JsonObject settings(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement e = JsonParser.parseReader(reader);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** Gson's message about malformed JSON, without its advice to parse leniently and its links. */
    static String jsonProblem(Throwable e) {
        Throwable t = e instanceof JsonParseException && e.getCause() != null ? e.getCause() : e;
        String m = String.valueOf(t.getMessage());
        int see = m.indexOf("\nSee ");
        if (see >= 0) {
            m = m.substring(0, see);
        }
        return m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON")
                .strip();
    }

    private static WsException entry(String key, String why) {
        return invalid("Invalid replacement '" + key + "': " + why);
    }

    private static WsException invalid(String debuginfo) {
        return WsException.invalidParameter(debuginfo);
    }
}
