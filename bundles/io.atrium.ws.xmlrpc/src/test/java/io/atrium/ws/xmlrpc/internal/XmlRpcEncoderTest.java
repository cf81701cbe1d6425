package io.atrium.ws.xmlrpc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.atrium.testsupport.Golden;
import io.atrium.ws.api.WsException;
import io.atrium.ws.core.xml.SafeXml;
import io.atrium.ws.core.xml.XmlElement;

/** Responses and faults, against the golden captures and Moodle's own tests of the plugin. */
class XmlRpcEncoderTest {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    /** The value a golden methodResponse carries, read with this bundle's decoder. */
    static Object responseValue(byte[] body) throws Exception {
        XmlElement root = SafeXml.parse(new ByteArrayInputStream(body), SafeXml.Limits.DEFAULT);
        assertEquals("methodResponse", root.name());
        XmlElement param = root.child("params").child("param");
        return XmlRpcDecoder.value(param.child("value"), "the response");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xmlrpc_call_site_info.http", "xmlrpc_call_users_by_field_array.http"})
    void goldenResponsesReEncodeByteForByte(String file) throws Exception {
        Golden golden = Golden.of(file);
        byte[] body = golden.body();
        assertEquals(String.valueOf(body.length), golden.responseHeader("Content-Length"),
                "the capture's body is all of it: no trailing newline");
        Object value = responseValue(body);
        assertArrayEquals(body, XmlRpcEncoder.response(value).getBytes(StandardCharsets.UTF_8),
                () -> "expected\n" + golden.bodyText() + "\nactual\n" + XmlRpcEncoder.response(value));
    }

    @Test
    void siteInfoValuesAreJavaValues() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) responseValue(Golden.of("xmlrpc_call_site_info.http").body());
        assertEquals("Moodle Oracle", info.get("sitename"));
        assertEquals(2L, info.get("userid"));
        assertEquals(-1L, info.get("usermaxuploadfilesize"));
        assertEquals(Boolean.TRUE, info.get("usercanmanageownfiles"));
        assertEquals("", info.get("mobilecssurl"));
        assertEquals(6, ((List<?>) info.get("functions")).size());
        assertEquals(List.copyOf(info.keySet()).subList(0, 3), List.of("sitename", "username", "firstname"));
    }

    @Test
    void goldenFaultsByteForByte() {
        assertGolden("xmlrpc_fault_invalid_token.http", WsException.invalidToken());
        assertGolden("xmlrpc_fault_unknown_function.http", WsException.invalidRecord("external_functions", null));
        assertGolden("xmlrpc_fault_invalid_param_value.http",
                WsException.codingError("invalid field parameter", null));
        assertGolden("debug_xmlrpc_fault_invalid_param_value.http", WsException.codingError("invalid field parameter",
                "The search field 'bogus' is not supported, look at the web service documentation"));
    }

    private static void assertGolden(String file, WsException e) {
        Golden golden = Golden.of(file);
        assertEquals(String.valueOf(golden.body().length), golden.responseHeader("Content-Length"));
        assertEquals(golden.bodyText(), XmlRpcEncoder.fault(e), file);
        assertArrayEquals(golden.body(), XmlRpcEncoder.fault(e).getBytes(StandardCharsets.UTF_8), file);
    }

    // Moodle's webservice/xmlrpc/tests/locallib_test.php, prepare_response and generate_error.

    @Test
    void moodlesOwnResponseCases() {
        assertEquals(HEAD + "<methodResponse><params><param><value><string>Mellon!</string></value>"
                + "</param></params></methodResponse>", XmlRpcEncoder.response("Mellon!"));
        String glyphs = "😂🤵😂 𝒪𝓃𝓁𝓎 𝓉𝒽𝑒 𝒻𝒾𝓃𝑒𝓈𝓉 𝐼𝓉𝒶𝓁𝒾𝒶𝓃 𝒷𝒾𝓈𝒸𝓊𝒾𝓉𝓈 😂🤵😂";
        assertEquals(HEAD + "<methodResponse><params><param><value><string>" + glyphs
                + "</string></value></param></params></methodResponse>", XmlRpcEncoder.response(glyphs));
    }

    @Test
    void moodlesOwnFaultCases() {
        String empty = HEAD + "<methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>404</int></value></member>"
                + "<member><name>faultString</name><value><string/></value></member>"
                + "</struct></value></fault></methodResponse>";
        assertEquals(empty, XmlRpcEncoder.fault(new WsException("Exception", "", "", null)));
        assertEquals(empty.replace("<string/>", "<string>PC LOAD LETTER</string>"),
                XmlRpcEncoder.fault(new WsException("Exception", "", "PC LOAD LETTER", null)));
        String glyphs = "P̓͊r̨ͧa͚ͬẏ͎e͐̉rͮ̓ ͨ́n̗͗o͛̂t͂̌ ̊̆fͤͦo͒̿uͥͭń̇d̿͒";
        assertEquals(empty.replace("<string/>", "<string>" + glyphs + "</string>"),
                XmlRpcEncoder.fault(new WsException("Exception", "", glyphs, null)));
    }

    @Test
    void faultStringShowsDebugInfoOnlyWhenTheExceptionHasSome() {
        String with = XmlRpcEncoder.fault(WsException.invalidParameter("Missing required key in single structure: x"));
        assertEquals(HEAD + "<methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>29039061</int></value></member>"
                + "<member><name>faultString</name><value><string>Invalid parameter value detected | DEBUG INFO: "
                + "Missing required key in single structure: x | ERRORCODE: invalidparameter</string></value></member>"
                + "</struct></value></fault></methodResponse>", with);
        assertEquals(with.replace(" | DEBUG INFO: Missing required key in single structure: x", ""),
                XmlRpcEncoder.fault(WsException.invalidParameter(null)));
        assertEquals(with.replace("Missing required key in single structure: x", ""),
                XmlRpcEncoder.fault(WsException.invalidParameter("")), "PHP's isset(\"\") is true");
    }

    @Test
    void nullResultIsEmptyParams() {
        assertEquals(HEAD + "<methodResponse><params/></methodResponse>", XmlRpcEncoder.response(null));
    }

    @Test
    void scalars() {
        assertEquals("<string/>", value(""));
        assertEquals("<int>0</int>", value(0L));
        assertEquals("<int>-7</int>", value(-7));
        assertEquals("<int>4294967296</int>", value(4294967296L), "kept whole, where xmlrpc-epi truncates to 32 bits");
        assertEquals("<boolean>1</boolean>", value(true));
        assertEquals("<boolean>0</boolean>", value(false));
    }

    @Test
    void doublesAsPhpsPercentPoint14G() {
        assertEquals("<double>1</double>", value(1.0));
        assertEquals("<double>0.1</double>", value(0.1));
        assertEquals("<double>-2.5</double>", value(-2.5));
        assertEquals("<double>3.1415926535898</double>", value(Math.PI));
        assertEquals("<double>1.0E+25</double>", value(1e25));
        assertEquals("<double>1.0E-5</double>", value(0.00001));
        assertEquals("<double>0.0001</double>", value(0.0001));
        assertEquals("<double>1.0E+15</double>", value(1e15));
        assertEquals("<double>1.0E+14</double>", value(1e14));
        assertEquals("<double>10000000000000</double>", value(1e13));
        assertEquals("<double>0.3</double>", value(0.1 + 0.2));
        assertEquals("<double>1.5</double>", value(1.5f));
        assertEquals("<double>NAN</double>", value(Double.NaN));
        assertEquals("<double>-INF</double>", value(Double.NEGATIVE_INFINITY));
    }

    @Test
    void textEscapedAsXmlrpcEpiDoes() {
        assertEquals("<string>a &#38; b &#60;c&#62; &#34;d&#34; 'e'</string>", value("a & b <c> \"d\" 'e'"));
        assertEquals("<string>tab\there\nnew line é</string>", value("tab\there\nnew line é"));
    }

    @Test
    void charactersXmlCannotCarryAreNeverRaw() {
        assertEquals("<string>a\uFFFDb\uFFFDc\uFFFDd</string>", value("a\u0000b\u0001c\u001Fd"));
        assertEquals("<string>\uFFFD\uFFFD</string>", value("\uFFFE\uFFFF"));
        assertEquals("<string>x\uFFFDy\uFFFD</string>", value("x\uD800y\uDC00"), "unpaired surrogates");
        assertEquals("<string>line&#13;\n</string>", value("line\r\n"), "a CR survives the parser");
        assertEquals("<string>\uD83D\uDE02</string>", value("\uD83D\uDE02"), "a pair is one character");
    }

    @Test
    void structsInOrderWithNullsAsEmptyStrings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", null);
        m.put("x<y", "z");
        m.put("", "empty name");
        assertEquals("<struct><member><name>b</name><value><int>1</int></value></member>"
                + "<member><name>a</name><value><string/></value></member>"
                + "<member><name>x&#60;y</name><value><string>z</string></value></member>"
                + "<member><name/><value><string>empty name</string></value></member></struct>", value(m));
    }

    @Test
    void arraysAndPhpsIdeaOfThem() {
        List<Object> list = new ArrayList<>();
        list.add("a");
        list.add(null);
        list.add(List.of());
        assertEquals("<array><data><value><string>a</string></value><value><string/></value>"
                + "<value><array><data/></array></value></data></array>", value(list));
        assertEquals("<array><data/></array>", value(Map.of()), "an empty PHP array is an array");
        Map<String, Object> intKeys = new LinkedHashMap<>();
        intKeys.put("3", "x");
        intKeys.put("0", "y");
        assertEquals("<array><data><value><string>x</string></value><value><string>y</string></value></data></array>",
                value(intKeys), "integer keys only: an array, keys dropped");
        Map<String, Object> mixed = new LinkedHashMap<>();
        mixed.put("0", "x");
        mixed.put("01", "y");
        assertEquals("<struct><member><name>0</name><value><string>x</string></value></member>"
                + "<member><name>01</name><value><string>y</string></value></member></struct>", value(mixed),
                "\"01\" stays a string key in PHP, so the array is a struct");
    }

    @Test
    void aTypeWithNoPhpValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> XmlRpcEncoder.response(new Object()));
    }

    /** The XML of one value inside a response. */
    private static String value(Object v) {
        String response = XmlRpcEncoder.response(v);
        String prefix = HEAD + "<methodResponse><params><param><value>";
        String suffix = "</value></param></params></methodResponse>";
        assertEquals(prefix, response.substring(0, prefix.length()));
        assertEquals(suffix, response.substring(response.length() - suffix.length()));
        return response.substring(prefix.length(), response.length() - suffix.length());
    }
}
