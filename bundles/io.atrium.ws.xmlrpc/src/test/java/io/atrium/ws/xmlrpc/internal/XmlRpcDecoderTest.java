package io.atrium.ws.xmlrpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.atrium.testsupport.Golden;
import io.atrium.ws.core.xml.SafeXml;
import io.atrium.ws.xmlrpc.internal.XmlRpcDecoder.Malformed;
import io.atrium.ws.xmlrpc.internal.XmlRpcDecoder.MethodCall;

class XmlRpcDecoderTest {

    static MethodCall call(String xml) throws Exception {
        return XmlRpcDecoder.methodCall(SafeXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                SafeXml.Limits.DEFAULT));
    }

    /** The one parameter of a call, given as the XML inside its {@code <value>}. */
    static Object param(String valueContent) throws Exception {
        MethodCall c = call("<methodCall><methodName>m</methodName><params><param><value>" + valueContent
                + "</value></param></params></methodCall>");
        assertEquals(1, c.params().size());
        return c.params().get(0);
    }

    static String malformed(String valueContent) {
        return assertThrows(Malformed.class, () -> param(valueContent)).getMessage();
    }

    static List<String> goldenRequests() {
        return Golden.files("").stream().filter(f -> f.contains("xmlrpc_")).toList();
    }

    @ParameterizedTest
    @MethodSource("goldenRequests")
    void everyGoldenRequestDecodes(String file) throws Exception {
        MethodCall c = call(Golden.of(file).requestBody());
        assertEquals(file.contains("site_info") || file.contains("token") ? "core_webservice_get_site_info"
                : file.contains("unknown") ? "core_no_such_function" : "core_user_get_users_by_field", c.method());
    }

    @Test
    void goldenRequestsParameters() throws Exception {
        assertEquals(new MethodCall("core_webservice_get_site_info", List.of()),
                call(Golden.of("xmlrpc_call_site_info.http").requestBody()));
        assertEquals(new MethodCall("core_user_get_users_by_field", List.of("username", List.of("student1", "admin"))),
                call(Golden.of("xmlrpc_call_users_by_field_array.http").requestBody()));
        assertEquals(new MethodCall("core_user_get_users_by_field", List.of("bogus", List.of("admin"))),
                call(Golden.of("xmlrpc_fault_invalid_param_value.http").requestBody()));
    }

    @Test
    void pythonsXmlrpcClientRequest() throws Exception {
        // Python 3's xmlrpc.client.dumps((1, "a", True, 2.5, None, [1], {"k": "v"}, Binary(b"h\xc3\xa9"),
        // DateTime("19980717T14:08:55")), "f", allow_none=True), verbatim.
        String body = "<?xml version='1.0'?>\n<methodCall>\n<methodName>f</methodName>\n<params>\n<param>\n"
                + "<value><int>1</int></value>\n</param>\n<param>\n<value><string>a</string></value>\n</param>\n"
                + "<param>\n<value><boolean>1</boolean></value>\n</param>\n<param>\n<value><double>2.5</double>"
                + "</value>\n</param>\n<param>\n<value><nil/></value></param>\n<param>\n<value><array><data>\n"
                + "<value><int>1</int></value>\n</data></array></value>\n</param>\n<param>\n<value><struct>\n"
                + "<member>\n<name>k</name>\n<value><string>v</string></value>\n</member>\n</struct></value>\n"
                + "</param>\n<param>\n<value><base64>\naMOp\n</base64></value>\n</param>\n<param>\n<value>"
                + "<dateTime.iso8601>19980717T14:08:55</dateTime.iso8601></value>\n</param>\n</params>\n"
                + "</methodCall>\n";
        assertEquals(new MethodCall("f", Arrays.asList(1L, "a", true, 2.5, null, List.of(1L), Map.of("k", "v"), "hé",
                900684535L)), call(body));
    }

    @Test
    void scalars() throws Exception {
        assertEquals("text", param("<string>text</string>"));
        assertEquals("  bare text  ", param("  bare text  "), "no type: a string, whitespace kept");
        assertEquals("", param(""));
        assertEquals("", param("<string/>"));
        assertEquals(" a<&> ", param("<string> a&lt;&amp;&gt; </string>"));
        assertEquals("cdata <x>", param("<string><![CDATA[cdata <x>]]></string>"));
        assertEquals(42L, param("<int>42</int>"));
        assertEquals(-42L, param("<i4> -42 </i4>"));
        assertEquals(42L, param("<i4>+42</i4>"));
        assertEquals(9007199254740993L, param("<i8>9007199254740993</i8>"));
        assertEquals(true, param("<boolean>1</boolean>"));
        assertEquals(false, param("<boolean> 0 </boolean>"));
        assertEquals(2.5, param("<double>2.5</double>"));
        assertEquals(-0.5, param("<double>-.5</double>"));
        assertEquals(1e100, param("<double>1e+100</double>"));
        assertEquals(3.0, param("<double>3</double>"));
        assertNull(param("<nil/>"));
        assertEquals("héllo", param("<base64>aMOpbGxv</base64>"));
        assertEquals("héllo", param("<base64>\n  aMOp\n  bGxv\n</base64>"), "line breaks as encoders write them");
    }

    @ParameterizedTest
    @CsvSource({
        "19980717T14:08:55, 900684535",
        "19980717T140855, 900684535",
        "1998-07-17T14:08:55, 900684535",
        "1998-07-17T14:08:55Z, 900684535",
        "1998-07-17T14:08:55.250Z, 900684535",
        "1998-07-17T16:08:55+02:00, 900684535",
        "19980717T09:08:55-0500, 900684535",
        "19700101T00:00:00, 0",
    })
    void dateTimesAsUnixSeconds(String text, long seconds) throws Exception {
        assertEquals(seconds, param("<dateTime.iso8601>" + text + "</dateTime.iso8601>"));
    }

    @Test
    void structsAndArrays() throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("z", 1L);
        expected.put("a", List.of());
        expected.put("n", Map.of());
        Object decoded = param("<struct>\n <member><name>z</name><value><int>1</int></value></member>\n"
                + " <member><value><array><data/></array></value><name>a</name></member>\n"
                + " <member><name>n</name><value><struct/></value></member>\n</struct>");
        assertEquals(expected, decoded);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) decoded).keySet()), "member order kept");
        assertEquals(Map.of("k", 2L), param("<struct><member><name>k</name><value><int>1</int></value></member>"
                + "<member><name>k</name><value><int>2</int></value></member></struct>"), "the last of a name wins");
        assertEquals(List.of(List.of("x"), Map.of("k", "v")), param("<array><data><value><array><data>"
                + "<value>x</value></data></array></value><value><struct><member><name>k</name><value>v</value>"
                + "</member></struct></value></data></array>"));
    }

    @Test
    void noParamsAtAll() throws Exception {
        assertEquals(new MethodCall("m", List.of()), call("<methodCall><methodName> m </methodName></methodCall>"));
        assertEquals(new MethodCall("m", List.of()), call("<methodCall><methodName>m</methodName><params/></methodCall>"));
    }

    @Test
    void malformedValuesSayWhatAndWhere() {
        assertEquals("The <int> of parameter 1 is not an integer: 'abc'", malformed("<int>abc</int>"));
        assertEquals("The <int> of parameter 1 is out of range: 99999999999999999999",
                malformed("<int>99999999999999999999</int>"));
        assertEquals("The <boolean> of parameter 1 is not 0 or 1: 'true'", malformed("<boolean>true</boolean>"));
        assertEquals("The <double> of parameter 1 is not a number: 'NaN'", malformed("<double>NaN</double>"));
        assertEquals("The <double> of parameter 1 is not a number: '0x1p3'", malformed("<double>0x1p3</double>"));
        assertEquals("The <double> of parameter 1 is out of range: 1e999", malformed("<double>1e999</double>"));
        assertEquals("Unknown XML-RPC type <float> in parameter 1", malformed("<float>1</float>"));
        assertEquals("The <value> of parameter 1 holds more than one element",
                malformed("<int>1</int><int>2</int>"));
        assertEquals("the <value> of parameter 1 has text beside its elements: 'x'", malformed("x<int>1</int>"));
        assertEquals("the <string> of parameter 1 holds an element (<b>) instead of text",
                malformed("<string>a<b/></string>"));
        assertEquals("A <member> of parameter 1 lacks its <name>",
                malformed("<struct><member><value>1</value></member></struct>"));
        assertEquals("A <member> of parameter 1 lacks its <value>",
                malformed("<struct><member><name>k</name></member></struct>"));
        assertEquals("Unexpected <value> in the <struct> of parameter 1", malformed("<struct><value>1</value></struct>"));
        assertEquals("<array> in parameter 1 must hold exactly one <data>", malformed("<array><value>1</value></array>"));
        assertEquals("<array> in parameter 1 must hold exactly one <data>", malformed("<array/>"));
        assertEquals("The <int> of parameter 1, member k, element 1 is not an integer: 'x'",
                malformed("<struct><member><name>k</name><value><array><data><value><int>1</int></value>"
                        + "<value><int>x</int></value></data></array></value></member></struct>"));
        assertEquals("The <nil/> of parameter 1 has content", malformed("<nil>x</nil>"));
        assertEquals("The <dateTime.iso8601> of parameter 1 is not a valid date and time: '19981317T14:08:55'",
                malformed("<dateTime.iso8601>19981317T14:08:55</dateTime.iso8601>"));
        assertEquals("The <dateTime.iso8601> of parameter 1 is not a date and time such as 19980717T14:08:55: "
                + "'yesterday'", malformed("<dateTime.iso8601>yesterday</dateTime.iso8601>"));
        assertEquals("The <base64> of parameter 1 is not base64: Illegal base64 character 21",
                malformed("<base64>!!!!</base64>"));
        String longText = "x".repeat(100);
        assertEquals("The <int> of parameter 1 is not an integer: '" + "x".repeat(40) + "...'",
                malformed("<int>" + longText + "</int>"), "client text is clipped");
    }

    @Test
    void malformedCalls() {
        assertEquals("The request is not an XML-RPC methodCall: its document element is <methodResponse>",
                assertThrows(Malformed.class, () -> call("<methodResponse/>")).getMessage());
        assertEquals("The methodCall has no <methodName>",
                assertThrows(Malformed.class, () -> call("<methodCall><params/></methodCall>")).getMessage());
        assertEquals("The methodCall has no <methodName>",
                assertThrows(Malformed.class, () -> call("<methodCall><methodName> </methodName></methodCall>"))
                        .getMessage());
        assertEquals("The methodCall has more than one <methodName>", assertThrows(Malformed.class,
                () -> call("<methodCall><methodName>a</methodName><methodName>b</methodName></methodCall>"))
                .getMessage());
        assertEquals("Unexpected <foo> in <methodCall>", assertThrows(Malformed.class,
                () -> call("<methodCall><methodName>a</methodName><foo/></methodCall>")).getMessage());
        assertEquals("Unexpected <value> in <params>", assertThrows(Malformed.class,
                () -> call("<methodCall><methodName>a</methodName><params><value>1</value></params></methodCall>"))
                .getMessage());
        assertEquals("<param> in parameter 2 must hold exactly one <value>", assertThrows(Malformed.class,
                () -> call("<methodCall><methodName>a</methodName><params><param><value>1</value></param>"
                        + "<param/></params></methodCall>")).getMessage());
    }
}
