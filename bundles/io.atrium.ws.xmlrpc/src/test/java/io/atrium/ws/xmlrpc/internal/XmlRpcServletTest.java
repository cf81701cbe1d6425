package io.atrium.ws.xmlrpc.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpServer;

import io.atrium.testsupport.Golden;
import io.atrium.ws.api.Caller;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsException;
import io.atrium.ws.core.WsDispatcher;
import io.atrium.ws.core.WsRequest;
import io.atrium.ws.core.WsResult;
import io.atrium.ws.core.WsRuntime;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The servlet with a stand-in dispatcher and runtime, and minimal request and response stand-ins. */
class XmlRpcServletTest {

    private static final String ADMIN_TOKEN = "f0b4f101bb2f81337421684b972f5c0f";
    private static final String PREFIX = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><fault><value>"
            + "<struct><member><name>faultCode</name><value><int>";

    // ---- Stand-ins --------------------------------------------------------------------------

    /** Records what the servlet asks and answers as told. */
    static final class Dispatcher implements WsDispatcher {
        final List<WsRequest> calls = new ArrayList<>();
        final List<String> authentications = new ArrayList<>();
        Function<WsRequest, WsResult> answer = r -> WsResult.success(r.function(), null, null);
        WsException authenticationError;
        boolean debugging = true;

        @Override
        public WsResult call(WsRequest request) {
            calls.add(request);
            return answer.apply(request);
        }

        @Override
        public WsResult call(WsRequest request, Caller caller) {
            throw new AssertionError("XML-RPC authenticates by token");
        }

        @Override
        public Caller authenticate(String protocol, String token, String remoteAddress) throws WsException {
            authentications.add(protocol + " " + token + " " + remoteAddress);
            if (authenticationError != null) {
                throw authenticationError;
            }
            return (Caller) Proxy.newProxyInstance(Caller.class.getClassLoader(), new Class<?>[] {Caller.class},
                    (p, m, a) -> null);
        }

        @Override
        public boolean debugging() {
            return debugging;
        }
    }

    /** The functions of the golden captures, with Moodle's parameter descriptions (order matters). */
    static final class Runtime implements WsRuntime {
        final Map<String, Function> functions = new LinkedHashMap<>();

        Runtime() {
            add("core_webservice_get_site_info", FunctionSpec.builder()
                    .parameters(single(key("serviceshortnames", multiple(value(ParamType.ALPHANUMEXT, "service"))
                            .withDefault(List.of()))))
                    .build());
            add("core_user_get_users_by_field", FunctionSpec.builder()
                    .parameters(single(key("field", value(ParamType.ALPHA, "the search field")),
                            key("values", multiple(value(ParamType.RAW, "the value to match")))))
                    .build());
            add("local_x_nothing", FunctionSpec.builder().build());
        }

        void add(String name, FunctionSpec spec) {
            functions.put(name, new Function(name, spec, "test", "1.0.0", functions.size() + 1));
        }

        @Override
        public List<Function> functions() {
            return List.copyOf(functions.values());
        }

        @Override
        public Function function(String name) {
            return functions.get(name);
        }

        @Override
        public List<Rejected> rejected() {
            return List.of();
        }

        @Override
        public long changeCount() {
            return 0;
        }
    }

    static XmlRpcConfig config(long maxBytes, int maxDepth, int maxElements) {
        return new XmlRpcConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return XmlRpcConfig.class;
            }

            @Override
            public long maxBytes() {
                return maxBytes;
            }

            @Override
            public int maxDepth() {
                return maxDepth;
            }

