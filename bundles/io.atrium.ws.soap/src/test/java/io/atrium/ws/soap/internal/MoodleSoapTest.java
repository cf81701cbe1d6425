package io.atrium.ws.soap.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atrium.testsupport.Golden;
import io.atrium.ws.api.Caller;
import io.atrium.ws.api.Descriptors;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsException;
import io.atrium.ws.core.WsDispatcher;
import io.atrium.ws.core.WsRequest;
import io.atrium.ws.core.WsResult;
import io.atrium.ws.core.WsRuntime;
import io.atrium.ws.core.xml.SafeXml;
import io.atrium.ws.core.xml.XmlElement;

class MoodleSoapTest {

    static final String TOKEN = "f0b4f101bb2f81337421684b972f5c0f";
    static final String BASE = "http://127.0.0.1:8090";
    static final String NS = BASE + "/webservice/soap/server.php?wstoken=" + TOKEN;

    /** core_user_get_users_by_field's parameters as Moodle 4.5 declares them. */
    static final FunctionSpec USERS_BY_FIELD = FunctionSpec.builder().type(FunctionType.READ)
            .description("Retrieve users' information for a specified unique field")
            .parameters(Descriptors.single(Descriptors.key("field", Descriptors.value(ParamType.ALPHA, "the search field")),
                    Descriptors.key("values", Descriptors.multiple(Descriptors.value(ParamType.RAW, "the value")))))
            .returns(Descriptors.multiple(Descriptors.single(
                    Descriptors.key("id", Descriptors.value(ParamType.INT, "id")))))
            .build();

    /** A dispatcher that records requests and answers with what the test sets. */
    static final class FakeDispatcher implements WsDispatcher {
        final List<WsRequest> requests = new ArrayList<>();
        WsException authError;
        WsResult result;
        boolean debugging;

        @Override
        public WsResult call(WsRequest request) {
            throw new AssertionError("SOAP calls with the authenticated caller");
        }

        @Override
        public WsResult call(WsRequest request, Caller caller) {
            requests.add(request);
            return result;
        }

        @Override
        public Caller authenticate(String protocol, String token, String remoteAddress) throws WsException {
            assertEquals("soap", protocol);
            if (authError != null) {
                throw authError;
            }
            return new Caller() {
                public long userId() {
                    return 2;
                }

                public String username() {
                    return "admin";
                }

                public String service() {
                    return "s";
                }

                public String remoteAddress() {
                    return remoteAddress;
                }

                public boolean canCall(String function) {
                    return !function.equals("core_forbidden");
                }

                public boolean hasCapability(String capability) {
                    return true;
                }
            };
        }

        @Override
        public boolean debugging() {
            return debugging;
        }
    }

    static WsRuntime runtime(Map<String, FunctionSpec> specs) {
        return new WsRuntime() {
            public List<Function> functions() {
                List<Function> all = new ArrayList<>();
                specs.forEach((n, s) -> all.add(new Function(n, s, "test", "1.0.0", 1)));
                return all;
            }

            public Function function(String name) {
                FunctionSpec s = specs.get(name);
                return s == null ? null : new Function(name, s, "test", "1.0.0", 1);
            }

            public List<Rejected> rejected() {
                return List.of();
            }

            public long changeCount() {
                return 1;
            }
        };
    }

    private final FakeDispatcher dispatcher = new FakeDispatcher();
    private final MoodleSoap soap = new MoodleSoap(dispatcher,
            runtime(Map.of("core_user_get_users_by_field", USERS_BY_FIELD, "core_forbidden", USERS_BY_FIELD)));

