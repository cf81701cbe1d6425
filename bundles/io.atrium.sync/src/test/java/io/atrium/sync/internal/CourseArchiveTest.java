package io.atrium.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import io.atrium.lms.api.CourseModuleContent;
import io.atrium.lms.api.CourseSection;

class CourseArchiveTest {

    private static CourseArchive sample() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("category", 3L);
        fields.put("fullname", "Biology \u00e9 <b>101</b>");
        fields.put("shortname", "BIO101");
        fields.put("idnumber", "");
        fields.put("summary", "<p>Cells & \"genes\"</p>");
        fields.put("format", "weeks");
        fields.put("startdate", 1725148800L);
        fields.put("visible", 0); // as the database gives a SMALLINT
        fields.put("groupmode", (short) 2);
        fields.put("enablecompletion", true);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("hiddensections", "1");
        options.put("automaticenddate", null);
        fields.put("formatoptions", options);
        List<CourseSection> sections = List.of(new CourseSection(10, 7, 0, null, "", 1, true),
                new CourseSection(11, 7, 1, "Week \u00fcber", "<p>First</p>", 1, false),
                new CourseSection(12, 7, 3, "Gap", null, 0, true));
        List<CourseModuleContent> modules = List.of(
                new CourseModuleContent(21, 7, 0, "forum", "News", null, null, "", true),
                new CourseModuleContent(22, 7, 1, "url", "Docs", "<p>Read</p>",
                        "{\"docurl\":\"http://example.org/data1\",\"n\":5,\"x\":null}", "{course:idnumber}_dist", true),
                new CourseModuleContent(23, 7, 1, "page", "Page", "", "{}", "P1", false));
        return CourseArchive.of(fields, sections, modules);
    }

    @Test
    void ofKeepsTheArchivedFieldsInTheirKinds() {
        CourseArchive a = sample();
        assertEquals(0L, a.course().get("visible"));
        assertEquals(2L, a.course().get("groupmode"));
        assertEquals(1L, a.course().get("enablecompletion"));
        assertEquals(null, a.course().get("category"));
        assertEquals("", a.sections().get(2).summary());
        assertEquals(3, a.lastSection());
        Map<String, Object> create = a.courseFields();
        assertTrue(!create.containsKey("shortname") && !create.containsKey("fullname") && !create.containsKey("idnumber"));
        assertEquals("weeks", create.get("format"));
    }

    @Test
    void roundTrips() throws Exception {
        CourseArchive a = sample();
        byte[] zip = a.write();
        CourseArchive b = CourseArchive.read(new ByteArrayInputStream(zip));
        assertEquals(a, b);
        assertEquals(a.write().length, b.write().length);
        // The JSON is readable and tagged.
        String json = entry(zip);
        assertTrue(json.contains("\"format\": \"atrium-course-archive\""), json);
        assertTrue(json.contains("\"version\": 1"), json);
        assertTrue(json.contains("<p>Cells & \\\"genes\\\"</p>"), json);
    }

    @Test
    void anEmptyCourseRoundTrips() throws Exception {
        CourseArchive a = CourseArchive.of(new HashMap<>(), List.of(), List.of());
        assertEquals(a, CourseArchive.read(new ByteArrayInputStream(a.write())));
        assertEquals(0, a.lastSection());
    }

    @Test
    void readsSettingsWrittenAsAnObjectAndDefaults() throws Exception {
        CourseArchive a = CourseArchive.read(new ByteArrayInputStream(zip("{\"format\":\"atrium-course-archive\",\"version\":1,\"course\":{},"
                + "\"sections\":[{\"section\":1},{\"section\":0}],"
                + "\"modules\":[{\"section\":1,\"modname\":\"url\",\"settings\":{\"docurl\":\"x\"}}]}")));
        assertEquals(List.of(new CourseArchive.Section(0, null, "", 1, true), new CourseArchive.Section(1, null, "", 1,
                true)), a.sections());
        assertEquals(new CourseArchive.Module(1, "url", "", null, "{\"docurl\":\"x\"}", "", true), a.modules().get(0));
        assertEquals(Map.of("formatoptions", Map.of()), a.course());
    }

    private static void invalid(byte[] bytes, String expected) {
        CourseArchive.Invalid e = assertThrows(CourseArchive.Invalid.class,
                () -> CourseArchive.read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void invalid(String json, String expected) throws IOException {
        invalid(zip(json), expected);
    }

    private static final String HEAD = "{\"format\":\"atrium-course-archive\",\"version\":1,";

    @Test
    void refusesWhatIsNotAnArchive() throws IOException {
        invalid("not a zip at all".getBytes(StandardCharsets.UTF_8), "not a course archive");
        invalid(new byte[0], "not a course archive");
        invalid(zip("other.json", "{}"), "not a course archive: a zip holding course.json");
        invalid("{", "course.json is not valid JSON");
        invalid("{\"format\":\"atrium-course-archive\",}", "course.json is not valid JSON: Expected name at line 1");
        invalid("{'format':'atrium-course-archive'}", "course.json is not valid JSON");
        invalid("[]", "course.json is not a JSON object");
        invalid("{\"version\":1}", "has no \"format\": \"atrium-course-archive\"");
        invalid("{\"format\":\"atrium-course-archive\"}", "version -1 of the course archive format is not known");
        invalid("{\"format\":\"atrium-course-archive\",\"version\":2,\"course\":{}}", "version 2");
        invalid(HEAD + "\"course\":[]}", "course must be a JSON object");
        invalid("{\"format\":\"atrium-course-archive\",\"version\":1}", "course must be a JSON object");
    }

    @Test
    void refusesBadValues() throws IOException {
        invalid(HEAD + "\"course\":{\"category\":3}}", "course.category is not a course field of the archive format");
        invalid(HEAD + "\"course\":{\"fullname\":1}}", "course.fullname must be a string");
        invalid(HEAD + "\"course\":{\"visible\":\"1\"}}", "course.visible must be a whole number");
        invalid(HEAD + "\"course\":{\"startdate\":1.5}}", "course.startdate must be a whole number");
        invalid(HEAD + "\"course\":{\"formatoptions\":{\"a\":1}}}", "course.formatoptions.a must be a string");
        invalid(HEAD + "\"course\":{},\"sections\":{}}", "sections must be a JSON array");
        invalid(HEAD + "\"course\":{},\"sections\":[1]}", "sections[0] must be a JSON object");
        invalid(HEAD + "\"course\":{},\"sections\":[{}]}", "sections[0].section must be a number from 0 to 1000");
        invalid(HEAD + "\"course\":{},\"sections\":[{\"section\":1001}]}", "from 0 to 1000");
        invalid(HEAD + "\"course\":{},\"sections\":[{\"section\":1},{\"section\":1}]}", "section 1 appears twice");
        invalid(HEAD + "\"course\":{},\"sections\":[{\"section\":0,\"visible\":\"yes\"}]}",
                "sections[0].visible must be true or false");
        invalid(HEAD + "\"course\":{},\"sections\":[{\"section\":0}],\"modules\":[{\"section\":1,\"modname\":\"page\"}]}",
                "modules[0].section 1 is not among the archive's sections");
        invalid(HEAD + "\"course\":{},\"sections\":[{\"section\":0}],\"modules\":[{\"section\":0}]}",
                "modules[0].modname must be a module type");
        invalid(HEAD + "\"course\":{},\"sections\":[{\"section\":0}],\"modules\":[{\"section\":0,\"modname\":\"../x\"}]}",
                "modules[0].modname must be a module type");
        invalid(HEAD + "\"course\":{},\"sections\":[{\"section\":0}],\"modules\":[{\"section\":0,\"modname\":\"page\","
                + "\"settings\":[1]}]}", "modules[0].settings must be a string");
    }

    private static String entry(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e = in.getNextEntry();
            assertEquals(CourseArchive.ENTRY, e.getName());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] zip(String json) throws IOException {
        return zip(CourseArchive.ENTRY, json);
    }

    private static byte[] zip(String name, String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("files/readme.txt"));
            z.write("ignored".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry(name));
            z.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
