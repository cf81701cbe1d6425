package io.atrium.ws.rest.internal;

import io.atrium.testsupport.Golden;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.atrium.ws.api.WsException;
import io.atrium.ws.core.php.PhpJson;

class PhpJsonTest {

    // ---- Golden bodies -------------------------------------------------------------------

    /** Every capture whose response is JSON from PHP's json_encode (REST, token, upload). */
    static Stream<String> jsonCaptures() {
        return Golden.files("").stream().filter(f -> {
            Golden g = Golden.of(f);
            String type = g.responseHeader("Content-Type");
            return type != null && type.startsWith("application/json") && g.body().length > 0;
        });
    }

    @Test
    void thereAreManyJsonCaptures() {
        assertTrue(jsonCaptures().count() >= 60, "expected the golden JSON captures");
    }

    @ParameterizedTest
    @MethodSource("jsonCaptures")
    void reencodingAGoldenBodyGivesTheSameBytes(String file) {
        Golden g = Golden.of(file);
        assertArrayEquals(g.body(), PhpJson.encode(g.bodyJson()).getBytes(StandardCharsets.UTF_8), file);
    }

    @Test
    void getCourses() {
        Golden g = Golden.of("rest_json_get_courses.http");
        Map<String, Object> course = new LinkedHashMap<>();
        course.put("id", 2L);
        course.put("shortname", "GOLD101");
        course.put("categoryid", 1L);
        course.put("categorysortorder", 10001L);
        course.put("fullname", "Golden Course 101");
        course.put("displayname", "Golden Course 101");
        course.put("idnumber", "GOLD101");
        course.put("summary", "Course used for golden captures");
        course.put("summaryformat", 1L);
        course.put("format", "topics");
        course.put("showgrades", 1L);
        course.put("newsitems", 1L);
        course.put("startdate", 0L);
        course.put("enddate", 0L);
        course.put("numsections", 0L);
        course.put("maxbytes", 0L);
        course.put("showreports", 0L);
        course.put("visible", 1L);
        course.put("hiddensections", 1L);
        course.put("groupmode", 0L);
        course.put("groupmodeforce", 0L);
        course.put("defaultgroupingid", 0L);
        course.put("timecreated", 1795347661L);
        course.put("timemodified", 1795347661L);
        course.put("enablecompletion", 0L);
        course.put("completionnotify", 0L);
        course.put("lang", "");
        course.put("forcetheme", "");
        course.put("courseformatoptions", List.of(option("hiddensections", 1L), option("coursedisplay", 0L)));
        course.put("showactivitydates", false);
        course.put("showcompletionconditions", true);
        assertEquals(g.bodyText(), PhpJson.encode(List.of(course)));
    }

    private static Map<String, Object> option(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("value", value);
        return m;
    }

