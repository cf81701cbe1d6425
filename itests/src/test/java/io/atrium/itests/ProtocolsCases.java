package io.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.ServiceRegistration;

import io.atrium.itests.support.Atrium;
import io.atrium.itests.support.Await;
import io.atrium.itests.support.Golden;
import io.atrium.itests.support.Http.Response;
import io.atrium.itests.support.Jars;
import io.atrium.itests.support.TestAuth;
import io.atrium.lms.api.Access;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Courses;
import io.atrium.lms.api.Users;
import io.atrium.soap.hook.api.SoapHookPlugin;
import io.atrium.soap.hook.api.SoapMethod;

/**
 * The SOAP endpoint, both dialects, and XML-RPC against the real platform: Moodle's WSDL and
 * faults byte for byte against the captures, XXE refused, and the ILIAS hook slot with the
 * example plugin hot-deployed and removed, its sessions stored in the database.
 */
public abstract class ProtocolsCases extends DataCases {

    private static final String SOAP = "/webservice/soap/server.php";
    /** A token whose service holds exactly the functions of the captured WSDL. */
    private static final String GOLDEN_TOKEN = "0123456789abcdef0123456789abcdef";
    private static final Set<String> GOLDEN_FUNCTIONS = Set.of("core_course_get_courses",
            "core_enrol_get_enrolled_users", "core_files_upload", "core_user_create_users",
            "core_user_get_users_by_field", "core_webservice_get_site_info");
    private static final String PASSWORD = "Soap-admin-2024!";

    @Inject
    private Users users;

    @Inject
    private Courses courses;

    @Inject
    private Contexts contexts;

    @Override
    protected TestAuth authenticator() {
        return new TestAuth().with(GOLDEN_TOKEN,
                new TestAuth.Token(2, "admin", "oracle_ws", null, GOLDEN_FUNCTIONS::contains));
    }

    @Before
    public void adminPassword() throws Exception {
        users.update(2, Map.of("password", PASSWORD), Access.SYSTEM_ACTOR);
    }

