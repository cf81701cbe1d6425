package io.atrium.ws.core.internal;

import static io.atrium.ws.api.ParamType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsException;

/**
 * Moodle 4.5's clean_param(), validate_param(), and the scalar parts of validate_parameters() and
 * clean_returnvalue(), as {@link ParamTypes} mirrors them.
 */
class ParamTypesTest {

    private final ParamTypes types = new ParamTypes();

    // ================================================================== golden captures

    /** debug_rest_json_err_invalid_param_type.http: courseid=notanint for an int parameter. */
    @Test
    void goldenInvalidIntParameter() {
        WsException e = assertThrows(WsException.class, () -> types.validateParameter(INT, "notanint", false));
        assertEquals("invalidparameter", e.errorcode());
        assertEquals("core\\exception\\invalid_parameter_exception", e.exceptionClass());
        assertEquals("Invalid parameter value detected", e.getMessage());
        assertEquals("Invalid external api parameter: the value is \"notanint\", the server was expecting \"int\" type",
                e.debuginfo());
    }

    /** debug_rest_json_update_users_err_notags.http: lastname "O'Brien <Ça/va>" for a notags field. */
    @Test
    void goldenNotagsParameter() throws WsException {
        WsException e = assertThrows(WsException.class,
                () -> types.validateParameter(NOTAGS, "O'Brien <\u00c7a/va>", true));
        assertEquals("invalidparameter", e.errorcode());
        assertEquals("Invalid external api parameter: the value is \"O'Brien <\u00c7a/va>\", "
                + "the server was expecting \"notags\" type", e.debuginfo());
        // The accented first name of the same request is fine.
        assertEquals("Zo\u00eb/\u00dcn\u00ef", types.validateParameter(NOTAGS, "Zo\u00eb/\u00dcn\u00ef", true));
    }

    // ================================================================== clean_param()