    @Test
    void createCategoriesEscapesSlashAndNonAscii() {
        Map<String, Object> category = new LinkedHashMap<>();
        category.put("id", 2L);
        category.put("name", "Catégorie é/ü J");
        assertArrayEquals(Golden.of("rest_json_create_categories.http").body(),
                PhpJson.encode(List.of(category)).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void addCohortMembersWarnings() {
        Map<String, Object> warning = new LinkedHashMap<>();
        warning.put("warningcode", "2");
        warning.put("message", "user username=nosuchuser/é not exists");
        assertEquals(Golden.of("rest_json_add_cohort_members.http").bodyText(),
                PhpJson.encode(Map.of("warnings", List.of(warning))));
    }

    @Test
    void usersByFieldEmailKeepsAmpersandAndApostropheRaw() {
        Golden g = Golden.of("rest_json_get_users_by_field_email.http");
        String out = PhpJson.encode(g.bodyJson());
        assertEquals(g.bodyText(), out);
        assertTrue(out.contains("\"lastname\":\"O'Brien & \\u00c7a\\/va\""));
    }

    @Test
    void nullReturnsPrintNull() {
        assertEquals(Golden.of("rest_json_add_group_members.http").bodyText(), PhpJson.encode(null));
        assertEquals("null", PhpJson.encode(null));
    }

    @Test
    void emptyListsAndEmptyMapsAreEmptyArrays() {
        assertEquals(Golden.of("rest_json_get_users_by_field_empty.http").bodyText(), PhpJson.encode(List.of()));
        assertEquals(Golden.of("rest_json_delete_courses.http").bodyText(),
                PhpJson.encode(Map.of("warnings", new LinkedHashMap<>())));
    }

    // ---- Errors --------------------------------------------------------------------------

    static Stream<String> jsonErrorCaptures() {
        return Stream.concat(Golden.files("rest_json_").stream(), Golden.files("debug_rest_json_").stream())
                .filter(f -> Golden.of(f).bodyJson() instanceof Map<?, ?> m && m.containsKey("exception"));
    }

    @ParameterizedTest
    @MethodSource("jsonErrorCaptures")
    void errorBodies(String file) {
        Golden g = Golden.of(file);
        Map<?, ?> body = (Map<?, ?>) g.bodyJson();
        WsException e = new WsException((String) body.get("exception"), (String) body.get("errorcode"),
                (String) body.get("message"), (String) body.get("debuginfo"));
        boolean debug = file.startsWith("debug_");
        assertArrayEquals(g.body(), PhpJson.encodeError(e, debug).getBytes(StandardCharsets.UTF_8), file);
    }

    @Test
    void errorShapesCoverBackslashesAndDebuginfo() {
        assertTrue(jsonErrorCaptures().count() >= 30);
        assertTrue(jsonErrorCaptures().anyMatch(f -> Golden.of(f).bodyText().contains("core\\\\exception\\\\")));
        assertTrue(jsonErrorCaptures().anyMatch(f -> Golden.of(f).bodyText().contains("\\n")));
    }

    @Test
    void debuginfoIsLeftOutWithoutDebugging() {
        for (String name : List.of("err_access_exception", "err_invalid_param_type", "err_unknown_function",
                "create_users_err_missing_key", "err_missing_wsfunction")) {
            Map<?, ?> debug = (Map<?, ?>) Golden.of("debug_rest_json_" + name + ".http").bodyJson();
            assertTrue(debug.get("debuginfo") != null, name);
            WsException e = new WsException((String) debug.get("exception"), (String) debug.get("errorcode"),
                    (String) debug.get("message"), (String) debug.get("debuginfo"));
            assertEquals(Golden.of("rest_json_" + name + ".http").bodyText(), PhpJson.encodeError(e, false), name);
        }
    }

    @Test
    void errorsFromTheApiFactories() {
        assertEquals(Golden.of("rest_json_err_invalid_token.http").bodyText(),
                PhpJson.encodeError(WsException.invalidToken(), false));
        assertEquals(Golden.of("debug_rest_json_err_invalid_token.http").bodyText(),
                PhpJson.encodeError(WsException.invalidToken(), true));
        assertEquals(Golden.of("debug_rest_json_err_missing_wsfunction.http").bodyText(),
                PhpJson.encodeError(WsException.invalidParameter("Missing function name"), true));
        assertEquals(Golden.of("debug_rest_json_err_invalid_param_value.http").bodyText(),
                PhpJson.encodeError(WsException.codingError("invalid field parameter",
                        "The search field 'bogus' is not supported, look at the web service documentation"), true));
        assertEquals(Golden.of("debug_rest_json_err_access_exception_no_protocol_cap.http").bodyText(),
                PhpJson.encodeError(WsException.accessException(
                        "You are not allowed to use the rest protocol (missing capability: webservice/rest:use)"), true));
        assertEquals(Golden.of("rest_json_err_nopermissions.http").bodyText(),
                PhpJson.encodeError(WsException.noPermissions("Create users"), false));
        assertEquals(Golden.of("rest_json_create_categories_err_duplicate_idnumber.http").bodyText(),
                PhpJson.encodeError(WsException.of("categoryidnumbertaken",
                        "ID number is already used for another category"), true));
        assertEquals(Golden.of("debug_rest_json_err_unknown_function.http").bodyText(),
                PhpJson.encodeError(WsException.invalidRecord("external_functions",
                        "SELECT * FROM {external_functions} WHERE name = ?\n[array (\n  0 => 'core_no_such_function',\n)]"),
                        true));
    }

    // ---- Strings -------------------------------------------------------------------------

    @Test
    void stringEscaping() {
        assertEquals("\"a\\/b\"", PhpJson.encode("a/b"));
        assertEquals("\"\\\"q\\\" \\\\\"", PhpJson.encode("\"q\" \\"));
        assertEquals("\"\\b\\f\\n\\r\\t\"", PhpJson.encode("\b\f\n\r\t"));
        assertEquals("\"\\u0000\\u0001\\u001f\"", PhpJson.encode("\u0000\u0001\u001f"));
        assertEquals("\"\u007f & ' < >\"", PhpJson.encode("\u007f & ' < >"));
        assertEquals("\"\\u00e9\\u00fc\\u20ac\\uffff\"", PhpJson.encode("éü€\uffff"));
        assertEquals("\"\\ud83d\\ude00\"", PhpJson.encode("😀"));
        assertEquals("\"\"", PhpJson.encode(""));
    }

    @Test
    void loneSurrogatesAreNotUnicode() {
        assertThrows(IllegalArgumentException.class, () -> PhpJson.encode("a\ud83d"));
        assertThrows(IllegalArgumentException.class, () -> PhpJson.encode("\ude00b"));
        assertThrows(IllegalArgumentException.class, () -> PhpJson.encode(Map.of("k\ud800", 1L)));
    }

    // ---- Numbers -------------------------------------------------------------------------

    @Test
    void integers() {
        assertEquals("[0,-1,9223372036854775807,-9223372036854775808,7,3,-2]",
                PhpJson.encode(List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 7, (short) 3, (byte) -2)));
        assertEquals("[true,false,null]", PhpJson.encode(java.util.Arrays.asList(true, false, null)));
    }

    @ParameterizedTest
    @CsvSource({
            "1.0, 1",
            "-1.0, -1",
            "0.0, 0",
            "-0.0, -0",
            "0.1, 0.1",
            "1.5, 1.5",
            "-2.25, -2.25",
            "100.0, 100",
            "123456.789, 123456.789",
            "0.30000000000000004, 0.30000000000000004",
            "0.0001, 0.0001",
            "0.00012, 0.00012",
            "0.00001, 1.0e-5",
            "0.000012345, 1.2345e-5",
            "1e16, 10000000000000000",
            "1.2345e16, 12345000000000000",
            "1e17, 1.0e+17",
            "123456789012345678, 1.2345678901234568e+17",
            "1e25, 1.0e+25",
            "1.5e300, 1.5e+300",
            "1.7976931348623157e308, 1.7976931348623157e+308",
            "4.9e-324, 5.0e-324",
            "2.2250738585072014e-308, 2.2250738585072014e-308",
            "9007199254740993, 9007199254740992",
            "3.141592653589793, 3.141592653589793",
            "2e-3, 0.002",
            "1e-4, 0.0001",
            "5e-5, 5.0e-5",
    })
    void floatsAsJsonEncodePrintsThem(double value, String expected) {
        assertEquals(expected, PhpJson.encode(value));
    }

    @Test
    void floatsAreShortestRoundTrip() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String s = PhpJson.encode(d);
            assertEquals(d, Double.parseDouble(s), s);
            // Never longer than Java's own shortest-ish form (which is never shorter than needed).
            String mantissa = s.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "")
                    .replaceFirst("^0+", "");
            assertTrue(mantissa.length() <= 17, s);
        }
    }

    @Test
    void floatStandsForItsDecimal() {
        assertEquals("0.1", PhpJson.encode(0.1f));
        assertEquals("[1.5]", PhpJson.encode(List.of(1.5f)));
    }

    @Test
    void nanAndInfinityCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class, () -> PhpJson.encode(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PhpJson.encode(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> PhpJson.encode(List.of(Double.NEGATIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> PhpJson.encode(Float.NaN));
    }

    // ---- Arrays --------------------------------------------------------------------------

    @Test
    void phpArrays() {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("0", "a");
        list.put("1", "b");
        assertEquals("[\"a\",\"b\"]", PhpJson.encode(list), "keys 0..n-1 in order are a list");
        Map<String, Object> gap = new LinkedHashMap<>();
        gap.put("0", "a");
        gap.put("2", "b");
        assertEquals("{\"0\":\"a\",\"2\":\"b\"}", PhpJson.encode(gap));
        Map<String, Object> unordered = new LinkedHashMap<>();
        unordered.put("1", "b");
        unordered.put("0", "a");
        assertEquals("{\"1\":\"b\",\"0\":\"a\"}", PhpJson.encode(unordered));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("b/c", List.of());
        object.put("a", new LinkedHashMap<>());
        object.put("é", new ArrayList<>(List.of(1L, "x")));
        assertEquals("{\"b\\/c\":[],\"a\":[],\"\\u00e9\":[1,\"x\"]}", PhpJson.encode(object));
        assertEquals("[]", PhpJson.encode(Map.of()));
        assertEquals("[[],[[]]]", PhpJson.encode(List.of(List.of(), List.of(Map.of()))));
    }

    @Test
    void otherJavaTypesStandForNoPhpValue() {
        assertThrows(IllegalArgumentException.class, () -> PhpJson.encode(new Object()));
        assertThrows(IllegalArgumentException.class, () -> PhpJson.encode(List.of(new int[] { 1 })));
        assertFalse(PhpJson.encode("x").isEmpty());
    }
}