    private Response post(String target, String body) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + target))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Our bytes with this server's address put back to the capture's. */
    private String asCaptured(String body) {
        return body.replace(http.base(), "http://127.0.0.1:8090");
    }

    private void assertCaptured(String capture, Response r) {
        Golden g = Golden.read(capture);
        assertEquals(capture, g.status(), r.status());
        // Jetty writes its known types without the space ("text/xml;charset=utf-8").
        assertEquals(capture, g.responseHeaders().get("content-type").replace("; ", ";"),
                r.contentType().replace("; ", ";"));
        assertEquals(capture, g.responseText(), asCaptured(r.body()));
    }

    private Response replay(String capture, String token) {
        Golden g = Golden.read(capture);
        String body = new String(g.requestBody(), StandardCharsets.UTF_8);
        return post(SOAP + "?wstoken=" + token, body);
    }

    // ---- Moodle's dialect

    @Test
    public void theWsdlOfATokenIsMoodlesByteForByte() {
        Response r = http.get(SOAP + "?wsdl=1&wstoken=" + GOLDEN_TOKEN);
        String ours = asCaptured(r.body()).replace(GOLDEN_TOKEN, TestAuth.ADMIN);
        Golden g = Golden.read("soap_wsdl");
        assertEquals(200, r.status());
        assertEquals(g.responseHeaders().get("content-type"), r.contentType());
        // The capture's token also had core_files_upload, which Atrium serves as
        // webservice/upload.php only: the capture without that function is what Moodle writes
        // for the other five (its structure 000001 gone, site info's structure renumbered).
        String expected = g.responseText()
                .replaceAll("<xsd:complexType name=\"webservices_struct_class_000001\">.*?</xsd:complexType>", "")
                .replace("webservices_struct_class_000002", "webservices_struct_class_000001")
                .replaceAll("<operation name=\"core_files_upload\">.*?</operation>", "")
                .replaceAll("<message name=\"core_files_upload(In|Out)\">.*?</message>", "");
        assertTrue(expected, expected.length() < g.responseText().length() - 1000);
        assertEquals(expected, ours);
    }

    @Test
    public void faultsAreMoodlesByteForByte() {
        assertCaptured("soap_fault_invalid_token", replay("soap_fault_invalid_token", "deadbeefdeadbeefdeadbeefdeadbeef"));
        assertCaptured("soap_wsdl_invalid_token", http.get(SOAP + "?wsdl=1&wstoken=deadbeefdeadbeefdeadbeefdeadbeef"));
        assertCaptured("soap_fault_unknown_function", replay("soap_fault_unknown_function", TestAuth.ADMIN));
        // The platform sends debugging information by default, as the debug captures do.
        assertCaptured("debug_soap_fault_invalid_param_value", replay("soap_fault_invalid_param_value", TestAuth.ADMIN));
        assertCaptured("debug_soap_fault_missing_param", replay("soap_fault_missing_param", TestAuth.ADMIN));
    }

    @Test
    public void callsAnswerAsMoodlesSoapServerDoes() {
        Response info = replay("soap_call_site_info", GOLDEN_TOKEN);
        assertEquals(info.body(), 200, info.status());
        assertTrue(info.body(), info.body().contains("<ns1:core_webservice_get_site_infoResponse><return "
                + "xsi:type=\"ns1:webservices_struct_class_000001\"><sitename xsi:type=\"xsd:string\">"));
        assertTrue(info.body(), info.body().contains("<userhomepageurl xsi:nil=\"true\"/>"));
        assertTrue(info.body(), info.body().contains("<username xsi:type=\"xsd:string\">admin</username>"));
        assertTrue(info.body(), info.body().contains("<userissiteadmin xsi:type=\"xsd:int\">1</userissiteadmin>"));

        Response users = post(SOAP + "?wstoken=" + GOLDEN_TOKEN, new String(Golden.read(
                "soap_call_users_by_field_array").requestBody(), StandardCharsets.UTF_8).replace(">student1<", ">admin<"));
        assertEquals(users.body(), 200, users.status());
        assertTrue(users.body(), users.body().contains("<return SOAP-ENC:arrayType=\"ns2:Map[1]\" "
                + "xsi:type=\"SOAP-ENC:Array\"><item xsi:type=\"ns2:Map\"><item><key xsi:type=\"xsd:string\">id</key>"
                + "<value xsi:type=\"xsd:int\">2</value></item><item><key xsi:type=\"xsd:string\">username</key>"
                + "<value xsi:type=\"xsd:string\">admin</value></item>"));
    }

    @Test
    public void externalEntitiesAndEntityExpansionGetAFaultAndReadNoFile() throws Exception {
        Path secret = Files.writeString(Files.createTempFile("atrium-xxe", ".txt"), "TOP-SECRET-CONTENT");
        try {
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                    + "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body>"
                    + "<core_user_get_users_by_field><field>&x;</field><values><item>admin</item></values>"
                    + "</core_user_get_users_by_field></e:Body></e:Envelope>";
            for (String target : List.of(SOAP + "?wstoken=" + TestAuth.ADMIN, SOAP + "?client_id=default")) {
                Response r = post(target, xxe);
                assertEquals(r.body(), 500, r.status());
                assertTrue(r.body(), r.body().contains("<faultcode>SOAP-ENV:Client</faultcode><faultstring>Bad Request: "
                        + "DTDs and entity declarations are not allowed</faultstring>"));
                assertFalse(r.body().contains("TOP-SECRET"));
            }
            String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaaaaaaaa\">"
                    + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                    + "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><x>&c;</x>"
                    + "</e:Body></e:Envelope>";
            assertTrue(post(SOAP + "?wstoken=" + TestAuth.ADMIN, laughs).body().contains("DTDs and entity declarations"));
        } finally {
            Files.delete(secret);
        }
    }

    // ---- XML-RPC

    private static final String XMLRPC = "/webservice/xmlrpc/server.php";

    private Response xmlrpc(String capture, String token) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + XMLRPC + "?wstoken=" + token))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(
                        Golden.read(capture).requestBody())).build());
    }

    @Test
    public void xmlRpcFaultsAreMoodlesByteForByte() {
        assertCaptured("xmlrpc_fault_invalid_token", xmlrpc("xmlrpc_fault_invalid_token", "deadbeefdeadbeefdeadbeefdeadbeef"));
        // Captured without debugging; debugging adds the query as DEBUG INFO.
        Response unknown = xmlrpc("xmlrpc_fault_unknown_function", TestAuth.ADMIN);
        assertTrue(unknown.body(), unknown.body().contains("<int>23604497</int></value></member><member><name>"
                + "faultString</name><value><string>Can't find data record in database table external_functions. | "
                + "DEBUG INFO: SELECT * FROM {external_functions} WHERE name = ?"));
        assertCaptured("debug_xmlrpc_fault_invalid_param_value", xmlrpc("xmlrpc_fault_invalid_param_value",
                TestAuth.ADMIN));
        Response r = xmlrpc("xmlrpc_call_site_info", TestAuth.ADMIN);
        assertEquals("Moodle XML-RPC Server/1.0", r.header("Server"));
    }

    @Test
    public void xmlRpcCallsTakePositionalParametersAndAnswerStructsAndArrays() {
        Response info = xmlrpc("xmlrpc_call_site_info", TestAuth.ADMIN);
        assertEquals(info.body(), 200, info.status());
        assertTrue(info.body(), info.body().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse>"
                + "<params><param><value><struct><member><name>sitename</name><value><string>"));
        assertTrue(info.body(), info.body().contains("<member><name>username</name><value><string>admin</string></value>"
                + "</member>"));
        Response users = xmlrpc("xmlrpc_call_users_by_field_array", TestAuth.ADMIN);
        assertTrue(users.body(), users.body().contains("<value><array><data><value><struct><member><name>id</name>"
                + "<value><int>2</int></value></member><member><name>username</name><value><string>admin</string>"));
    }

    @Test
    public void xmlRpcRefusesEntitiesAndReadsNoFile() throws Exception {
        Path secret = Files.writeString(Files.createTempFile("atrium-xxe", ".txt"), "TOP-SECRET-CONTENT");
        try {
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                    + "<methodCall><methodName>core_user_get_users_by_field</methodName><params><param><value>"
                    + "<string>&x;</string></value></param></params></methodCall>";
            Response r = http.send(HttpRequest.newBuilder(URI.create(http.base() + XMLRPC + "?wstoken=" + TestAuth.ADMIN))
                    .POST(HttpRequest.BodyPublishers.ofString(xxe)).build());
            assertEquals(200, r.status());
            assertTrue(r.body(), r.body().contains("<name>faultString</name><value><string>Invalid parameter value "
                    + "detected | DEBUG INFO: DTDs and entity declarations are not allowed | ERRORCODE: invalidparameter"));
            assertFalse(r.body().contains("TOP-SECRET"));
        } finally {
            Files.delete(secret);
        }
    }

    // ---- The ILIAS hook slot

    private static final String ILIAS = SOAP + "?client_id=default";

    private static String envelope(String operation, String namespace, String parts) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope "
                + "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"" + namespace + "\" "
                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<SOAP-ENV:Body><ns1:" + operation + ">" + parts + "</ns1:" + operation + "></SOAP-ENV:Body>"
                + "</SOAP-ENV:Envelope>";
    }

    private String login() {
        Response r = post(ILIAS, envelope("login", "urn:ilUserAdministration", "<client xsi:type=\"xsd:string\">default"
                + "</client><username xsi:type=\"xsd:string\">admin</username><password xsi:type=\"xsd:string\">"
                + PASSWORD + "</password>"));
        Matcher m = Pattern.compile("<sid xsi:type=\"xsd:string\">([^<]+)</sid>").matcher(r.body());
        assertTrue(r.body(), r.status() == 200 && m.find());
        return m.group(1);
    }

    private Response title(String sid, long refId) {
        // Qualified and untyped, as in the TestSoapHook README.
        return post(ILIAS, envelope("getObjectTitleByRefId", "urn:atrium:examples:soaphook",
                "<ns1:sid>" + sid + "</ns1:sid><ns1:ref_id>" + refId + "</ns1:ref_id>"));
    }

    @Test
    public void aHotDeployedHookPluginServesItsMethodsUntilItIsRemoved() throws Exception {
        Path deploy = Path.of(context.getProperty("atrium.deploy"));
        Path jar = Atrium.systemBundle(Path.of(context.getProperty("atrium.home")), "io/atrium",
                "io.atrium.examples.soaphook");
        assertFalse(http.get(ILIAS + "&wsdl").body().contains("getObjectTitleByRefId"));

        long before = count("SELECT COUNT(*) FROM atrium_sessions");
        String sid = login();
        assertTrue(sid, sid.endsWith("::default"));
        assertEquals("the session is stored, so another node accepts it", before + 1,
                count("SELECT COUNT(*) FROM atrium_sessions"));
        assertTrue(title(sid, 5).body().contains("Procedure 'getObjectTitleByRefId' not present"));

        Jars.drop(deploy, "soaphook.jar", jar);
        try {
            Response wsdl = Await.until("the hook method in the WSDL", TIMEOUT, () -> http.get(ILIAS + "&wsdl"),
                    r -> r.body().contains("<operation name=\"getObjectTitleByRefId\">"));
            assertTrue(wsdl.body(), wsdl.body().contains("<xsd:complexType name=\"atriumObject\">"));
            assertTrue(wsdl.body(), wsdl.body().contains("<soap:address location=\"" + http.base()
                    + "/webservice/soap/server.php?client_id=default\"/>"));

            long course = courses.create(Map.of("fullname", "SOAP hook course", "shortname", "soaphook1",
                    "category", 1L), Access.SYSTEM_ACTOR);
            long refId = contexts.of(ContextLevel.COURSE, course).orElseThrow().id();
            Response ok = title(sid, refId);
            assertEquals(ok.body(), 200, ok.status());
            assertTrue(ok.body(), ok.body().contains("<ns1:getObjectTitleByRefIdResponse><title xsi:type=\"xsd:string\">"
                    + "SOAP hook course</title></ns1:getObjectTitleByRefIdResponse>"));

            // A course module's context: the module's type and name (modules come with tool_sync's deploy).
            long moduleRef = store.inTransaction(false, db -> {
                long section = db.number("SELECT MIN(id) FROM mdl_course_sections WHERE course = ?", course);
                long cm = db.insert("mdl_course_modules", Map.of("course", course, "section", section, "modname",
                        "page", "name", "Reading list", "visible", 1));
                return db.insert("mdl_context", Map.of("contextlevel", 70, "instanceid", cm, "path", "/1/" + refId
                        + "/0", "depth", 3));
            });
            Response module = post(ILIAS, envelope("getObjectByRefId", "urn:atrium:examples:soaphook",
                    "<sid>" + sid + "</sid><ref_id>" + moduleRef + "</ref_id>"));
            assertTrue(module.body(), module.body().contains("<type xsi:type=\"xsd:string\">page</type><title "
                    + "xsi:type=\"xsd:string\">Reading list</title>"));

            Response object = post(ILIAS, envelope("getObjectByRefId", "urn:atrium:examples:soaphook",
                    "<sid xsi:type=\"xsd:string\">" + sid + "</sid><ref_id xsi:type=\"xsd:int\">3</ref_id>"));
            assertTrue(object.body(), object.body().contains("<object xsi:type=\"ns2:atriumObject\"><ref_id "
                    + "xsi:type=\"xsd:int\">3</ref_id><type xsi:type=\"xsd:string\">cat</type><title xsi:type=\"xsd:string\">"));

            assertFault(title(sid, 0), "SOAP-ENV:Client", "No valid Ref-Id provided");
            assertFault(title(sid, 987654), "SOAP-ENV:Client", "Could not load object");
            assertFault(title("forged::default", refId), "SOAP-ENV:Client", "Session invalid");
            assertFault(title("", refId), "SOAP-ENV:Client", "No session id given");
            assertFault(post(ILIAS, envelope("getObjectTitleByRefId", "urn:x", "<ref_id>3</ref_id>")),
                    "SOAP-ENV:Client", "Request is missing at least one of the following parameters: sid, ref_id");
            assertFault(post(ILIAS, envelope("getObjectTitleByRefId", "urn:x", "<sid>" + sid + "</sid><ref_id>abc</ref_id>")),
                    "SOAP-ENV:Client", "Invalid parameter ref_id: expected xsd:int, got 'abc'");
            assertFault(post(SOAP + "?client_id=elsewhere", envelope("logout", "urn:ilUserAdministration", "<sid>"
                    + sid + "</sid>")), "SOAP-ENV:Client", "Invalid client: 'elsewhere' is not a client of this server");

            Response out = post(ILIAS, envelope("logout", "urn:ilUserAdministration", "<sid>" + sid + "</sid>"));
            assertTrue(out.body(), out.body().contains("<success xsi:type=\"xsd:boolean\">true</success>"));
            assertFault(title(sid, refId), "SOAP-ENV:Client", "Session invalid");
        } finally {
            Files.delete(deploy.resolve("soaphook.jar"));
        }
        Await.until("the hook method to leave the WSDL", TIMEOUT, () -> http.get(ILIAS + "&wsdl"),
                r -> r.status() == 200 && !r.body().contains("getObjectTitleByRefId"));
        assertTrue(title(login(), 3).body().contains("Procedure 'getObjectTitleByRefId' not present"));
    }

    private static void assertFault(Response r, String code, String message) {
        assertEquals(r.body(), 500, r.status());
        assertTrue(r.body(), r.body().contains("<faultcode>" + code + "</faultcode><faultstring>" + message
                + "</faultstring>"));
    }

    private static SoapHookPlugin plugin(String... methods) {
        return () -> java.util.Arrays.stream(methods).map(name -> (SoapMethod) new SoapMethod() {
            public String name() {
                return name;
            }

            public Map<String, String> inputParams() {
                return Map.of();
            }

            public Map<String, String> outputParams() {
                return Map.of("value", "xsd:string");
            }

            public String serviceNamespace() {
                return "urn:itest";
            }

            public String documentation() {
                return "";
            }

            public Object execute(io.atrium.soap.hook.api.SoapCall call) {
                return name + " answered";
            }
        }).toList();
    }

    @Test
    public void aDuplicateMethodIsRefusedAndReportedNotShadowed() {
        ServiceRegistration<SoapHookPlugin> first = context.registerService(SoapHookPlugin.class, plugin("itestEcho"),
                new Hashtable<>());
        ServiceRegistration<SoapHookPlugin> second = context.registerService(SoapHookPlugin.class,
                plugin("itestEcho", "login"), new Hashtable<>());
        try {
            String health = http.get("/health").body();
            assertTrue(health, health.contains("SOAP method itestEcho of ") && health.contains(
                    "is not served: ") && health.contains("already serves a method of that name"));
            assertTrue(health, health.contains("SOAP method login of ") && health.contains(
                    "the SOAP endpoint serves login itself"));
            Response r = post(ILIAS, envelope("itestEcho", "urn:itest", ""));
            assertTrue(r.body(), r.body().contains("<value xsi:type=\"xsd:string\">itestEcho answered</value>"));
            first.unregister();
            first = null;
            String after = http.get("/health").body();
            assertFalse(after, after.contains("SOAP method itestEcho"));
            assertTrue(post(ILIAS, envelope("itestEcho", "urn:itest", "")).body().contains("itestEcho answered"));
        } finally {
            if (first != null) {
                first.unregister();
            }
            second.unregister();
        }
    }
}
