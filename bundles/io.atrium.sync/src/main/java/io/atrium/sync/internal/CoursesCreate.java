package io.atrium.sync.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.lms.api.Category;
import io.atrium.ws.api.WsException;

/**
 * {@code courses}/{@code create}: one course per line, matched by the
 * {@code courses_fileuploadidentifier} setting (shortname, idnumber or id): created when
 * unknown; when known, updated with the columns the line fills if {@code courses_forceupdate}
 * is 1 (never its format, category or template, as the original), else reported as existing.
 * Required columns {@code shortname, fullname}; optional the course fields of {@link #FIELDS},
 * {@code category} (see {@link #category}), {@code template} (a template course's shortname:
 * the new course is a copy of it) and {@code topic0..topic52} (section summaries). Any other
 * column aborts the file, naming it: a column this server would ignore is better refused than
 * silently dropped.
 */
final class CoursesCreate implements Processor {

    /** Course fields a column sets, with their allowed range (text fields: none). */
    static final Map<String, long[]> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("idnumber", null);
        FIELDS.put("summary", null);
        FIELDS.put("format", null);
        FIELDS.put("lang", null);
        FIELDS.put("theme", null);
        FIELDS.put("startdate", null);
        FIELDS.put("enddate", null);
        FIELDS.put("summaryformat", new long[] { 0, 4 });
        FIELDS.put("visible", new long[] { 0, 1 });
        FIELDS.put("groupmode", new long[] { 0, 2 });
        FIELDS.put("groupmodeforce", new long[] { 0, 1 });
        FIELDS.put("showgrades", new long[] { 0, 1 });
        FIELDS.put("newsitems", new long[] { 0, 10 });
        FIELDS.put("maxbytes", new long[] { 0, Long.MAX_VALUE });
        FIELDS.put("showreports", new long[] { 0, 1 });
        FIELDS.put("enablecompletion", new long[] { 0, 1 });
    }

    static final int LAST_TOPIC = 52;
    private static final Pattern TOPIC = Pattern.compile("topic([0-9]{1,2})");
    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_]{0,20}");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]");

    private final Domain domain;
    private final CourseDeployer deployer;

    CoursesCreate(Domain domain) {
        this.domain = domain;
        this.deployer = new CourseDeployer(domain.courses());
    }

    @Override
    public List<String> required() {
        return List.of("shortname", "fullname");
    }

    @Override
    public String checkHeader(Columns columns) {
        List<String> unknown = new ArrayList<>();
        for (String name : columns.names()) {
            if (!known(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            return "The column(s) " + String.join(", ", unknown) + " are not supported by courses/create; its "
                    + "columns are shortname, fullname, id, category, template, " + String.join(", ", FIELDS.keySet())
                    + " and topic0 to topic" + LAST_TOPIC + "; nothing was processed";
        }
        String identifier = domain.settings().get("courses", "fileuploadidentifier");
        if (!columns.has(identifier)) {
            return "The courses are matched by " + identifier + " (courses_fileuploadidentifier) but the file has no "
                    + identifier + " column; nothing was processed";
        }
        return null;
    }

    private static boolean known(String column) {
        if (List.of("shortname", "fullname", "id", "category", "template").contains(column)
                || FIELDS.containsKey(column)) {
            return true;
        }
        Matcher m = TOPIC.matcher(column);
        return m.matches() && Integer.parseInt(m.group(1)) <= LAST_TOPIC;
    }

    @Override
    public String line(CsvTable.Row row, Columns c, long actor) throws LineFailure {
        String shortname = c.text(row, "shortname");
        String fullname = c.text(row, "fullname");
        if (shortname.isEmpty()) {
            throw new LineFailure("No shortname");
        }
        if (fullname.isEmpty()) {
            throw new LineFailure("No fullname for " + shortname);
        }
        String identifier = domain.settings().get("courses", "fileuploadidentifier");
        String key = c.text(row, identifier);
        long id = key.isEmpty() ? -1 : Domain.find(() -> domain.identifiers().course(identifier, key));
        Map<String, Object> fields = fields(row, c);
        fields.put("shortname", shortname);
        fields.put("fullname", fullname);
        Map<Integer, String> topics = topics(row, c);
        try {
            if (id >= 0) {
                if (!domain.settings().flag("courses", "forceupdate")) {
                    return "course " + shortname + " exists (id " + id + "): not updated, courses_forceupdate is off";
                }
                fields.remove("format");
                domain.courses().update(id, fields, actor);
                summaries(id, topics, actor);
                List<String> ignored = new ArrayList<>();
                for (String col : List.of("category", "format", "template")) {
                    if (!c.text(row, col).isEmpty()) {
                        ignored.add(col);
                    }
                }
                return "updated course " + shortname + " (id " + id + ")" + topicsNote(topics)
                        + (ignored.isEmpty() ? "" : "; " + String.join(", ", ignored)
                                + " not changed: an existing course keeps them");
            }
            StringBuilder note = new StringBuilder();
            long category = category(c.text(row, "category"), actor, note);
            fields.put("category", category);
            String template = c.text(row, "template");
            if (template.isEmpty()) {
                id = domain.courses().create(fields, actor);
            } else {
                long templateId = Domain.require(() -> domain.identifiers().course("shortname", template));
                id = deployer.fromTemplate(templateId, fields, actor);
                note.append(", from template ").append(template);
            }
            summaries(id, topics, actor);
            return "created course " + shortname + " (id " + id + ")" + note + topicsNote(topics);
        } catch (WsException e) {
            throw LineFailure.of(e);
        }
    }

    /** The course fields the line fills (empty values are not given). */
    private static Map<String, Object> fields(CsvTable.Row row, Columns c) throws LineFailure {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> f : FIELDS.entrySet()) {
            String v = c.text(row, f.getKey());
            if (v.isEmpty()) {
                continue;
            }
            String name = f.getKey();
            if (name.equals("startdate") || name.equals("enddate")) {
                fields.put(name, time(name, v));
            } else if (name.equals("format")) {
                if (!FORMAT.matcher(v).matches()) {
                    throw new LineFailure("format '" + v + "' is not a course format name (such as topics or weeks)");
                }
                fields.put(name, v);
            } else if (f.getValue() != null) {
                fields.put(name, number(name, v, f.getValue()[0], f.getValue()[1]));
            } else {
                fields.put(name, v);
            }
        }
        return fields;
    }

    private static long number(String column, String v, long min, long max) throws LineFailure {
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LineFailure(column + " '" + v + "' is not a whole number from " + min + " to "
                + (max == Long.MAX_VALUE ? "any" : String.valueOf(max)));
    }

    /** Unix seconds, or a date ({@code 2024-09-01}) or date and time ({@code 2024-09-01 08:00}) in the server's zone. */
    static long time(String column, String v) throws LineFailure {
        if (v.matches("-?[0-9]+")) {
            return Long.parseLong(v);
        }
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneId.systemDefault()).toEpochSecond();
            }
            return LocalDateTime.parse(v, DATE_TIME).atZone(ZoneId.systemDefault()).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new LineFailure(column + " '" + v + "' is neither Unix seconds nor a date as 2024-09-01 or "
                    + "2024-09-01 08:00");
        }
    }

    /** The topicN columns the line fills, by section number. */
    private static Map<Integer, String> topics(CsvTable.Row row, Columns c) {
        Map<Integer, String> topics = new TreeMap<>();
        for (int n = 0; n <= LAST_TOPIC; n++) {
            String v = c.text(row, "topic" + n);
            if (!v.isEmpty()) {
                topics.put(n, v);
            }
        }
        return topics;
    }

    private void summaries(long courseId, Map<Integer, String> topics, long actor) throws WsException {
        for (Map.Entry<Integer, String> t : topics.entrySet()) {
            domain.courses().updateSection(courseId, t.getKey(), Map.of("summary", t.getValue()), actor);
        }
    }

    private static String topicsNote(Map<Integer, String> topics) {
        return topics.isEmpty() ? "" : ", " + topics.size() + " section summar" + (topics.size() == 1 ? "y" : "ies");
    }

    /**
     * The category of a new course. Empty: the first top-level category (Moodle's default).
     * With {@code courses_coursecategoryidentifier} {@code idnumber}: a category idnumber. With
     * {@code idname} (the default): a category id when all digits, else a path of names from the
     * top ({@code Miscellaneous/Tests}) whose missing categories are created, visible as
     * {@code courses_newcategoriesvisible} says.
     */
    private long category(String value, long actor, StringBuilder note) throws LineFailure, WsException {
        if (value.isEmpty()) {
            List<Category> top = domain.categories().children(0);
            if (top.isEmpty()) {
                throw new LineFailure("No category given and the site has none");
            }
            note.append(" in category ").append(top.get(0).name());
            return top.get(0).id();
        }
        if (domain.settings().get("courses", "coursecategoryidentifier").equals("idnumber")) {
            long id = Domain.find(() -> domain.identifiers().category("idnumber", value));
            if (id < 0) {
                throw new LineFailure("No category with idnumber " + value
                        + " (courses_coursecategoryidentifier is idnumber)");
            }
            note.append(" in category ").append(value);
            return id;
        }
        if (value.matches("[0-9]+")) {
            long id = Long.parseLong(value);
            if (domain.categories().get(id).isEmpty()) {
                throw new LineFailure("No category with id " + value);
            }
            note.append(" in category ").append(value);
            return id;
        }
        long parent = 0;
        List<String> created = new ArrayList<>();
        List<String> path = new ArrayList<>();
        for (String segment : value.split("/")) {
            String name = segment.strip();
            if (name.isEmpty()) {
                continue;
            }
            path.add(name);
            Optional<Category> child = domain.categories().children(parent).stream()
                    .filter(x -> x.name().equals(name)).findFirst();
            if (child.isPresent()) {
                parent = child.get().id();
            } else {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("name", name);
                fields.put("parent", parent);
                fields.put("visible", domain.settings().flag("courses", "newcategoriesvisible") ? 1 : 0);
                parent = domain.categories().create(fields, actor);
                created.add(String.join("/", path));
            }
        }
        if (parent == 0) {
            throw new LineFailure("category '" + value + "' names no category");
        }
        note.append(" in category ").append(String.join("/", path));
        if (!created.isEmpty()) {
            note.append(" (created ").append(String.join(", ", created)).append(')');
        }
        return parent;
    }
}