    private MoodleSoap.Answer post(String body) {
        return soap.call(BASE, TOKEN, () -> Envelope.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                SafeXml.Limits.DEFAULT), "127.0.0.1");
    }

    private static void assertGolden(String file, MoodleSoap.Answer answer) {
        Golden g = Golden.of(file);
        assertEquals(g.status(), answer.status(), file);
        assertEquals(g.responseHeader("Content-Type"), answer.contentType(), file);
        assertEquals(g.bodyText(), answer.body(), file);
        assertArrayEquals(g.body(), answer.body().getBytes(StandardCharsets.UTF_8), file);
    }

    @Test
    void aBadTokenIsMoodlesOwnFaultWithStatus200() {
        dispatcher.authError = WsException.invalidToken();
        assertGolden("soap_fault_invalid_token.http", post(Golden.of("soap_fault_invalid_token.http").requestBody()));
        assertGolden("soap_wsdl_invalid_token.http", soap.wsdl(BASE, "deadbeef", "127.0.0.1"));
        assertTrue(dispatcher.requests.isEmpty());
    }

    @Test
    void anOperationTheTokenMayNotCallIsNotPresent() {
        assertGolden("soap_fault_unknown_function.http", post(Golden.of("soap_fault_unknown_function.http").requestBody()));
        String forbidden = Golden.of("soap_fault_unknown_function.http").requestBody().replace("core_no_such_function",
                "core_forbidden");
        assertTrue(post(forbidden).body().contains("Procedure 'core_forbidden' not present"));
        assertTrue(dispatcher.requests.isEmpty());
    }

    @Test
    void aFailedCallIsAReceiverFaultWithTheErrorCode() {
        WsException coding = WsException.of("codingerror",
                "Coding error detected, it must be fixed by a programmer: invalid field parameter",
                "The search field 'bogus' is not supported, look at the web service documentation");
        dispatcher.result = WsResult.failure("core_user_get_users_by_field", coding);
        String request = Golden.of("soap_fault_invalid_param_value.http").requestBody();
        assertGolden("soap_fault_invalid_param_value.http", post(request));
        dispatcher.debugging = true;
        assertGolden("debug_soap_fault_invalid_param_value.http", post(request));
        assertEquals(Map.of("field", "bogus", "values", List.of("admin")), dispatcher.requests.get(0).parameters());
    }

    @Test
    void aMissingRequiredPartIsPassedAsNull() {
        dispatcher.result = WsResult.failure("core_user_get_users_by_field", WsException.invalidParameter(
                "values => Invalid parameter value detected: Only arrays accepted. The bad value is: ''"));
        String request = Golden.of("soap_fault_missing_param.http").requestBody();
        assertGolden("soap_fault_missing_param.http", post(request));
        dispatcher.debugging = true;
        assertGolden("debug_soap_fault_missing_param.http", post(request));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("field", "username");
        expected.put("values", null);
        assertEquals(expected, dispatcher.requests.get(0).parameters());
    }

    @Test
    void arraysComeAsEncodedArraysRepeatedElementsOrItemsAndPartsQualifiedOrNot() {
        dispatcher.result = WsResult.success("core_user_get_users_by_field", List.of(), USERS_BY_FIELD.returns());
        String env = "<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:t=\"" + NS.replace("&", "&amp;") + "\"><soap:Body><t:core_user_get_users_by_field>%s"
                + "</t:core_user_get_users_by_field></soap:Body></soap:Envelope>";
        post(env.formatted("<t:field>username</t:field><t:values>a</t:values><t:values>b</t:values>"));
        post(env.formatted("<field>username</field><values><item>a</item><item>b</item></values>"));
        post(env.formatted("<field>username</field><values>a</values>"));
        post(env.formatted("<x>username</x><y><item>a</item><item>b</item></y>"));
        post(env.formatted("<field>username</field><values><values>a</values><values>b</values></values>"));
        assertEquals(List.of("a", "b"), dispatcher.requests.get(0).parameters().get("values"));
        assertEquals(List.of("a", "b"), dispatcher.requests.get(1).parameters().get("values"));
        assertEquals(List.of("a"), dispatcher.requests.get(2).parameters().get("values"));
        assertEquals(Map.of("field", "username", "values", List.of("a", "b")), dispatcher.requests.get(3).parameters());
        assertEquals(List.of("a", "b"), dispatcher.requests.get(4).parameters().get("values"));
    }

    @Test
    void aSuccessfulCallAnswersInTheFunctionsNamespace() {
        dispatcher.result = WsResult.success("core_user_get_users_by_field", List.of(Map.of("id", 3L)),
                USERS_BY_FIELD.returns());
        MoodleSoap.Answer a = post(Golden.of("soap_call_users_by_field_array.http").requestBody());
        assertEquals(200, a.status());
        assertTrue(a.body().contains("<ns1:core_user_get_users_by_fieldResponse><return SOAP-ENC:arrayType=\"ns2:Map[1]\" "
                + "xsi:type=\"SOAP-ENC:Array\"><item xsi:type=\"ns2:Map\"><item><key xsi:type=\"xsd:string\">id</key>"
                + "<value xsi:type=\"xsd:int\">3</value></item></item></return>"), a.body());
    }

    @Test
    void entitiesAreRefusedAndNoFileIsRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("passwd"), "root:SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body>"
                + "<core_user_get_users_by_field><field>&x;</field></core_user_get_users_by_field></e:Body></e:Envelope>";
        MoodleSoap.Answer a = post(xxe);
        assertEquals(500, a.status());
        assertTrue(a.body().contains("<faultcode>SOAP-ENV:Client</faultcode><faultstring>Bad Request: DTDs and entity "
                + "declarations are not allowed</faultstring>"), a.body());
        assertFalse(a.body().contains("SECRET"));
        assertTrue(dispatcher.requests.isEmpty());
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                + "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><f>&b;</f></e:Body></e:Envelope>";
        assertTrue(post(laughs).body().contains("DTDs and entity declarations are not allowed"));
    }

    @Test
    void soap12AndNonEnvelopesAreVersionMismatches() {
        assertTrue(post("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body><x/></e:Body></e:Envelope>")
                .body().contains("<faultcode>SOAP-ENV:VersionMismatch</faultcode>"));
        assertTrue(post("<methodCall/>").body().contains("<faultcode>SOAP-ENV:VersionMismatch</faultcode>"));
        assertTrue(post("not xml").body().contains("Bad Request: The document is not well-formed XML"));
    }

    // ---- Encoding, against the golden responses

    /** Reads a golden SOAP value back into Java values by its xsi:type. */
    static Object decode(XmlElement e) {
        if ("true".equals(e.attribute(SoapWriter.XSI, "nil"))) {
            return null;
        }
        XmlElement.Name type = e.resolve(e.attribute(SoapWriter.XSI, "type"));
        String t = type == null ? "" : type.local();
        switch (t) {
            case "int":
                return Long.valueOf(e.text());
            case "boolean":
                return Boolean.valueOf(e.text());
            case "string":
                return e.text();
            case "Array": {
                List<Object> list = new ArrayList<>();
                e.children().forEach(c -> list.add(decode(c)));
                return list;
            }
            case "Map": {
                Map<String, Object> map = new LinkedHashMap<>();
                e.children().forEach(c -> map.put(c.child("key").text(), decode(c.child("value"))));
                return map;
            }
            default: {
                Map<String, Object> map = new LinkedHashMap<>();
                e.children().forEach(c -> map.put(c.name(), decode(c)));
                return map;
            }
        }
    }

    static XmlElement parse(String xml) throws SafeXml.Refused {
        return SafeXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), SafeXml.Limits.DEFAULT);
    }

    static XmlElement returnOf(Golden g) throws SafeXml.Refused {
        return parse(g.bodyText()).child("Body").children().get(0).child("return");
    }

    @Test
    void anUntypedListOfStructuresIsEncodedAsPhpDoes() throws Exception {
        Golden g = Golden.of("soap_call_users_by_field_array.http");
        Object value = decode(returnOf(g));
        String body = SoapWriter.response(NS, "core_user_get_users_by_field",
                List.of(new SoapWriter.Part("return", new SoapType.Array(SoapType.ANY), value)));
        assertEquals(g.bodyText(), body);
    }

    @Test
    void aTypedStructureIsEncodedAsPhpDoes() throws Exception {
        Golden g = Golden.of("soap_call_site_info.http");
        Object value = decode(returnOf(g));
        // The member types, as the golden WSDL declares webservices_struct_class_000002.
        XmlElement schema = parse(Golden.of("soap_wsdl.http").bodyText()).child("types").child("schema");
        Map<String, SoapType> members = new LinkedHashMap<>();
        for (XmlElement element : schema.children().get(2).child("all").children()) {
            String type = element.attribute("", "type");
            members.put(element.attribute("", "name"), type.equals("xsd:int") ? SoapType.Scalar.INT
                    : type.equals("xsd:string") ? SoapType.Scalar.STRING : new SoapType.Array(SoapType.ANY));
        }
        SoapType.Struct struct = new SoapType.Struct(NS, "webservices_struct_class_000002", members);
        // Moodle's booleans come out as xsd:int in a typed structure.
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) value;
        m.put("userissiteadmin", Boolean.TRUE);
        String body = SoapWriter.response(NS, "core_webservice_get_site_info",
                List.of(new SoapWriter.Part("return", struct, m)));
        assertArrayEquals(g.body(), body.getBytes(StandardCharsets.UTF_8));
    }
}