    static Stream<Arguments> cleanCases() {
        return Stream.of(
                // INT: PHP's (int) cast
                Arguments.of(INT, "42", "42"),
                Arguments.of(INT, "-7", "-7"),
                Arguments.of(INT, "05", "5"),
                Arguments.of(INT, "1.9", "1"),
                Arguments.of(INT, "-1.9", "-1"),
                Arguments.of(INT, "12abc", "12"),
                Arguments.of(INT, "abc", "0"),
                Arguments.of(INT, " 42", "42"),
                Arguments.of(INT, "+5", "5"),
                Arguments.of(INT, "1e3", "1000"),
                Arguments.of(INT, "0x1A", "0"),
                Arguments.of(INT, "", "0"),
                Arguments.of(INT, "9999999999999999999", "9223372036854775807"),
                Arguments.of(INT, "-9223372036854775808", "-9223372036854775808"),
                // FLOAT: PHP's (float) cast, printed as PHP prints floats
                Arguments.of(FLOAT, "1.5", "1.5"),
                Arguments.of(FLOAT, "1.50", "1.5"),
                Arguments.of(FLOAT, "2", "2"),
                Arguments.of(FLOAT, ".5", "0.5"),
                Arguments.of(FLOAT, "-0.25", "-0.25"),
                Arguments.of(FLOAT, "1e3", "1000"),
                Arguments.of(FLOAT, "1e25", "1.0E+25"),
                Arguments.of(FLOAT, "1.5abc", "1.5"),
                Arguments.of(FLOAT, "abc", "0"),
                // BOOL: on/yes/true and off/no/false, else empty() decides
                Arguments.of(BOOL, "1", "1"),
                Arguments.of(BOOL, "0", "0"),
                Arguments.of(BOOL, "true", "1"),
                Arguments.of(BOOL, "TRUE", "1"),
                Arguments.of(BOOL, "yes", "1"),
                Arguments.of(BOOL, "on", "1"),
                Arguments.of(BOOL, "false", "0"),
                Arguments.of(BOOL, "Off", "0"),
                Arguments.of(BOOL, "no", "0"),
                Arguments.of(BOOL, "", "0"),
                Arguments.of(BOOL, "0.0", "1"),
                Arguments.of(BOOL, "2", "1"),
                Arguments.of(BOOL, "abc", "1"),
                // TEXT: tags stripped, well-formed multilang kept
                Arguments.of(TEXT, "Hello world", "Hello world"),
                Arguments.of(TEXT, "<b>bold</b> text", "bold text"),
                Arguments.of(TEXT, "a < b and c > d", "a < b and c > d"),
                Arguments.of(TEXT, "a<b", "a"),
                Arguments.of(TEXT, "<span lang=\"en\" class=\"multilang\">Hi</span>"
                        + "<span class=\"multilang\" lang=\"fr\">Salut</span>",
                        "<span lang=\"en\" class=\"multilang\">Hi</span>"
                        + "<span class=\"multilang\" lang=\"fr\">Salut</span>"),
                Arguments.of(TEXT, "<span lang=\"en\" class=\"multilang\">Hi</span><b>x</b>",
                        "<span lang=\"en\" class=\"multilang\">Hi</span>x"),
                Arguments.of(TEXT, "<span class=\"x\">a</span>", "a"),
                Arguments.of(TEXT, "<lang lang=\"en\">x</lang><lang lang=\"fr\">y</lang><script>z</script>",
                        "<lang lang=\"en\">x</lang><lang lang=\"fr\">y</lang>z"),
                Arguments.of(TEXT, "<lang lang=\"en\">x</lang><lang lang=\"fr\">y", "xy"),
                Arguments.of(TEXT, "</lang>x", "x"),
                Arguments.of(TEXT, "nul\u0000byte", "nulbyte"),
                // RAW, RAW_TRIMMED: only fix_utf8 (and trim)
                Arguments.of(RAW, "<b> x </b>", "<b> x </b>"),
                Arguments.of(RAW, "a\u0000b", "ab"),
                Arguments.of(RAW, "bad\ud800surrogate", "badsurrogate"),
                Arguments.of(RAW, "emoji \ud83d\ude00", "emoji \ud83d\ude00"),
                Arguments.of(RAW_TRIMMED, " \t x y \n\r\u000B", "x y"),
                Arguments.of(RAW_TRIMMED, "\u00a0x\f", "\u00a0x\f"),
                // ALPHA... character classes
                Arguments.of(ALPHA, "abc123-_XYZ \u00e9!", "abcXYZ"),
                Arguments.of(ALPHAEXT, "abc123-_XYZ \u00e9!/", "abc-_XYZ"),
                Arguments.of(ALPHANUM, "abc123-_XYZ \u00e9!", "abc123XYZ"),
                Arguments.of(ALPHANUMEXT, "abc123-_XYZ \u00e9!", "abc123-_XYZ"),
                // NOTAGS: strip_tags()
                Arguments.of(NOTAGS, "O'Brien <\u00c7a/va>", "O'Brien "),
                Arguments.of(NOTAGS, "<p>Bio \u00e9/\u00fc & m\u00e1s</p>", "Bio \u00e9/\u00fc & m\u00e1s"),
                Arguments.of(NOTAGS, "5 < 6 > 4", "5 < 6 > 4"),
                // EMAIL
                Arguments.of(EMAIL, "zoe.j+tag@example.com", "zoe.j+tag@example.com"),
                Arguments.of(EMAIL, "First.Last@Sub.Example.ORG", "First.Last@Sub.Example.ORG"),
                Arguments.of(EMAIL, "\"quoted\"@example.com", "\"quoted\"@example.com"),
                Arguments.of(EMAIL, "\"quoted name\"@example.com", ""),
                Arguments.of(EMAIL, "a<b@example.com", ""),
                Arguments.of(EMAIL, "user@[127.0.0.1]", "user@[127.0.0.1]"),
                Arguments.of(EMAIL, "user@xn--bcher-kva.example", "user@xn--bcher-kva.example"),
                Arguments.of(EMAIL, "user@localhost", ""),
                Arguments.of(EMAIL, "bad@@example.com", ""),
                Arguments.of(EMAIL, "no-at-sign", ""),
                Arguments.of(EMAIL, "z\u00f6e@example.com", ""),
                Arguments.of(EMAIL, "user@exa_mple.com", ""),
                Arguments.of(EMAIL, ".user@example.com", ""),
                Arguments.of(EMAIL, "us..er@example.com", ""),
                Arguments.of(EMAIL, "user@example.com\n", ""),
                Arguments.of(EMAIL, "", ""),
                // USERNAME: trimmed, lower case, restricted characters
                Arguments.of(USERNAME, " John.Doe@Example.COM ", "john.doe@example.com"),
                Arguments.of(USERNAME, "Zo\u00eb Smith", "zosmith"),
                Arguments.of(USERNAME, "user_1-2", "user_1-2"),
                Arguments.of(USERNAME, "\u0130stanbul", "istanbul"),
                Arguments.of(USERNAME, "a+b#c", "abc"),
                // URL: validateUrlSyntax('s?H?S?F?E-u-P-a?I?p?f?q?r?')
                Arguments.of(URL, "http://example.com/path/file.php?x=1&y[]=2#top", ""),
                Arguments.of(URL, "http://example.com/path/file.php?x=1&y=2#top",
                        "http://example.com/path/file.php?x=1&y=2#top"),
                Arguments.of(URL, "HTTPS://Example.COM:8443/a%20b", "HTTPS://Example.COM:8443/a%20b"),
                Arguments.of(URL, "ftp://files.example.com/pub", "ftp://files.example.com/pub"),
                Arguments.of(URL, "http://192.168.1.10/", "http://192.168.1.10/"),
                Arguments.of(URL, "http://localhost/", "http://localhost/"),
                Arguments.of(URL, "example.com", "example.com"),
                Arguments.of(URL, "/relative/path", "/relative/path"),
                Arguments.of(URL, "https://user:pw@example.com/", ""),
                Arguments.of(URL, "mailto:someone@example.com", ""),
                Arguments.of(URL, "javascript:alert(1)", ""),
                Arguments.of(URL, "http://example.com/a b", ""),
                Arguments.of(URL, "http://example.com:65536/", ""),
                Arguments.of(URL, "http://-bad.example.com/", ""),
                Arguments.of(URL, "0", ""),
                Arguments.of(URL, "", ""),
                // LOCALURL without a site URL: root-relative and safe relative URLs
                Arguments.of(LOCALURL, "/course/view.php?id=2", "/course/view.php?id=2"),
                Arguments.of(LOCALURL, "course/view.php?id=2#section-1", "course/view.php?id=2#section-1"),
                Arguments.of(LOCALURL, "http://evil.example.com/", ""),
                Arguments.of(LOCALURL, "javascript:alert(1)", ""),
                Arguments.of(LOCALURL, "x/javascript:alert(1)", ""),
                Arguments.of(LOCALURL, "x/JavaScript%3Aalert(1)", ""),
                Arguments.of(LOCALURL, "x/javascripts/app.js", "x/javascripts/app.js"),
                Arguments.of(LOCALURL, "//evil.example.com/", ""),
                Arguments.of(LOCALURL, "0", ""),
                // FILE, PATH
                Arguments.of(FILE, "r\u00e9sum\u00e9 (1).pdf", "r\u00e9sum\u00e9 (1).pdf"),
                Arguments.of(FILE, "../etc/passwd", "..etcpasswd"),
                Arguments.of(FILE, "a:b|c<d>e\"f`g'h&i\\j.txt", "abcdefghij.txt"),
                Arguments.of(FILE, "tab\there", "tabhere"),
                Arguments.of(FILE, "..", ""),
                Arguments.of(FILE, ".", ""),
                Arguments.of(PATH, "a\\b//c/./d", "a/b/c/d"),
                Arguments.of(PATH, "./file.txt", "./file.txt"),
                Arguments.of(PATH, "../x", "/x"),
                Arguments.of(PATH, "a/../b", "a/b"),
                Arguments.of(PATH, "/dir/sub/", "/dir/sub/"),
                Arguments.of(PATH, "dir/f:i|le.txt", "dir/file.txt"),
                // SAFEDIR, SAFEPATH, SEQUENCE
                Arguments.of(SAFEDIR, "my dir!/x", "mydirx"),
                Arguments.of(SAFEDIR, "mod_forum-2", "mod_forum-2"),
                Arguments.of(SAFEPATH, "a/b c/d.php", "a/bc/dphp"),
                Arguments.of(SEQUENCE, "1, 2,3a;4", "1,2,34"),
                Arguments.of(SEQUENCE, "8,1,5", "8,1,5"),
                // LANG: installed languages only ({"en"} by default)
                Arguments.of(LANG, "en", "en"),
                Arguments.of(LANG, "en!", "en"),
                Arguments.of(LANG, "fr", ""),
                Arguments.of(LANG, "pt_br", ""),
                // TIMEZONE: Moodle's pattern
                Arguments.of(TIMEZONE, "Europe/Madrid", "Europe/Madrid"),
                Arguments.of(TIMEZONE, "America/Port-au-Prince", "America/Port-au-Prince"),
                Arguments.of(TIMEZONE, "America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
                Arguments.of(TIMEZONE, "UTC", "UTC"),
                Arguments.of(TIMEZONE, "99", "99"),
                Arguments.of(TIMEZONE, "-5", "-5"),
                Arguments.of(TIMEZONE, "+5.5", "+5.5"),
                Arguments.of(TIMEZONE, "12.5", "12.5"),
                Arguments.of(TIMEZONE, "13.5", ""),
                Arguments.of(TIMEZONE, "Etc/GMT+5", ""),
                Arguments.of(TIMEZONE, "Europe/Madrid ", ""),
                Arguments.of(TIMEZONE, "X", ""),
                Arguments.of(TIMEZONE, "Etc5/GMT", "Etc5/GMT"),
                Arguments.of(TIMEZONE, "Europe//Madrid", ""),
                Arguments.of(TIMEZONE, "Europe/", ""),
                Arguments.of(TIMEZONE, "/Europe", ""),
                Arguments.of(TIMEZONE, "Europe/Madrid\n", "Europe/Madrid\n"),
                Arguments.of(TIMEZONE, "", ""),
                // COMPONENT, AREA, PLUGIN
                Arguments.of(COMPONENT, "mod_forum", "mod_forum"),
                Arguments.of(COMPONENT, "core_user", "core_user"),
                Arguments.of(COMPONENT, "tool_my_plugin", "tool_my_plugin"),
                Arguments.of(COMPONENT, "forum", "forum"),
                Arguments.of(COMPONENT, "mod_forum_x", ""),
                Arguments.of(COMPONENT, "core__user", ""),
                Arguments.of(COMPONENT, "Mod_forum", ""),
                Arguments.of(COMPONENT, "mod_", ""),
                Arguments.of(COMPONENT, "a", ""),
                Arguments.of(COMPONENT, "core_user_", ""),
                Arguments.of(COMPONENT, "block_my_block2", "block_my_block2"),
                Arguments.of(COMPONENT, "mod_forum\n", "mod_forum\n"),
                Arguments.of(AREA, "attachment", "attachment"),
                Arguments.of(AREA, "intro_file", "intro_file"),
                Arguments.of(AREA, "a__b", "a__b"), // Moodle's look-ahead starts at the third character
                Arguments.of(AREA, "ab__c", ""),
                Arguments.of(AREA, "1abc", ""),
                Arguments.of(AREA, "abc_", ""),
                Arguments.of(PLUGIN, "forum", "forum"),
                Arguments.of(PLUGIN, "completionstatus", "completionstatus"),
                Arguments.of(PLUGIN, "For um", ""),
                // CAPABILITY (syntax only by default)
                Arguments.of(CAPABILITY, "moodle/user:create", "moodle/user:create"),
                Arguments.of(CAPABILITY, "mod/h5pactivity:view", "mod/h5pactivity:view"),
                Arguments.of(CAPABILITY, "moodle/user", ""),
                Arguments.of(CAPABILITY, "Moodle/user:create", ""),
                Arguments.of(CAPABILITY, "moodle/user:create\n", ""),
                // BASE64: lines of 64 characters, the last one shorter
                Arguments.of(BASE64, "aGVsbG8gd29ybGQ=", "aGVsbG8gd29ybGQ="),
                Arguments.of(BASE64, "A".repeat(64) + "\n" + "B".repeat(10), "A".repeat(64) + "\n" + "B".repeat(10)),
                Arguments.of(BASE64, "A".repeat(64) + " \r\n" + "B".repeat(10) + "\n", "A".repeat(64) + "\n"
                        + "B".repeat(10)),
                Arguments.of(BASE64, "A".repeat(65), ""),
                Arguments.of(BASE64, "AAAA\nBBBB", ""),
                Arguments.of(BASE64, "abc$", ""),
                Arguments.of(BASE64, "0", ""),
                Arguments.of(BASE64, "", ""),
                // HOST: domain name or IPv4 address
                Arguments.of(HOST, "example.com", "example.com"),
                Arguments.of(HOST, "localhost", "localhost"),
                Arguments.of(HOST, "Sub.Example.COM.", "Sub.Example.COM."),
                Arguments.of(HOST, "192.168.0.1", "192.168.0.1"),
                Arguments.of(HOST, "0.0.0.0", "0.0.0.0"),
                Arguments.of(HOST, "256.1.1.1", ""),
                Arguments.of(HOST, "01.2.3.4", ""),
                Arguments.of(HOST, "-bad.com", ""),
                Arguments.of(HOST, "ex_ample.com", ""),
                Arguments.of(HOST, "example.com:80", ""),
                Arguments.of(HOST, "a".repeat(64) + ".com", ""),
                // TAG
                Arguments.of(TAG, "  Hello   World  ", "Hello World"),
                Arguments.of(TAG, "a<b>c`d", "abcd"),
                Arguments.of(TAG, "tab\there", "tabhere"),
                Arguments.of(TAG, "no\u00a0\u2003break", "no break"),
                Arguments.of(TAG, "x".repeat(60), "x".repeat(50)),
                Arguments.of(TAG, "\u00e9".repeat(60), "\u00e9".repeat(50)));
    }

    @ParameterizedTest(name = "clean({0}, \"{1}\") = \"{2}\"")
    @MethodSource("cleanCases")
    void cleanMirrorsCleanParam(ParamType type, String value, String expected) {
        assertEquals(expected, types.clean(type, value));
    }

    @Test
    void cleanCoversEveryType() {
        Set<ParamType> covered = EnumSet.noneOf(ParamType.class);
        cleanCases().forEach(a -> covered.add((ParamType) a.get()[0]));
        assertEquals(EnumSet.allOf(ParamType.class), covered);
    }

    @Test
    void cleanOfNullIsPhpNull() {
        assertEquals("0", types.clean(INT, null));
        assertEquals("0", types.clean(FLOAT, null));
        assertEquals("0", types.clean(BOOL, null));
        assertEquals("", types.clean(RAW, null));
        assertEquals("", types.clean(TEXT, null));
        assertEquals("", types.clean(HOST, null));
    }

    // ================================================================== validate_parameters()

    static Stream<Arguments> acceptedParameters() {
        return Stream.of(
                Arguments.of(INT, "42", 42L),
                Arguments.of(INT, "-7", -7L),
                Arguments.of(INT, "0", 0L),
                Arguments.of(INT, "9223372036854775807", Long.MAX_VALUE),
                Arguments.of(INT, 42L, 42L),
                Arguments.of(INT, 42, 42L),
                Arguments.of(INT, 5.0, 5L),
                Arguments.of(INT, true, 1L),
                Arguments.of(FLOAT, "1.5", 1.5),
                Arguments.of(FLOAT, "-1", -1.0),
                Arguments.of(FLOAT, "+1.5", 1.5),
                Arguments.of(FLOAT, "1e5", 100000.0),
                Arguments.of(FLOAT, "1E-2", 0.01),
                Arguments.of(FLOAT, ".5", 0.5),
                Arguments.of(FLOAT, "5.", 5.0),
                Arguments.of(FLOAT, "1.5\n", 1.5),
                Arguments.of(FLOAT, "007", 7.0),
                Arguments.of(FLOAT, 2L, 2.0),
                Arguments.of(FLOAT, 2, 2.0),
                Arguments.of(FLOAT, 2.5, 2.5),
                Arguments.of(BOOL, true, true),
                Arguments.of(BOOL, false, false),
                Arguments.of(BOOL, 1L, true),
                Arguments.of(BOOL, 0L, false),
                Arguments.of(BOOL, 1, true),
                Arguments.of(BOOL, "1", true),
                Arguments.of(BOOL, "0", false),
                Arguments.of(BOOL, 1.0, true),
                Arguments.of(BOOL, 0.0, false),
                Arguments.of(TEXT, "plain text", "plain text"),
                Arguments.of(TEXT, "a < b", "a < b"),
                Arguments.of(TEXT, 5L, "5"),
                Arguments.of(RAW, "<script>anything</script>", "<script>anything</script>"),
                Arguments.of(RAW, 5L, "5"),
                Arguments.of(RAW, true, "1"),
                Arguments.of(RAW_TRIMMED, "x", "x"),
                Arguments.of(ALPHA, "abc", "abc"),
                Arguments.of(ALPHANUMEXT, "abc-1_2", "abc-1_2"),
                Arguments.of(NOTAGS, "O'Brien", "O'Brien"),
                Arguments.of(EMAIL, "zoe.j+tag@example.com", "zoe.j+tag@example.com"),
                Arguments.of(EMAIL, "", ""),
                Arguments.of(USERNAME, "student1", "student1"),
                Arguments.of(URL, "https://example.com/", "https://example.com/"),
                Arguments.of(LOCALURL, "/my/", "/my/"),
                Arguments.of(FILE, "file.txt", "file.txt"),
                Arguments.of(PATH, "dir/file.txt", "dir/file.txt"),
                Arguments.of(SAFEDIR, "dir_1", "dir_1"),
                Arguments.of(SAFEPATH, "a/b", "a/b"),
                Arguments.of(SEQUENCE, "1,2,3", "1,2,3"),
                Arguments.of(LANG, "en", "en"),
                Arguments.of(TIMEZONE, "Europe/Madrid", "Europe/Madrid"),
                Arguments.of(TIMEZONE, "99", "99"),
                Arguments.of(TIMEZONE, 99L, "99"),
                Arguments.of(COMPONENT, "mod_forum", "mod_forum"),
                Arguments.of(AREA, "attachment", "attachment"),
                Arguments.of(PLUGIN, "forum", "forum"),
                Arguments.of(PLUGIN, "forum\n", "forum\n"),
                Arguments.of(CAPABILITY, "moodle/user:create", "moodle/user:create"),
                Arguments.of(BASE64, "aGVsbG8=", "aGVsbG8="),
                Arguments.of(HOST, "example.com", "example.com"),
                Arguments.of(HOST, "example.com\n", "example.com\n"),
                Arguments.of(TAG, "my tag", "my tag"));
    }

    @ParameterizedTest(name = "validateParameter({0}, {1}) = {2}")
    @MethodSource("acceptedParameters")
    void acceptsValidParameters(ParamType type, Object value, Object expected) throws WsException {
        Object result = types.validateParameter(type, value, false);
        assertEquals(expected, result);
        assertEquals(expected.getClass(), result.getClass());
    }

    static Stream<Arguments> rejectedParameters() {
        return Stream.of(
                // value, and the value as the debuginfo shows it
                Arguments.of(INT, "notanint", "notanint"),
                Arguments.of(INT, "05", "05"),
                Arguments.of(INT, "1.0", "1.0"),
                Arguments.of(INT, " 5", " 5"),
                Arguments.of(INT, "5 ", "5 "),
                Arguments.of(INT, "+5", "+5"),
                Arguments.of(INT, "-0", "-0"),
                Arguments.of(INT, "", ""),
                Arguments.of(INT, "1e3", "1e3"),
                Arguments.of(INT, "0x1A", "0x1A"),
                Arguments.of(INT, "9223372036854775808", "9223372036854775808"),
                Arguments.of(INT, 5.5, "5.5"),
                Arguments.of(INT, 1e25, "1.0E+25"),
                Arguments.of(INT, 1e15, "1.0E+15"),
                Arguments.of(INT, false, ""),
                Arguments.of(FLOAT, "abc", "abc"),
                Arguments.of(FLOAT, "", ""),
                Arguments.of(FLOAT, " 1.5", " 1.5"),
                Arguments.of(FLOAT, "1.5 ", "1.5 "),
                Arguments.of(FLOAT, "1,5", "1,5"),
                Arguments.of(FLOAT, "1.5abc", "1.5abc"),
                Arguments.of(FLOAT, ".", "."),
                Arguments.of(FLOAT, "e5", "e5"),
                Arguments.of(FLOAT, "INF", "INF"),
                Arguments.of(FLOAT, "0x1A", "0x1A"),
                Arguments.of(FLOAT, true, "1"),
                Arguments.of(BOOL, "true", "true"),
                Arguments.of(BOOL, "false", "false"),
                Arguments.of(BOOL, "yes", "yes"),
                Arguments.of(BOOL, "2", "2"),
                Arguments.of(BOOL, "01", "01"),
                Arguments.of(BOOL, " 1", " 1"),
                Arguments.of(BOOL, "", ""),
                Arguments.of(BOOL, 2L, "2"),
                Arguments.of(BOOL, 0.5, "0.5"),
                Arguments.of(TEXT, "<b>bold</b>", "<b>bold</b>"),
                Arguments.of(RAW, "nul\u0000byte", "nul\u0000byte"),
                Arguments.of(RAW_TRIMMED, " x", " x"),
                Arguments.of(ALPHA, "abc1", "abc1"),
                Arguments.of(ALPHAEXT, "a/b", "a/b"),
                Arguments.of(ALPHANUM, "a_b", "a_b"),
                Arguments.of(ALPHANUMEXT, "a b", "a b"),
                Arguments.of(NOTAGS, "x <br>", "x <br>"),
                Arguments.of(EMAIL, "not an email", "not an email"),
                Arguments.of(USERNAME, "Student1", "Student1"),
                Arguments.of(USERNAME, " student1", " student1"),
                Arguments.of(URL, "javascript:alert(1)", "javascript:alert(1)"),
                Arguments.of(LOCALURL, "http://evil.example.com/", "http://evil.example.com/"),
                Arguments.of(FILE, "../x", "../x"),
                Arguments.of(PATH, "a//b", "a//b"),
                Arguments.of(SAFEDIR, "a/b", "a/b"),
                Arguments.of(SAFEPATH, "a.b", "a.b"),
                Arguments.of(SEQUENCE, "1, 2", "1, 2"),
                Arguments.of(LANG, "fr", "fr"),
                Arguments.of(TIMEZONE, "Mars/Olympus Mons", "Mars/Olympus Mons"),
                Arguments.of(COMPONENT, "mod_forum_x", "mod_forum_x"),
                Arguments.of(AREA, "Attachment", "Attachment"),
                Arguments.of(PLUGIN, "ab__c", "ab__c"),
                Arguments.of(CAPABILITY, "user:create", "user:create"),
                Arguments.of(BASE64, "aGVs bG8=", "aGVs bG8="),
                Arguments.of(HOST, "-bad.com", "-bad.com"),
                Arguments.of(HOST, 5L, "5"),
                Arguments.of(TAG, " tag", " tag"));
    }

    @ParameterizedTest(name = "validateParameter({0}, {1}) is refused")
    @MethodSource("rejectedParameters")
    void refusesInvalidParametersWithMoodlesText(ParamType type, Object value, String shown) {
        WsException e = assertThrows(WsException.class, () -> types.validateParameter(type, value, false));
        assertEquals("invalidparameter", e.errorcode());
        assertEquals("Invalid external api parameter: the value is \"" + shown + "\", the server was expecting \""
                + type.moodleName() + "\" type", e.debuginfo());
    }

    @Test
    void nullParameters() throws WsException {
        for (ParamType type : ParamType.values()) {
            assertNull(types.validateParameter(type, null, true), type.name());
            WsException e = assertThrows(WsException.class, () -> types.validateParameter(type, null, false));
            assertEquals("Invalid external api parameter: the value is \"\", the server was expecting \""
                    + type.moodleName() + "\" type", e.debuginfo());
        }
    }

    @Test
    void arraysAndObjectsAreNotScalarParameters() {
        for (Object value : List.of(Map.of("a", 1), List.of(1, 2), List.of(), new String[] {"x"},
                new Object())) {
            WsException e = assertThrows(WsException.class, () -> types.validateParameter(INT, value, true));
            assertEquals("invalidparameter", e.errorcode());
            assertEquals("Scalar type expected, array or object received.", e.debuginfo());
        }
    }

    // ================================================================== clean_returnvalue()

    record Point(int x, int y) {
    }

    static Stream<Arguments> acceptedReturns() {
        return Stream.of(
                Arguments.of(INT, 5L, 5L),
                Arguments.of(INT, 5, 5L),
                Arguments.of(INT, (short) 5, 5L),
                Arguments.of(INT, (byte) 5, 5L),
                Arguments.of(INT, BigInteger.valueOf(7), 7L),
                Arguments.of(INT, "5", 5L),
                Arguments.of(INT, 5.0, 5L),
                Arguments.of(INT, true, 1L),
                Arguments.of(FLOAT, 1.5, 1.5),
                Arguments.of(FLOAT, 0.1f, 0.1),
                Arguments.of(FLOAT, new BigDecimal("2.25"), 2.25),
                Arguments.of(FLOAT, 3L, 3.0),
                Arguments.of(FLOAT, "3.5", 3.5),
                Arguments.of(BOOL, true, true),
                Arguments.of(BOOL, false, false),
                Arguments.of(BOOL, 1, true),
                Arguments.of(BOOL, 0L, false),
                Arguments.of(BOOL, "1", true),
                Arguments.of(BOOL, "0", false),
                Arguments.of(TEXT, "Course 1", "Course 1"),
                Arguments.of(TEXT, 5L, "5"),
                Arguments.of(TEXT, 1.5, "1.5"),
                Arguments.of(RAW, "<p>html</p>", "<p>html</p>"),
                // clean_param(PARAM_RAW) leaves the PHP value as it is: numbers and booleans stay.
                Arguments.of(RAW, 5, 5L),
                Arguments.of(RAW, false, false),
                Arguments.of(ALPHANUMEXT, "topics", "topics"),
                Arguments.of(USERNAME, "admin", "admin"),
                Arguments.of(EMAIL, "admin@example.com", "admin@example.com"),
                Arguments.of(LANG, "en", "en"),
                Arguments.of(URL, "http://127.0.0.1:8090/pluginfile.php/1/user/icon/f1",
                        "http://127.0.0.1:8090/pluginfile.php/1/user/icon/f1"),
                Arguments.of(TIMEZONE, "99", "99"),
                Arguments.of(CAPABILITY, "moodle/course:view", "moodle/course:view"));
    }

    @ParameterizedTest(name = "cleanReturn({0}, {1}) = {2}")
    @MethodSource("acceptedReturns")
    void cleansValidReturns(ParamType type, Object value, Object expected) throws WsException {
        Object result = types.cleanReturn(type, value, false);
        assertEquals(expected, result);
        assertEquals(expected.getClass(), result.getClass());
    }

    static Stream<Arguments> rejectedReturns() {
        return Stream.of(
                // value, value as shown, PHP type
                Arguments.of(INT, "abc", "abc", "string"),
                Arguments.of(INT, "05", "05", "string"),
                Arguments.of(INT, 5.5, "5.5", "double"),
                Arguments.of(INT, 5.5f, "5.5", "double"),
                Arguments.of(INT, new BigDecimal("0.1"), "0.1", "double"),
                Arguments.of(INT, 1e25, "1.0E+25", "double"),
                Arguments.of(INT, false, "", "boolean"),
                Arguments.of(INT, null, "", "NULL"),
                Arguments.of(FLOAT, "x", "x", "string"),
                Arguments.of(FLOAT, true, "1", "boolean"),
                Arguments.of(BOOL, 2, "2", "integer"),
                Arguments.of(BOOL, (short) -1, "-1", "integer"),
                Arguments.of(BOOL, (byte) 3, "3", "integer"),
                Arguments.of(BOOL, BigInteger.TEN, "10", "integer"),
                Arguments.of(BOOL, "true", "true", "string"),
                Arguments.of(BOOL, 0.5, "0.5", "double"),
                Arguments.of(TEXT, "<b>x</b>", "<b>x</b>", "string"),
                Arguments.of(ALPHA, "abc1", "abc1", "string"),
                Arguments.of(ALPHA, 12L, "12", "integer"),
                Arguments.of(NOTAGS, "O'Brien <\u00c7a/va>", "O'Brien <\u00c7a/va>", "string"),
                Arguments.of(USERNAME, "Admin", "Admin", "string"),
                Arguments.of(HOST, Double.POSITIVE_INFINITY, "INF", "double"));
    }

    @ParameterizedTest(name = "cleanReturn({0}, {1}) is refused")
    @MethodSource("rejectedReturns")
    void refusesInvalidReturnsWithMoodlesText(ParamType type, Object value, String shown, String phpType) {
        WsException e = assertThrows(WsException.class, () -> types.cleanReturn(type, value, false));
        assertEquals("invalidresponse", e.errorcode());
        assertEquals("core\\exception\\invalid_response_exception", e.exceptionClass());
        assertEquals("Invalid response value detected", e.getMessage());
        assertEquals("Invalid external api response: the value is \"" + shown + "\" of PHP type \"" + phpType
                + "\", the server was expecting \"" + type.moodleName() + "\" type", e.debuginfo());
    }

    @Test
    void nullReturns() throws WsException {
        assertNull(types.cleanReturn(TEXT, null, true));
        assertNull(types.cleanReturn(BOOL, null, true));
        WsException e = assertThrows(WsException.class, () -> types.cleanReturn(TEXT, null, false));
        assertEquals("Invalid external api response: the value is \"\" of PHP type \"NULL\", "
                + "the server was expecting \"text\" type", e.debuginfo());
    }

    @Test
    void arraysAndObjectsAreNotScalarReturns() {
        for (Object value : List.of(Map.of(), List.of("a"), new int[] {1}, new Point(1, 2), new Object(),
                ParamType.INT)) {
            WsException e = assertThrows(WsException.class, () -> types.cleanReturn(TEXT, value, true));
            assertEquals("invalidresponse", e.errorcode());
            assertEquals("Scalar type expected, array or object received.", e.debuginfo());
        }
    }

    // ================================================================== site-dependent checks

    @Test
    void capabilitiesAreCheckedWithThePredicate() throws WsException {
        ParamTypes site = new ParamTypes(Set.of("moodle/user:create")::contains, Set.of("en", "pt_br")::contains);
        assertEquals("moodle/user:create", site.clean(CAPABILITY, "moodle/user:create"));
        assertEquals("", site.clean(CAPABILITY, "moodle/user:delete"));
        WsException e = assertThrows(WsException.class,
                () -> site.validateParameter(CAPABILITY, "moodle/user:delete", false));
        assertEquals("Invalid external api parameter: the value is \"moodle/user:delete\", "
                + "the server was expecting \"capability\" type", e.debuginfo());
    }

    @Test
    void languagesAreCheckedWithThePredicate() throws WsException {
        ParamTypes site = new ParamTypes(c -> true, Set.of("en", "pt_br")::contains);
        assertEquals("pt_br", site.validateParameter(LANG, "pt_br", false));
        assertEquals("", site.clean(LANG, "de"));
        assertEquals("", new ParamTypes().clean(LANG, "pt_br"));
    }

    @Test
    void localUrlWithASiteUrl() {
        ParamTypes site = types.withSiteUrl("https://lms.example.org");
        assertEquals("https://lms.example.org", site.clean(LOCALURL, "https://lms.example.org"));
        assertEquals("https://lms.example.org/course/view.php?id=2",
                site.clean(LOCALURL, "https://lms.example.org/course/view.php?id=2"));
        assertEquals("HTTPS://LMS.example.org/my/", site.clean(LOCALURL, "HTTPS://LMS.example.org/my/"));
        assertEquals("", site.clean(LOCALURL, "https://lms.example.org.evil.com/"));
        assertEquals("", site.clean(LOCALURL, "https://other.example.org/"));
        assertEquals("/my/", site.clean(LOCALURL, "/my/"));
        // Without a site URL, absolute URLs are never local.
        assertEquals("", types.clean(LOCALURL, "https://lms.example.org/my/"));
    }

    @Test
    void extendedUsernameChars() {
        ParamTypes extended = types.withExtendedUsernameChars(true);
        assertEquals("zo\u00eb smith+1", extended.clean(USERNAME, "  Zo\u00cb Smith+1 "));
        assertEquals("zosmith1", types.clean(USERNAME, "  Zo\u00cb Smith+1 "));
    }

    @Test
    void longInputDoesNotHangTheMatchers() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            String path = "http://example.com/" + "abc/".repeat(5000);
            assertEquals(path, types.clean(URL, path));
            assertEquals("", types.clean(URL, path + "<"));
            assertEquals("", types.clean(URL, "http://" + "a".repeat(20000) + "!"));
            assertEquals("", types.clean(LOCALURL, "a".repeat(20000) + ";;"));
            assertEquals("", types.clean(EMAIL, "x@" + "a.".repeat(150) + "-"));
            assertEquals("", types.clean(EMAIL, "x".repeat(400) + "@example.com"));
            assertEquals("", types.clean(TIMEZONE, "a".repeat(5000) + "1"));
            assertEquals("", types.clean(COMPONENT, "a".repeat(5000) + "_"));
        });
    }

    // ================================================================== PHP string conversion

    static Stream<Arguments> phpStrings() {
        return Stream.of(
                Arguments.of(null, ""),
                Arguments.of(true, "1"),
                Arguments.of(false, ""),
                Arguments.of(42L, "42"),
                Arguments.of(-3, "-3"),
                Arguments.of(BigInteger.TWO.pow(70), "1180591620717411303424"),
                Arguments.of(1.0, "1"),
                Arguments.of(100.0, "100"),
                Arguments.of(-1.25, "-1.25"),
                Arguments.of(0.1, "0.1"),
                Arguments.of(0.1 + 0.2, "0.3"),
                Arguments.of(1.0 / 3, "0.33333333333333"),
                Arguments.of(2.0 / 3, "0.66666666666667"),
                Arguments.of(123456789012.0, "123456789012"),
                Arguments.of(99999999999999.0, "99999999999999"),
                Arguments.of(1e14, "1.0E+14"),
                Arguments.of(1e15, "1.0E+15"),
                Arguments.of(1e25, "1.0E+25"),
                Arguments.of(1.5e300, "1.5E+300"),
                Arguments.of(0.0001, "0.0001"),
                Arguments.of(0.00015, "0.00015"),
                Arguments.of(0.00001, "1.0E-5"),
                Arguments.of(-2.5e-10, "-2.5E-10"),
                Arguments.of(0.0, "0"),
                Arguments.of(-0.0, "-0"),
                Arguments.of(Double.NaN, "NAN"),
                Arguments.of(Double.POSITIVE_INFINITY, "INF"),
                Arguments.of(Double.NEGATIVE_INFINITY, "-INF"),
                Arguments.of(0.5f, "0.5"),
                Arguments.of(new BigDecimal("1.10"), "1.1"),
                Arguments.of("text", "text"));
    }

    @ParameterizedTest(name = "(string) {0} = \"{1}\"")
    @MethodSource("phpStrings")
    void phpStringConversion(Object value, String expected) {
        assertEquals(expected, PhpStrings.toPhpString(value));
    }

    @Test
    void debuginfoShowsFloatsAsPhpDoes() {
        WsException e = assertThrows(WsException.class, () -> types.validateParameter(INT, 0.1, false));
        assertEquals("Invalid external api parameter: the value is \"0.1\", the server was expecting \"int\" type",
                e.debuginfo());
        e = assertThrows(WsException.class, () -> types.validateParameter(BOOL, 1e25, false));
        assertEquals("Invalid external api parameter: the value is \"1.0E+25\", the server was expecting \"bool\" type",
                e.debuginfo());
        e = assertThrows(WsException.class, () -> types.cleanReturn(ALPHA, 1.0, false));
        assertEquals("Invalid external api response: the value is \"1\" of PHP type \"double\", "
                + "the server was expecting \"alpha\" type", e.debuginfo());
    }

    static Stream<Arguments> phpNumbers() {
        // string, is_numeric(), (int)
        return Stream.of(
                Arguments.of("42", true, 42L),
                Arguments.of(" 42", true, 42L),
                Arguments.of("42 ", true, 42L),
                Arguments.of("\n42\t", true, 42L),
                Arguments.of("+42", true, 42L),
                Arguments.of("-42", true, -42L),
                Arguments.of("4.2", true, 4L),
                Arguments.of(".5", true, 0L),
                Arguments.of("5.", true, 5L),
                Arguments.of("1e3", true, 1000L),
                Arguments.of("1E+3", true, 1000L),
                Arguments.of("1e", false, 1L),
                Arguments.of("1e+", false, 1L),
                Arguments.of("12abc", false, 12L),
                Arguments.of("abc", false, 0L),
                Arguments.of("", false, 0L),
                Arguments.of(" ", false, 0L),
                Arguments.of(".", false, 0L),
                Arguments.of("0x1A", false, 0L),
                Arguments.of("- 1", false, 0L),
                Arguments.of("1e1000", true, 0L),
                Arguments.of("-9999999999999999999", true, Long.MIN_VALUE));
    }

    @ParameterizedTest(name = "is_numeric(\"{0}\") = {1}, (int) = {2}")
    @MethodSource("phpNumbers")
    void phpNumericStrings(String s, boolean numeric, long asInt) {
        assertEquals(numeric, PhpStrings.isNumeric(s));
        assertEquals(asInt, PhpStrings.stringToInt(s));
    }

    @Test
    void phpTrim() {
        assertEquals("x y", PhpStrings.trim(" \t\n\r\u0000\u000Bx y\u000B\u0000\r\n\t "));
        assertEquals("\fx\u00a0", PhpStrings.trim("\fx\u00a0"));
        assertEquals("", PhpStrings.trim(" \n "));
    }

    // ================================================================== strip_tags()

    static Stream<Arguments> stripTagsCases() {
        return Stream.of(
                Arguments.of("a <b>bold</b> c", "a bold c"),
                Arguments.of("a < b", "a < b"),
                Arguments.of("a <\tb", "a <\tb"),
                Arguments.of("a <b", "a "),
                Arguments.of("a<", "a"),
                Arguments.of("5 > 3", "5 > 3"),
                Arguments.of("1 <2> 3", "1  3"),
                Arguments.of("x<!-- comment -->y", "xy"),
                Arguments.of("x<!-- a > b -->y", "xy"),
                Arguments.of("x<!-- unterminated", "x"),
                Arguments.of("<!DOCTYPE html><p>x</p>", "x"),
                Arguments.of("<a href=\"x>y\">link</a>", "link"),
                Arguments.of("<a title='it>s'>t</a>", "t"),
                Arguments.of("<a title=\"it's\">t</a>", "t"),
                Arguments.of("<?php echo 'x > y'; ?>after", "after"),
                Arguments.of("<?xml version=\"1.0\"?><r>v</r>", "v"),
                Arguments.of("a<b<c>d>e", "ae"),
                Arguments.of("<<b>>", ""),
                Arguments.of("O'Brien <\u00c7a/va>", "O'Brien "),
                Arguments.of("caf\u00e9 <i>\ud83d\ude00</i>", "caf\u00e9 \ud83d\ude00"),
                Arguments.of("nul\u0000 <b\u0000>x", "nul x"),
                Arguments.of("<script>alert(1)</script>", "alert(1)"));
    }

    @ParameterizedTest(name = "strip_tags(\"{0}\") = \"{1}\"")
    @MethodSource("stripTagsCases")
    void stripTags(String input, String expected) {
        assertEquals(expected, PhpStrings.stripTags(input));
    }

    @Test
    void stripTagsWithAllowedTags() {
        assertEquals("<lang lang=\"en\">x</lang>y",
                PhpStrings.stripTags("<lang lang=\"en\">x</lang><b>y</b>", "<lang>"));
        assertEquals("<LANG lang=\"en\">x</LANG >", PhpStrings.stripTags("<LANG lang=\"en\">x</LANG >", "<lang>"));
        assertEquals("<br/>line<br />", PhpStrings.stripTags("<br/>line<br /><p>", "<br>"));
        assertEquals("x", PhpStrings.stripTags("<la>x</la>", "<lang>"));
        assertEquals("<span class=\"a\">t</span>", PhpStrings.stripTags("<span class=\"a\">t</span>", "<span>"));
    }

    @Test
    void fixUtf8() {
        assertEquals("ab", PhpStrings.fixUtf8("a\u0000b"));
        assertEquals("ab", PhpStrings.fixUtf8("a\udc00b\ud800"));
        assertEquals("\ud83d\ude00", PhpStrings.fixUtf8("\ud83d\ude00"));
        String same = "plain";
        assertTrue(same == PhpStrings.fixUtf8(same));
        assertFalse(PhpStrings.isEmpty("0.0"));
        assertTrue(PhpStrings.isEmpty("0"));
    }
}
