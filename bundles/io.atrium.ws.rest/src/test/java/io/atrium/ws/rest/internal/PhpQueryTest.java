package io.atrium.ws.rest.internal;

import io.atrium.testsupport.Golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PhpQueryTest {

    private static LinkedHashMap<String, Object> parse(String query) {
        return PhpQuery.parse(query, 1000, 64);
    }

    /** A PHP array literal: alternating keys and values. */
    private static Map<String, Object> array(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Equal, in the same key order at every level. */
    private static void assertPhp(Map<String, Object> expected, Map<String, Object> actual) {
        assertPhp(expected, actual, "");
    }

    private static void assertPhp(Map<String, Object> expected, Map<String, Object> actual, String message) {
        assertEquals(expected, actual, message);
        assertEquals(String.valueOf(expected), String.valueOf(actual), "order: " + message);
    }

    // ---- Golden requests -----------------------------------------------------------------

    @Test
    void nestedPostBodyOfCreateUsers() {
        Golden g = Golden.of("rest_json_create_users_nested.http");
        assertTrue(g.requestLine().startsWith("POST "));
        Map<String, Object> expected = array(
                "wstoken", "f0b4f101bb2f81337421684b972f5c0f",
                "wsfunction", "core_user_create_users",
                "moodlewsrestformat", "json",
                "users", array(
                        "0", array("username", "nestedjsona", "password", "Nested#2024pw", "firstname", "Nested",
                                "lastname", "Alpha", "email", "nestedjsona@example.com",
                                "preferences", array("0", array("type", "auth_forcepasswordchange", "value", "0"))),
                        "1", array("username", "nestedjsonb", "password", "Nested#2024pw", "firstname", "Nested",
                                "lastname", "Beta", "email", "nestedjsonb@example.com", "city", "Perth",
                                "country", "AU")));
        assertPhp(expected, parse(g.requestBody()));
    }

    @Test
    void nestedPostBodyOfTheXmlTwin() {
        Map<String, Object> p = parse(Golden.of("rest_xml_create_users_nested.http").requestBody());
        assertEquals("xml", p.get("moodlewsrestformat"));
        Map<?, ?> users = (Map<?, ?>) p.get("users");
        assertEquals(List.of("0", "1"), List.copyOf(users.keySet()));
        Map<?, ?> first = (Map<?, ?>) users.get("0");
        assertEquals(array("0", array("type", "auth_forcepasswordchange", "value", "0")), first.get("preferences"));
    }

    @Test
    void getQueryStrings() {
        assertPhp(array("wstoken", "f0b4f101bb2f81337421684b972f5c0f", "wsfunction", "core_course_get_courses",
                "options", array("ids", array("0", "2")), "moodlewsrestformat", "json"),
                parse(Golden.of("rest_json_get_courses.http").requestQuery()));
        Map<String, Object> cohorts = parse(Golden.of("rest_json_add_cohort_members.http").requestBody());
        Map<?, ?> member = (Map<?, ?>) ((Map<?, ?>) cohorts.get("members")).get("1");
        assertEquals(array("type", "username", "value", "nosuchuser/é"), member.get("usertype"));
    }

    @Test
    void everyGoldenRequestParses() {
        for (String f : Golden.files("rest_")) {
            Golden g = Golden.of(f);
            String type = g.requestLine().startsWith("POST") ? g.requestBody() : g.requestQuery();
            if (!type.startsWith("{") && !type.startsWith("--")) {
                Map<String, Object> p = parse(type);
                assertTrue(p.keySet().stream().noneMatch(k -> k.contains("[")), f);
            }
        }
    }

    // ---- PHP's documented behaviour --------------------------------------------------------

    @Test
    void lastValueWins() {
        assertPhp(array("a", "2", "b", "x"), parse("a=1&b=x&a=2"));
    }

    @Test
    void appendAndNextIndex() {
        assertPhp(array("a", array("0", "1", "1", "2")), parse("a[]=1&a[]=2"));
        assertPhp(array("a", array("3", "x", "4", "y")), parse("a[3]=x&a[]=y"));
        assertPhp(array("a", array("x", "1", "0", "2", "7", "3", "8", "4")), parse("a[x]=1&a[]=2&a[7]=3&a[]=4"));
        assertPhp(array("a", array("5", "x", "2", "y", "6", "z")), parse("a[5]=x&a[2]=y&a[]=z"));
        assertPhp(array("a", array("05", "x", "0", "y")), parse("a[05]=x&a[]=y"), "05 is a string key");
        assertPhp(array("a", array("-5", "x", "-4", "y")), parse("a[-5]=x&a[]=y"));
        assertPhp(array("a", array("-0", "x", "0", "y")), parse("a[-0]=x&a[]=y"), "-0 is a string key");
        assertPhp(array("a", array("0", array("0", "x"), "1", array("0", "y"))), parse("a[][]=x&a[][]=y"));
    }

    @Test
    void nesting() {
        assertPhp(array("a", array("x", array("y", "1", "z", "2"))), parse("a[x][y]=1&a[x][z]=2"));
        assertPhp(array("a", array("b", "2")), parse("a=1&a[b]=2"), "a scalar is replaced by an array");
        assertPhp(array("a", "2", "c", "3"), parse("a[b]=1&c=3&a=2"), "an array is replaced in place");
        assertPhp(array("a", array("b", array("c", "1"))), parse("a%5Bb%5D%5Bc%5D=1"));
    }

    @Test
    void integerLikeTopLevelKeys() {
        Map<String, Object> p = parse("5=x&05=y&-3=z");
        assertEquals(List.of("5", "05", "-3"), List.copyOf(p.keySet()));
        assertEquals(5L, PhpQuery.integerKey("5"));
        assertEquals(-3L, PhpQuery.integerKey("-3"));
        assertEquals(0L, PhpQuery.integerKey("0"));
        assertNull(PhpQuery.integerKey("05"));
        assertNull(PhpQuery.integerKey("-0"));
        assertNull(PhpQuery.integerKey(" 5"));
        assertNull(PhpQuery.integerKey("9223372036854775808"));
        assertEquals(Long.MAX_VALUE, PhpQuery.integerKey("9223372036854775807"));
        assertNull(PhpQuery.integerKey(""));
        assertNull(PhpQuery.integerKey("-"));
    }

    @Test
    void nameMangling() {
        assertPhp(array("a_b", "1"), parse("a.b=1"));
        assertPhp(array("a_b", "1"), parse("a+b=1"));
        assertPhp(array("a_b", "1"), parse("a%20b=1"));
        assertPhp(array("a", "1"), parse("++a=1"), "leading spaces are dropped");
        assertPhp(array("_a", "1"), parse(".a=1"));
        assertPhp(array("a", array("b.c d", "1")), parse("a[b.c+d]=1"), "only the base name is mangled");
        assertPhp(array("a_b", "1"), parse("a[b=1"), "an unmatched [ becomes _");
        assertPhp(array("a_b_c_d_e", "1"), parse("a.b[c.d[e=1"));
        assertPhp(array("a", array("b", "1")), parse("a[b][c=1"), "a later unmatched [ drops the rest");
        assertPhp(array("a", array("0", "1")), parse("a[][c=1"));
        assertPhp(array("a", array("b", "1")), parse("a[b]xyz=1"), "text after ] is ignored");
        assertPhp(array("a", array("b", array("c", "1"))), parse("a[b][c]x[d]=1"));
        assertPhp(array("a", array("0", "1", " x", "2")), parse("a[+]=1&a[+x]=2"), "one space before ] appends");
        assertPhp(array("a", array("  ", "1")), parse("a[++]=1"));
        assertPhp(array("a", array("0", "1")), parse("a[%09]=1"), "isspace, not only ' '");
        assertPhp(array("a", "1"), parse("a%00b=1"), "the name ends at NUL");
        assertPhp(array("a", "x\0y"), parse("a=x%00y"), "values are binary safe");
    }

    @Test
    void discardedNames() {
        assertPhp(array(), parse("=1&[a]=2&+=3&%00x=4"));
        Map<String, Object> p = parse("__Host-x=1&..Host-y=2&++__Secure-z=3&..Secure-w=4");
        assertEquals(List.of("__Host-x", "__Secure-z"), List.copyOf(p.keySet()));
    }

    @Test
    void decoding() {
        assertPhp(array("a", "b c", "d", "é", "e", "%zz%4", "f", "A/", "g", ""), parse("a=b+c&d=%C3%A9&e=%zz%4&f=%41%2f&g"));
        assertPhp(array("é", "ü"), parse("é=ü"), "raw UTF-8");
        assertPhp(array("a", "1=2"), parse("a=1=2"));
        assertPhp(array("a", "1", "b", "2"), parse("&&a=1&&&b=2&"));
        assertPhp(array("a", "\ufffd"), parse("a=%FF"), "malformed UTF-8");
        assertPhp(array(), parse(""));
        assertPhp(array(), parse((String) null));
        assertPhp(array("a", "é"), PhpQuery.parse("a=%C3%A9".getBytes(StandardCharsets.US_ASCII), 10, 10));
        assertPhp(array("a", "é"), PhpQuery.parse("a=é".getBytes(StandardCharsets.UTF_8), 10, 10));
    }

    // ---- Limits ----------------------------------------------------------------------------

    @Test
    void tooManyVariables() {
        assertEquals(3, PhpQuery.parse("a=1&b=2&c=3", 3, 64).size());
        assertEquals(2, PhpQuery.parse("a=1&&b=2&", 2, 64).size(), "empty pieces do not count");
        PhpQuery.LimitException e = assertThrows(PhpQuery.LimitException.class,
                () -> PhpQuery.parse("a=1&b=2&c=3", 2, 64));
        assertEquals(PhpQuery.Limit.VARIABLES, e.limit());
        assertEquals(2, e.max());
        assertTrue(e.getMessage().contains("2"));
        assertThrows(PhpQuery.LimitException.class, () -> PhpQuery.parse("a[]=1&a[]=2", 1, 64),
                "every pair counts, also into one array");
    }

    @Test
    void tooDeep() {
        assertEquals(array("a", array("b", array("c", "1"))), PhpQuery.parse("a[b][c]=1", 10, 2));
        PhpQuery.LimitException e = assertThrows(PhpQuery.LimitException.class,
                () -> PhpQuery.parse("a[b][c]=1", 10, 1));
        assertEquals(PhpQuery.Limit.DEPTH, e.limit());
        assertThrows(PhpQuery.LimitException.class, () -> PhpQuery.parse("a[b][c=1", 10, 1),
                "the level is counted before the bracket is read");
        assertEquals(array("a", "1"), PhpQuery.parse("a=1", 10, 0));
        assertThrows(PhpQuery.LimitException.class, () -> PhpQuery.parse("a[b=1", 10, 0));
        String deep = "a" + "[x]".repeat(64) + "=1";
        assertEquals(1, PhpQuery.parse(deep, 10, 64).size());
        assertThrows(PhpQuery.LimitException.class, () -> PhpQuery.parse("a[x]" + deep.substring(1), 10, 64));
    }

    @Test
    void callersOwnLimit() {
        PhpQuery.LimitException e = new PhpQuery.LimitException("too many JSON parameters");
        assertNull(e.limit());
        assertEquals("too many JSON parameters", e.getMessage());
    }

    // ---- array_merge($_GET, $_POST) --------------------------------------------------------

    @Test
    void mergeAsArrayMerge() {
        Map<String, Object> get = parse("wstoken=get&a=1&5=g&wsfunction=f&users[0][x]=1");
        Map<String, Object> post = parse("a=2&wstoken=post&7=p&users[1][y]=2&moodlewsrestformat=json");
        assertPhp(array("wstoken", "post", "a", "2", "0", "g", "wsfunction", "f",
                "users", array("1", array("y", "2")), "1", "p", "moodlewsrestformat", "json"),
                PhpQuery.merge(get, post));
        assertPhp(array(), PhpQuery.merge(Map.of(), Map.of()));
    }
}
