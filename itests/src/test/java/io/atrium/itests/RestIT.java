package io.atrium.itests;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.atrium.itests.support.Atrium;
import io.atrium.itests.support.Await;
import io.atrium.itests.support.Golden;
import io.atrium.itests.support.Http;
import io.atrium.itests.support.Http.Response;
import io.atrium.itests.support.Jars;
import io.atrium.itests.support.TestAuth;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * The REST protocol against Moodle's own bytes: the error requests captured from a real
 * Moodle 4.5 are replayed against Atrium, with stand-ins for the Moodle functions they name
 * (same names, same parameter descriptors), and the responses must match byte for byte, with
 * debugging information on and off. Then the example plugin over REST JSON and XML, and the
 * /api/v1 flavour.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestIT {

    private static final String STUDENT = "5877e87c2d1874c488f56a9a61facb3e";
    private static final String SERVER = "/webservice/rest/server.php";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Inject
    private BundleContext context;

    private Http http;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private ServiceRegistration<?> auth;
    private ServiceRegistration<?> tokensDecide;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return OptionUtils.combine(Atrium.options(Atrium.work("rest"), List.of("platform")),
                systemProperty("atrium.golden").value(Golden.directory().toString()));
    }

    @Before
    public void setUp() {
        http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        registerMoodleStandIns();
        tokensDecide = TestAuth.tokensDecide(context);
        authenticate(true);
    }

    @After
    public void tearDown() throws Exception {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        auth.unregister();
        tokensDecide.unregister();
        setDebuginfo(null);
        try (var files = Files.list(Path.of(context.getProperty("atrium.deploy")))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Await.until("the example to go", TIMEOUT, () -> http.get("/webservice/functions/local_hello_greet"),
                r -> r.status() == 404);
    }

    // --- Moodle's bytes

    @Test
    public void errorsMatchMoodleWithDebuggingOn() {
        for (String name : List.of("debug_rest_json_err_invalid_token", "debug_rest_xml_err_invalid_token",
                "debug_rest_json_err_missing_wsfunction", "debug_rest_xml_err_missing_wsfunction",
                "debug_rest_json_err_unknown_function", "debug_rest_xml_err_unknown_function",
                "debug_rest_json_err_access_exception", "debug_rest_xml_err_access_exception",
                "debug_rest_json_err_invalid_param_type", "debug_rest_xml_err_invalid_param_type",
                "debug_rest_json_err_missing_required_param", "debug_rest_xml_err_missing_required_param",
                "debug_rest_json_err_invalid_param_value", "debug_rest_xml_err_invalid_param_value",
                "debug_rest_json_create_users_err_missing_key", "debug_rest_xml_create_users_err_missing_key",
                "debug_rest_json_update_users_err_notags")) {
            replay(name);
        }
        authenticate(false);
        replay("debug_rest_json_err_access_exception_no_protocol_cap");
        replay("debug_rest_xml_err_access_exception_no_protocol_cap");
    }

    @Test
    public void errorsMatchAProductionMoodleWithDebuggingOff() throws Exception {
        setDebuginfo(false);
        Await.until("debuginfo to be off", TIMEOUT, () -> http.get(SERVER + "?wstoken=" + TestAuth.ADMIN
                + "&moodlewsrestformat=json").body(), b -> b.startsWith("{\"exception\"") && !b.contains("debuginfo"));
        for (String name : List.of("rest_json_err_invalid_token", "rest_xml_err_invalid_token",
                "rest_json_err_missing_token", "rest_xml_err_missing_token",
                "rest_json_err_missing_wsfunction", "rest_xml_err_missing_wsfunction",
                "rest_json_err_unknown_function", "rest_xml_err_unknown_function",
                "rest_json_err_access_exception", "rest_xml_err_access_exception",
                "rest_json_err_invalid_param_type", "rest_xml_err_invalid_param_type",
                "rest_json_err_missing_required_param", "rest_xml_err_missing_required_param",
                "rest_json_err_invalid_param_value", "rest_xml_err_invalid_param_value",
                "rest_json_create_users_err_missing_key", "rest_xml_create_users_err_missing_key",
                "rest_json_update_users_err_notags", "rest_xml_update_users_err_notags",
                "rest_json_err_nopermissions", "rest_xml_err_nopermissions")) {
            replay(name);
        }
        authenticate(false);
        replay("rest_json_err_access_exception_no_protocol_cap");
        replay("rest_xml_err_access_exception_no_protocol_cap");
    }

    /** Sends a captured request to Atrium and compares the answer with Moodle's. */
    private void replay(String name) {
        Golden g = Golden.read(name);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + g.target()))
                .method(g.method(), g.requestBody().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(g.requestBody()));
        g.requestHeaders().forEach(request::header);
        Response r = http.send(request.build());
        assertEquals(name + ": status", g.status(), r.status());
        assertEquals(name + ": body", g.responseText(), r.body());
        assertArrayEquals(name + ": body bytes", g.responseBody(), r.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(name + ": content type", g.responseHeaders().get("content-type"), r.contentType());
    }

    @Test
    public void responsesCarryMoodlesHeaders() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                http.base() + SERVER + "?wstoken=nope&wsfunction=x")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        Golden g = Golden.read("rest_xml_err_invalid_token");
        for (String header : List.of("content-type", "content-disposition", "cache-control", "expires", "pragma",
                "accept-ranges", "access-control-allow-origin")) {
            assertEquals(header, g.responseHeaders().get(header), response.headers().firstValue(header).orElse(null));
        }
        assertEquals("an unknown format falls back to XML", g.responseText(),
                http.get(SERVER + "?wstoken=nope&wsfunction=x&moodlewsrestformat=yaml").body());
    }

    // --- the example plugin, hot-deployed

    @Test
    public void theExampleFunctionsAnswerJsonAndXmlAndGoAwayWithTheirBundle() throws Exception {
        Path deploy = Path.of(context.getProperty("atrium.deploy"));
        Jars.drop(deploy, "hello.jar", Atrium.systemBundle(Path.of(context.getProperty("atrium.home")), "io/atrium",
                "io.atrium.examples.hello"));
        Await.until("local_hello_greet", TIMEOUT, () -> http.get("/webservice/functions/local_hello_greet"),
                r -> r.status() == 200);
        String greet = SERVER + "?wstoken=" + TestAuth.ADMIN + "&wsfunction=local_hello_greet"
                + "&people[0][firstname]=Zo%C3%AB&people[0][lastname]=O%27Brien%20%26%20Co%2F&people[5][firstname]=Ada";
        assertEquals("[{\"fullname\":\"Zo\\u00eb O'Brien & Co\\/\",\"greeting\":\"Hello, Zo\\u00eb O'Brien & Co\\/!\"},"
                + "{\"fullname\":\"Ada\",\"greeting\":\"Hello, Ada!\"}]",
                http.get(greet + "&moodlewsrestformat=json").body());
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8" ?>
                <RESPONSE>
                <MULTIPLE>
                <SINGLE>
                <KEY name="fullname"><VALUE>Zoë O'Brien &amp; Co/</VALUE>
                </KEY>
                <KEY name="greeting"><VALUE>Hello, Zoë O'Brien &amp; Co/!</VALUE>
                </KEY>
                </SINGLE>
                <SINGLE>
                <KEY name="fullname"><VALUE>Ada</VALUE>
                </KEY>
                <KEY name="greeting"><VALUE>Hello, Ada!</VALUE>
                </KEY>
                </SINGLE>
                </MULTIPLE>
                </RESPONSE>
                """, http.get(greet).body());

        String echo = SERVER + "?wstoken=" + TestAuth.ADMIN + "&wsfunction=local_hello_echo&moodlewsrestformat=json"
                + "&item[id]=7&item[name]=Lamp&item[tags][3]=a&item[tags][1]=b-c&item[details][size]=2";
        assertEquals("optional keys left out, defaults filled in, lists renumbered, null kept",
                "{\"item\":{\"id\":7,\"name\":\"Lamp\",\"visible\":true,\"tags\":[\"a\",\"b-c\"],"
                        + "\"details\":{\"color\":\"blue\",\"size\":2}},\"note\":null,\"warnings\":[]}",
                http.get(echo).body());
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8" ?>
                <RESPONSE>
                <SINGLE>
                <KEY name="item"><SINGLE>
                <KEY name="id"><VALUE>7</VALUE>
                </KEY>
                <KEY name="name"><VALUE>Lamp</VALUE>
                </KEY>
                <KEY name="price"><VALUE null="null"/>
                </KEY>
                <KEY name="visible"><VALUE>1</VALUE>
                </KEY>
                <KEY name="tags"><MULTIPLE>
                <VALUE>a</VALUE>
                <VALUE>b-c</VALUE>
                </MULTIPLE>
                </KEY>
                <KEY name="details"><SINGLE>
                <KEY name="color"><VALUE>blue</VALUE>
                </KEY>
                <KEY name="size"><VALUE>2</VALUE>
                </KEY>
                </SINGLE>
                </KEY>
                </SINGLE>
                </KEY>
                <KEY name="note"><VALUE null="null"/>
                </KEY>
                <KEY name="warnings"><MULTIPLE>
                </MULTIPLE>
                </KEY>
                </SINGLE>
                </RESPONSE>
                """, http.get(echo.replace("&moodlewsrestformat=json", "")).body());
        assertEquals("{\"exception\":\"core\\\\exception\\\\invalid_parameter_exception\",\"errorcode\":"
                + "\"invalidparameter\",\"message\":\"Invalid parameter value detected\",\"debuginfo\":\"item => "
                + "Invalid parameter value detected: Unexpected keys (colour) detected in parameter array.\"}",
                http.get(echo + "&item[colour]=red").body());

        // Live documentation: the deployed functions are there...
        Response docs = http.get("/webservice/docs");
        assertEquals(200, docs.status());
        assertTrue(docs.contentType(), docs.contentType().startsWith("text/html"));
        assertTrue(docs.body().contains("local_hello_greet") && docs.body().contains("Greet people"));
        assertTrue(docs.body().contains("people[0][firstname]= string"));
        var openapi = http.get("/webservice/openapi.json").json();
        assertEquals("3.1.0", openapi.get("openapi").getAsString());
        assertTrue(openapi.getAsJsonObject("paths").has("/api/v1/local_hello_greet"));
        // ...and counted.
        String metrics = http.get("/metrics").body();
        assertTrue(metrics, metrics.contains(
                "atrium_ws_calls_total{function=\"local_hello_greet\",protocol=\"rest\",outcome=\"ok\"} 2"));
        assertTrue(metrics, metrics.contains(
                "atrium_ws_calls_total{function=\"local_hello_echo\",protocol=\"rest\",outcome=\"invalidparameter\"} 1"));

        Files.delete(deploy.resolve("hello.jar"));
        Await.until("local_hello_greet to be gone", TIMEOUT, () -> http.get(greet + "&moodlewsrestformat=json"),
                r -> r.body().contains("\"errorcode\":\"invalidrecord\""));
        assertTrue("gone from the docs", !http.get("/webservice/docs").body().contains("local_hello_greet"));
        assertTrue("gone from OpenAPI", !http.get("/webservice/openapi.json").json().getAsJsonObject("paths")
                .has("/api/v1/local_hello_greet"));
    }

    // --- /api/v1

    @Test
    public void theApiFlavourUsesBearerTokensJsonBodiesAndRealStatusCodes() throws Exception {
        Path deploy = Path.of(context.getProperty("atrium.deploy"));
        Jars.drop(deploy, "hello.jar", Atrium.systemBundle(Path.of(context.getProperty("atrium.home")), "io/atrium",
                "io.atrium.examples.hello"));
        Await.until("local_hello_greet", TIMEOUT, () -> http.get("/webservice/functions/local_hello_greet"),
                r -> r.status() == 200);
        String body = "{\"people\": [{\"firstname\": \"Ada\", \"lastname\": \"Lovelace\"}], \"punctuation\": \".\"}";
        Response ok = post("/api/v1/local_hello_greet", TestAuth.ADMIN, body);
        assertEquals(200, ok.status());
        assertEquals("[{\"fullname\":\"Ada Lovelace\",\"greeting\":\"Hello, Ada Lovelace.\"}]", ok.body());

        assertEquals(401, post("/api/v1/local_hello_greet", "wrong", body).status());
        assertEquals(401, post("/api/v1/local_hello_greet", null, body).status());
        assertEquals(404, post("/api/v1/core_no_such_function", TestAuth.ADMIN, body).status());
        Response bad = post("/api/v1/local_hello_greet", TestAuth.ADMIN, "{\"people\": \"Ada\"}");
        assertEquals(400, bad.status());
        assertTrue(bad.body(), bad.body().contains("people => Invalid parameter value detected: Only arrays accepted."
                + " The bad value is: 'Ada'"));
        assertEquals(400, post("/api/v1/local_hello_greet", TestAuth.ADMIN, "{\"people\": [").status());
        Response forbidden = post("/api/v1/local_hello_greet", STUDENT, body);
        assertEquals(403, forbidden.status());
        assertEquals("{\"exception\":\"core\\\\exception\\\\required_capability_exception\",\"errorcode\":"
                + "\"nopermissions\",\"message\":\"Sorry, but you do not currently have permissions to do that "
                + "(Greet people).\"}", forbidden.body());

        Response batch = post("/api/v1/batch", TestAuth.ADMIN, """
                [ {"function": "local_hello_greet", "params": {"people": [{"firstname": "Ada"}]}},
                  {"function": "core_no_such_function"},
                  {"function": "local_hello_echo", "params": {"item": {"id": "x", "name": "y"}}},
                  "nonsense" ]""");
        assertEquals(200, batch.status());
        var results = com.google.gson.JsonParser.parseString(batch.body()).getAsJsonArray();
        assertEquals(4, results.size());
        assertEquals("[{\"fullname\":\"Ada\",\"greeting\":\"Hello, Ada!\"}]",
                results.get(0).getAsJsonObject().get("data").toString());
        assertEquals("invalidrecord", results.get(1).getAsJsonObject().getAsJsonObject("error")
                .get("errorcode").getAsString());
        assertEquals("invalidparameter", results.get(2).getAsJsonObject().getAsJsonObject("error")
                .get("errorcode").getAsString());
        assertEquals("invalidparameter", results.get(3).getAsJsonObject().getAsJsonObject("error")
                .get("errorcode").getAsString());
    }

    @Test
    public void requestsBeyondTheLimitsAreRefusedInMoodlesShape() {
        StringBuilder deep = new StringBuilder("x");
        for (int i = 0; i < 40; i++) {
            deep.append("[a]");
        }
        Response r = http.get(SERVER + "?wstoken=" + TestAuth.ADMIN + "&wsfunction=core_user_delete_users"
                + "&moodlewsrestformat=json&" + deep + "=1");
        assertEquals(200, r.status());
        assertTrue(r.body(), r.body().startsWith("{\"exception\":\"core\\\\exception\\\\invalid_parameter_exception\""));
        Response big = http.send(HttpRequest.newBuilder(URI.create(http.base() + SERVER))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("moodlewsrestformat=json&x=" + "a".repeat(9 * 1024 * 1024)))
                .build());
        assertTrue(big.body(), big.body().contains("larger than the limit"));
    }

    // --- helpers

    private Response post(String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build());
    }

    /** The admin (everything but core_user_delete_users) and the student, with or without webservice/rest:use. */
    private void authenticate(boolean studentMayUseRest) {
        if (auth != null) {
            auth.unregister();
        }
        TestAuth a = new TestAuth().with(TestAuth.ADMIN, new TestAuth.Token(2, "admin", "oracle_ws", null,
                f -> !f.equals("core_user_delete_users")));
        a.with(STUDENT, new TestAuth.Token(3, "student1", "oracle_ws",
                studentMayUseRest ? Set.of("webservice/rest:use") : Set.of(), f -> true));
        auth = a.register(context);
    }

    private void setDebuginfo(Boolean on) throws Exception {
        var ref = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin cm = context.getService(ref);
        try {
            Configuration c = cm.getConfiguration("io.atrium.ws.core", "?");
            if (on == null) {
                if (c.getProperties() != null) {
                    c.delete();
                }
            } else {
                Hashtable<String, Object> props = new Hashtable<>();
                props.put("debuginfo", on);
                c.update(props);
            }
        } finally {
            context.ungetService(ref);
        }
    }

    /** Stand-ins for the Moodle functions the captured requests name, with Moodle's parameter descriptors. */
    private void registerMoodleStandIns() {
        standIn("core_user_delete_users", FunctionSpec.builder().type(FunctionType.WRITE)
                .parameters(single(key("userids", multiple(value(ParamType.INT, "user ID"))))).build(), c -> null);
        standIn("core_enrol_get_enrolled_users", FunctionSpec.builder()
                .parameters(single(key("courseid", value(ParamType.INT, "course id")),
                        key("options", multiple(single(key("name", value(ParamType.ALPHANUMEXT, "option name")),
                                key("value", value(ParamType.RAW, "option value"))), "Option names").withDefault(List.of()))))
                .build(), c -> List.of());
        standIn("core_user_get_users_by_field", FunctionSpec.builder()
                .parameters(single(key("field", value(ParamType.ALPHA, "the search field")),
                        key("values", multiple(value(ParamType.RAW, "the value to match")))))
                .build(), c -> {
                    String field = c.params().getString("field");
                    if (!List.of("id", "idnumber", "username", "email").contains(field)) {
                        throw WsException.codingError("invalid field parameter", "The search field '" + field
                                + "' is not supported, look at the web service documentation");
                    }
                    return List.of();
                });
        var user = single(
                key("createpassword", value(ParamType.BOOL, "create password").optional()),
                key("username", value(ParamType.USERNAME, "Username")),
                key("auth", value(ParamType.PLUGIN, "Auth plugins").withDefault("manual")),
                key("password", value(ParamType.RAW, "Plain text password").optional()),
                key("firstname", value(ParamType.NOTAGS, "The first name(s) of the user")),
                key("lastname", value(ParamType.NOTAGS, "The family name of the user")),
                key("email", value(ParamType.RAW_TRIMMED, "A valid and unique email address")));
        standIn("core_user_create_users", FunctionSpec.builder().type(FunctionType.WRITE)
                .capability("moodle/user:create", "Create users")
                .parameters(single(key("users", multiple(user)))).build(), c -> List.of());
        standIn("core_user_update_users", FunctionSpec.builder().type(FunctionType.WRITE)
                .parameters(single(key("users", multiple(single(
                        key("id", value(ParamType.INT, "ID of the user")),
                        key("firstname", value(ParamType.NOTAGS, "The first name(s) of the user").optional()),
                        key("lastname", value(ParamType.NOTAGS, "The family name of the user").optional()),
                        key("email", value(ParamType.EMAIL, "A valid and unique email address").optional()),
                        key("city", value(ParamType.NOTAGS, "Home city of the user").optional()),
                        key("country", value(ParamType.ALPHA, "Home country code").optional()),
                        key("description", value(ParamType.RAW, "User profile description").optional())))))).build(),
                c -> null);
    }

    private interface Body {
        Object run(WsCall call) throws WsException;
    }

    private void standIn(String name, FunctionSpec spec, Body body) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(WsFunctionName.PROPERTY, name);
        registrations.add(context.registerService(WsFunction.class, new WsFunction() {
            @Override
            public FunctionSpec spec() {
                return spec;
            }

            @Override
            public Object execute(WsCall call) throws WsException {
                return body.run(call);
            }
        }, props));
    }
}
