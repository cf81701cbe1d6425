package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.store.api.Db;
import io.atrium.ws.api.MultipleStructure;
import io.atrium.ws.api.ParamType;

/** What the course and category functions share: text formatting, format options, descriptors. */
final class CourseOutput {

    private CourseOutput() {
    }

    /** Moodle's {@code external_format_value}: the format of a text field. */
    static final String FORMAT_DESCRIPTION = " format (1 = HTML, 0 = MOODLE, 2 = PLAIN, or 4 = MARKDOWN)";

    /**
     * Moodle's {@code external_format_text()} for HTML and Moodle-format text, as far as clients
     * see it: the HTML cleaner writes every bare {@code &} as {@code &amp;} (in text and in
     * attributes) and leaves the rest as it was.
     */
    static String formatText(String text, int format) {
        if (text == null) {
            return "";
        }
        if (format == 2) { // plain text is shown escaped
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                    .replace("\n", "<br />");
        }
        return FormattedText.bareAmpersands(text);
    }

    /** Moodle's {@code external_files}: files of a text area (always empty here: no files are kept for them). */
    static MultipleStructure files(String description) {
        return multiple(single(
                key("filename", value(ParamType.FILE, "File name.").optional()),
                key("filepath", value(ParamType.PATH, "File path.").optional()),
                key("filesize", value(ParamType.INT, "File size.").optional()),
                key("fileurl", value(ParamType.URL, "Downloadable file url.").optional()),
                key("timemodified", value(ParamType.INT, "Time modified.").optional()),
                key("mimetype", value(ParamType.RAW, "File mime type.").optional()),
                key("isexternalfile", value(ParamType.BOOL, "Whether is an external file.").optional()),
                key("repositorytype", value(ParamType.PLUGIN, "The repository type for external files.").optional()),
                key("icon", value(ParamType.RAW, "The relative path to the file icon based on core_filetypes.").optional())),
                description);
    }

    /** The options Moodle's formats keep as integers (the rest come back as text, as stored). */
    private static final List<String> INTEGER_OPTIONS = List.of("numsections", "hiddensections", "coursedisplay",
            "automaticenddate");

    /** A course's format options, name to value, in the order they were stored. */
    static Map<String, Object> formatOptions(Db db, long course, String format) {
        Map<String, Object> options = new LinkedHashMap<>();
        db.list("SELECT name, value FROM mdl_course_format_options WHERE courseid = ? AND format = ? "
                + "AND sectionid = 0 ORDER BY id", rs -> {
                    String name = rs.getString(1);
                    String v = rs.getString(2);
                    Object typed = v;
                    if (v != null && INTEGER_OPTIONS.contains(name) && v.matches("-?[0-9]+")) {
                        typed = Long.parseLong(v);
                    }
                    options.put(name, typed);
                    return name;
                }, course, format);
        return options;
    }

    /** Format options as the functions list them: {@code [{name, value}, ...]}. */
    static List<Map<String, Object>> optionList(Map<String, Object> options) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<String, Object> o : options.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", o.getKey());
            m.put("value", o.getValue());
            list.add(m);
        }
        return list;
    }
}