            @Override
            public int maxElements() {
                return maxElements;
            }
        };
    }

    static final XmlRpcConfig DEFAULTS = config(16L << 20, 64, 1_000_000);

    /** What the servlet answered. */
    static final class Answer {
        int status = -1;
        String contentType;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    /** A request body, and how much of it was read. */
    static final class Body extends ServletInputStream {
        final ByteArrayInputStream in;
        final int length;

        Body(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
            length = bytes.length;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }
    }

    final Dispatcher dispatcher = new Dispatcher();
    final Runtime runtime = new Runtime();
    XmlRpcServlet servlet = new XmlRpcServlet(dispatcher, runtime, DEFAULTS);

    Answer call(String method, String query, Map<String, String> headers, Body body, long contentLength)
            throws IOException {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> switch (m.getName()) {
                case "getMethod" -> method;
                case "getQueryString" -> query;
                case "getHeader" -> headers.get((String) args[0]);
                case "getInputStream" -> body;
                case "getContentLengthLong" -> contentLength;
                case "getContentLength" -> (int) contentLength;
                case "getRemoteAddr" -> "192.0.2.7";
                default -> null;
                });
        Answer answer = new Answer();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                answer.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                    case "setStatus" -> answer.status = (Integer) args[0];
                    case "setContentType" -> answer.contentType = (String) args[0];
                    case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                    case "setContentLength" -> answer.headers.put("Content-Length", String.valueOf(args[0]));
                    case "getOutputStream" -> {
                        return out;
                    }
                    default -> {
                    }
                    }
                    return null;
                });
        servlet.service(request, response);
        return answer;
    }

    Answer post(String query, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        return call("POST", query, Map.of(), new Body(bytes), bytes.length);
    }

    Answer post(String xml) throws IOException {
        return post("wstoken=" + ADMIN_TOKEN, xml);
    }

    static String methodCall(String method, String... values) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>").append(method)
                .append("</methodName><params>");
        for (String v : values) {
            xml.append("<param><value>").append(v).append("</value></param>");
        }
        return xml.append("</params></methodCall>").toString();
    }

    /** The fault text of an invalidparameter fault with this debuginfo. */
    static String invalidParameter(String debuginfo) {
        return XmlRpcEncoder.fault(WsException.invalidParameter(debuginfo));
    }

    // ---- The golden exchanges ---------------------------------------------------------------

    /** What the real Moodle's pipeline produced for each capture, as a result. */
    static WsResult moodleResult(Golden golden) throws Exception {
        String name = golden.name();
        if (name.startsWith("xmlrpc_call_")) {
            return WsResult.success("f", XmlRpcEncoderTest.responseValue(golden.body()), null);
        }
        WsException e = switch (name) {
        case "xmlrpc_fault_invalid_token.http" -> WsException.invalidToken();
        case "xmlrpc_fault_unknown_function.http" -> WsException.invalidRecord("external_functions", null);
        case "xmlrpc_fault_invalid_param_value.http" -> WsException.codingError("invalid field parameter", null);
        case "debug_xmlrpc_fault_invalid_param_value.http" -> WsException.codingError("invalid field parameter",
                "The search field 'bogus' is not supported, look at the web service documentation");
        default -> throw new AssertionError(name);
        };
        return WsResult.failure("f", e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xmlrpc_call_site_info.http", "xmlrpc_call_users_by_field_array.http",
        "xmlrpc_fault_invalid_param_value.http", "debug_xmlrpc_fault_invalid_param_value.http",
        "xmlrpc_fault_invalid_token.http", "xmlrpc_fault_unknown_function.http"})
    void goldenExchanges(String file) throws Exception {
        Golden golden = Golden.of(file);
        WsResult result = moodleResult(golden);
        dispatcher.answer = r -> result;
        Answer a = post(golden.requestQuery(), golden.requestBody());

        assertEquals(golden.status(), a.status);
        assertArrayEquals(golden.body(), a.body.toByteArray(), () -> "expected\n" + golden.bodyText() + "\nactual\n"
                + a.text());
        assertEquals(golden.responseHeader("Content-Type"), a.contentType);
        for (String h : List.of("Content-Length", "Server", "Cache-Control", "Expires", "Pragma", "Accept-Ranges",
                "Access-Control-Allow-Origin")) {
            assertEquals(golden.responseHeader(h), a.headers.get(h), h);
        }

        assertEquals(1, dispatcher.calls.size());
        WsRequest r = dispatcher.calls.get(0);
        assertEquals("xmlrpc", r.protocol());
        assertEquals(XmlRpcServlet.queryValue(golden.requestQuery(), "wstoken"), r.token());
        assertEquals("192.0.2.7", r.remoteAddress());
        Map<String, Object> expected = switch (r.function()) {
        case "core_user_get_users_by_field" -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", file.contains("invalid_param") ? "bogus" : "username");
            m.put("values", file.contains("invalid_param") ? List.of("admin") : List.of("student1", "admin"));
            yield m;
        }
        default -> Map.of();
        };
        assertEquals(expected, r.parameters());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(r.parameters().keySet()), "descriptor order");
    }

    // ---- Parameters ----------------------------------------------------------------------------

    @Test
    void positionalParametersTakeTheDescriptorsNamesInOrder() throws Exception {
        post(methodCall("core_user_get_users_by_field", "<string>id</string>",
                "<array><data><value><int>2</int></value></data></array>"));
        assertEquals(Map.of("field", "id", "values", List.of(2L)), dispatcher.calls.get(0).parameters());
    }

    @Test
    void fewerParametersLeaveTheRestToValidation() throws Exception {
        post(methodCall("core_user_get_users_by_field", "<string>id</string>"));
        assertEquals(Map.of("field", "id"), dispatcher.calls.get(0).parameters());
    }

    @Test
    void anUnknownFunctionGetsNoParameters() throws Exception {
        post(methodCall("core_no_such_function", "<int>1</int>", "<string>x</string>"));
        assertEquals("core_no_such_function", dispatcher.calls.get(0).function());
        assertEquals(Map.of(), dispatcher.calls.get(0).parameters());
    }

    @Test
    void tooManyParametersIsAFaultNamingTheParameters() throws Exception {
        Answer a = post(methodCall("core_user_get_users_by_field", "<string>id</string>", "<array><data/></array>",
                "<int>3</int>"));
        assertEquals(200, a.status);
        assertEquals(invalidParameter("core_user_get_users_by_field takes 2 parameters, in this order: field, "
                + "values; the call sent 3"), a.text());
        assertTrue(a.text().startsWith(PREFIX + "29039061</int>"));
        assertEquals(List.of("xmlrpc " + ADMIN_TOKEN + " 192.0.2.7"), dispatcher.authentications);
        assertTrue(dispatcher.calls.isEmpty());

        Answer none = post(methodCall("local_x_nothing", "<int>1</int>"));
        assertEquals(invalidParameter("local_x_nothing takes no parameters; the call sent 1"), none.text());
    }

    @Test
    void tooManyParametersWithABadTokenIsInvalidToken() throws Exception {
        dispatcher.authenticationError = WsException.invalidToken();
        Answer a = post("wstoken=deadbeef", methodCall("local_x_nothing", "<int>1</int>"));
        assertEquals(Golden.of("xmlrpc_fault_invalid_token.http").bodyText(), a.text());
        assertTrue(dispatcher.calls.isEmpty());
    }

    // ---- Tokens ------------------------------------------------------------------------------

    @Test
    void tokenFromTheQueryOrABearerHeader() throws Exception {
        byte[] body = methodCall("local_x_nothing").getBytes(StandardCharsets.UTF_8);
        call("POST", "a=1&wstoken=t%20one", Map.of("Authorization", "Bearer other"), new Body(body), body.length);
        call("POST", null, Map.of("Authorization", "bearer  two "), new Body(body), body.length);
        call("POST", "wstoken=a&wstoken=three", Map.of(), new Body(body), body.length);
        call("POST", null, Map.of(), new Body(body), body.length);
        assertEquals("t one", dispatcher.calls.get(0).token(), "the query wins");
        assertEquals("two", dispatcher.calls.get(1).token());
        assertEquals("three", dispatcher.calls.get(2).token(), "the last, as in PHP's $_GET");
        assertEquals(null, dispatcher.calls.get(3).token());
    }

    // ---- Results -----------------------------------------------------------------------------

    @Test
    void nothingReturnedIsEmptyParams() throws Exception {
        Answer a = post(methodCall("local_x_nothing"));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params/></methodResponse>", a.text());
        assertEquals(String.valueOf(a.body.size()), a.headers.get("Content-Length"));
    }

    @Test
    void aValueThatCannotBeEncodedIsInvalidResponse() throws Exception {
        dispatcher.answer = r -> WsResult.success(r.function(), new Object(), null);
        Answer a = post(methodCall("local_x_nothing"));
        assertTrue(a.text().contains("Invalid response value detected | DEBUG INFO: no XML-RPC value for "
                + "java.lang.Object | ERRORCODE: invalidresponse"), a.text());
        dispatcher.debugging = false;
        assertTrue(post(methodCall("local_x_nothing")).text()
                .contains("<string>Invalid response value detected | ERRORCODE: invalidresponse</string>"));
    }

    // ---- Requests that are not calls ---------------------------------------------------------

    @Test
    void getIsAFaultSayingXmlRpcRequiresPost() throws Exception {
        Answer a = call("GET", "wstoken=" + ADMIN_TOKEN, Map.of(), new Body(new byte[0]), -1);
        assertEquals(200, a.status);
        assertEquals("text/xml; charset=utf-8", a.contentType);
        assertEquals("Moodle XML-RPC Server/1.0", a.headers.get("Server"));
        assertEquals(invalidParameter("XML-RPC requires POST, with the methodCall as the request body; this request "
                + "used GET"), a.text());
        Answer head = call("HEAD", null, Map.of(), new Body(new byte[0]), -1);
        assertEquals(0, head.body.size());
        assertEquals(String.valueOf(invalidParameter("XML-RPC requires POST, with the methodCall as the request body; "
                + "this request used HEAD").getBytes(StandardCharsets.UTF_8).length), head.headers.get("Content-Length"));
        assertTrue(dispatcher.calls.isEmpty());
    }

    @Test
    void notXml() throws Exception {
        Answer a = post("this is not XML");
        assertEquals(200, a.status);
        assertTrue(a.text().startsWith(PREFIX + "29039061</int></value></member><member><name>faultString</name>"
                + "<value><string>Invalid parameter value detected | DEBUG INFO: The document is not well-formed XML: "),
                a.text());
        assertTrue(a.text().endsWith(" | ERRORCODE: invalidparameter</string></value></member></struct></value>"
                + "</fault></methodResponse>"));
        assertFalse(a.text().contains("Exception"), "no stack trace, no exception class");
        assertTrue(post("").text().contains("DEBUG INFO: The document is not well-formed XML"));
        assertTrue(dispatcher.calls.isEmpty());
    }

    @Test
    void noMethodName() throws Exception {
        assertEquals(invalidParameter("The methodCall has no <methodName>"),
                post("<methodCall><params/></methodCall>").text());
        assertEquals(invalidParameter("The request is not an XML-RPC methodCall: its document element is <foo>"),
                post("<foo/>").text());
        assertTrue(dispatcher.calls.isEmpty());
    }

    @Test
    void aMalformedValueIsAFaultThatSaysWhere() throws Exception {
        assertEquals(invalidParameter("The <int> of parameter 2 is not an integer: 'two'"),
                post(methodCall("core_user_get_users_by_field", "<string>id</string>", "<int>two</int>")).text());
        assertTrue(dispatcher.calls.isEmpty());
    }

    @Test
    void externalEntitiesAreNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        Answer a = post("<?xml version=\"1.0\"?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]><methodCall><methodName>local_x_nothing</methodName><params><param><value><string>&xxe;"
                + "</string></value></param></params></methodCall>");
        assertEquals(invalidParameter("DTDs and entity declarations are not allowed"), a.text());
        assertFalse(a.text().contains("TOP-SECRET"));
        assertTrue(dispatcher.calls.isEmpty());
    }

    @Test
    void nothingIsFetched() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] dtd = "<!ENTITY remote \"FETCHED\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            List<String> attacks = List.of(
                    "<!DOCTYPE methodCall SYSTEM \"" + base + "/external.dtd\"><methodCall><methodName>local_x_nothing"
                            + "</methodName></methodCall>",
                    "<!DOCTYPE methodCall [<!ENTITY % p SYSTEM \"" + base + "/p.dtd\"> %p;]><methodCall><methodName>"
                            + "local_x_nothing</methodName></methodCall>",
                    "<!DOCTYPE methodCall [<!ENTITY e SYSTEM \"" + base + "/e\">]><methodCall><methodName>&e;"
                            + "</methodName></methodCall>",
                    "<methodCall xmlns:xi=\"http://www.w3.org/2001/XInclude\"><methodName>local_x_nothing</methodName>"
                            + "<params><param><value><xi:include href=\"" + base + "/x\"/></value></param></params>"
                            + "</methodCall>");
            for (String attack : attacks) {
                Answer a = post(attack);
                assertEquals(200, a.status);
                assertTrue(a.text().startsWith(PREFIX + "29039061</int>"), a.text());
                assertFalse(a.text().contains("FETCHED"));
            }
            assertEquals(0, hits.get(), "no request reached the server");
            assertTrue(dispatcher.calls.isEmpty());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void entityExpansionIsRefusedAtOnce() throws Exception {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        laughs.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        laughs.append("]><methodCall><methodName>&lol9;</methodName></methodCall>");
        long start = System.nanoTime();
        Answer a = post(laughs.toString());
        assertEquals(invalidParameter("DTDs and entity declarations are not allowed"), a.text());
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }

    @Test
    void aBodyBeyondTheLimitIsRefusedAndDrained() throws Exception {
        servlet = new XmlRpcServlet(dispatcher, runtime, config(100, 64, 1000));
        byte[] big = methodCall("local_x_nothing", "<string>" + "x".repeat(500) + "</string>")
                .getBytes(StandardCharsets.UTF_8);

        Body declared = new Body(big);
        Answer a = call("POST", "wstoken=t", Map.of(), declared, big.length);
        assertEquals(invalidParameter("The request body is larger than the limit of 100 bytes"), a.text());
        assertTrue(declared.isFinished(), "drained, so that the client reads the answer");

        Body chunked = new Body(big);
        Answer b = call("POST", "wstoken=t", Map.of(), chunked, -1);
        assertEquals(invalidParameter("The document is larger than 100 bytes"), b.text());
        assertTrue(chunked.isFinished());
        assertTrue(dispatcher.calls.isEmpty());
    }

    @Test
    void depthAndElementLimitsAndTheirChange() throws Exception {
        String deep = methodCall("local_x_unknown", "<array><data><value><array><data><value>x</value></data></array>"
                + "</value></data></array>");
        assertTrue(post(deep).text().contains("<params/>"), "within the defaults");
        servlet.modified(config(16L << 20, 6, 1_000_000));
        assertEquals(invalidParameter("The document is nested deeper than 6 elements"), post(deep).text());
        servlet.modified(config(16L << 20, 64, 5));
        assertEquals(invalidParameter("The document has more than 5 elements"), post(deep).text());
        servlet.modified(DEFAULTS);
        assertTrue(post(deep).text().contains("<params/>"));
    }
}
