package io.atrium.ws.core.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

import io.atrium.ws.api.Caller;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.spi.WsAuthenticator;
import io.atrium.ws.api.spi.WsAuthorizer;
import io.atrium.ws.api.spi.WsTransactions;
import io.atrium.ws.core.WsRequest;
import io.atrium.ws.core.WsResult;
import io.atrium.ws.core.WsRuntime;

class PipelineTest {

    private final Structures structures = new Structures(new ParamTypes());
    private final FunctionRegistry registry = new FunctionRegistry(structures);
    private WsAuthenticator authenticator = (token, address) -> {
        if (!"good".equals(token)) {
            throw WsException.invalidToken();
        }
        return caller(Set.of("webservice/rest:use", "local/x:do"), f -> !f.equals("local_x_forbidden"));
    };
    private final List<Boolean> transactions = new ArrayList<>();
    private WsTransactions tx;
    private WsAuthorizer authorizer;

    private Pipeline pipeline(boolean debuginfo) {
        return new Pipeline(registry, structures, () -> authenticator, () -> tx, () -> authorizer, debuginfo);
    }

    private WsResult call(String token, String function, Map<String, Object> params) {
        return pipeline(true).call(new WsRequest("rest", token, function, params, "127.0.0.1"));
    }

    private static Caller caller(Set<String> capabilities, java.util.function.Predicate<String> functions) {
        return new Caller() {
            public long userId() {
                return 7;
            }

            public String username() {
                return "u";
            }

            public String service() {
                return "s";
            }

            public String remoteAddress() {
                return "127.0.0.1";
            }

            public boolean canCall(String function) {
                return functions.test(function);
            }

            public boolean hasCapability(String capability) {
                return capabilities.contains(capability);
            }
        };
    }

    private interface Body {
        Object run(WsCall call) throws WsException;
    }

    private void register(long id, int ranking, String name, FunctionSpec spec, Body body) {
        registry.add(id, ranking, name, new WsFunction() {
            public FunctionSpec spec() {
                return spec;
            }

            public Object execute(WsCall call) throws WsException {
                return body.run(call);
            }
        }, "test.bundle", "1.0.0");
    }

    private static final FunctionSpec USERS = FunctionSpec.builder()
            .type(FunctionType.WRITE)
            .capability("local/x:do", "Do things")
            .parameters(single(key("users", multiple(single(
                    key("username", value(ParamType.USERNAME, "name")),
                    key("auth", value(ParamType.PLUGIN, "auth").withDefault("manual")),
                    key("email", value(ParamType.RAW, "mail").optional()))))))
            .returns(multiple(single(key("id", value(ParamType.INT, "id")),
                    key("username", value(ParamType.RAW, "name")),
                    key("auth", value(ParamType.RAW, "auth")),
                    key("email", value(ParamType.RAW, "mail").optional()))))
            .build();

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aValidCallIsValidatedExecutedAndCleaned() {
        register(1, 0, "local_x_users", USERS, c -> {
            List<Object> out = new ArrayList<>();
            long id = 1;
            for (var u : c.params().getParamsList("users")) {
                out.add(map("username", u.getString("username"), "id", id++, "auth", u.getString("auth"),
                        "unknown", "dropped"));
            }
            return out;
        });
        WsResult r = call("good", "local_x_users", map("users", map("5", map("username", "ada"), "9",
                map("username", "bob", "email", "b@x"))));
        assertTrue(r.ok(), () -> String.valueOf(r.error()));
        assertEquals(List.of(map("id", 1L, "username", "ada", "auth", "manual"),
                map("id", 2L, "username", "bob", "auth", "manual")), r.value());
    }

    @Test
    void eachStepFailsWithMoodlesError() {
        register(1, 0, "local_x_users", USERS, c -> List.of());
        register(2, 0, "local_x_forbidden", USERS, c -> List.of());
        assertError(call(null, "local_x_users", Map.of()), "invalidtoken", "Invalid token - token not found", null);
        assertError(call("bad", "local_x_users", Map.of()), "invalidtoken", "Invalid token - token not found", null);
        assertError(call("good", "", Map.of()), "invalidparameter", "Invalid parameter value detected",
                "Missing function name");
        assertError(call("good", "core_no_such_function", Map.of()), "invalidrecord",
                "Can't find data record in database table external_functions.",
                "SELECT * FROM {external_functions} WHERE name = ?\n[array (\n  0 => 'core_no_such_function',\n)]");
        assertError(call("good", "local_x_users", map("users", map("0", map("email", "x")))), "invalidparameter",
                "Invalid parameter value detected", "users => Invalid parameter value detected: Missing required key"
                        + " in single structure: username");
        assertError(call("good", "local_x_users", map("users", List.of(), "extra", "1", "more", "2")),
                "invalidparameter", "Invalid parameter value detected",
                "Unexpected keys (extra, more) detected in parameter array.");
        assertError(call("good", "local_x_users", map("users", "ada")), "invalidparameter",
                "Invalid parameter value detected",
                "users => Invalid parameter value detected: Only arrays accepted. The bad value is: 'ada'");

        authenticator = (t, a) -> caller(Set.of("webservice/rest:use"), f -> true);
        assertError(call("good", "local_x_users", map("users", List.of())), "nopermissions",
                "Sorry, but you do not currently have permissions to do that (Do things).", null);
        authenticator = (t, a) -> caller(Set.of(), f -> true);
        assertError(call("good", "local_x_users", Map.of()), "accessexception", "Access control exception",
                "You are not allowed to use the rest protocol (missing capability: webservice/rest:use)");
        authenticator = null;
        assertError(call("good", "local_x_users", Map.of()), "invalidtoken", "Invalid token - token not found", null);
    }

    @Test
    void anAuthorizerDecidesCapabilitiesInsteadOfTheCaller() throws Exception {
        register(1, 0, "local_x_users", USERS, c -> List.of());
        authenticator = (t, a) -> caller(Set.of(), f -> true); // the caller itself would refuse everything
        List<String> asked = new ArrayList<>();
        authorizer = (c, capability) -> {
            asked.add(c.userId() + " " + capability);
            return !capability.equals("local/x:do");
        };
        assertError(call("good", "local_x_users", map("users", List.of())), "nopermissions",
                "Sorry, but you do not currently have permissions to do that (Do things).", null);
        assertEquals(List.of("7 webservice/rest:use", "7 local/x:do"), asked);
        authorizer = (c, capability) -> true;
        assertTrue(call("good", "local_x_users", map("users", List.of())).ok());
    }

    @Test
    void aFunctionOutsideTheServiceGetsMoodlesTextWordForWord() throws Exception {
        register(1, 0, "core_user_delete_users", USERS, c -> null);
        authenticator = (t, a) -> caller(Set.of("webservice/rest:use"), f -> false);
        WsResult r = call("good", "core_user_delete_users", Map.of());
        Path golden = Path.of(System.getProperty("atrium.golden"), "debug_rest_json_err_access_exception.http");
        String body = Files.readString(golden).substring(Files.readString(golden).lastIndexOf("\r\n\r\n") + 4);
        String moodle = JsonParser.parseString(body).getAsJsonObject().get("debuginfo").getAsString();
        assertEquals(moodle, r.error().debuginfo());
        assertEquals("webservice_access_exception", r.error().exceptionClass());
    }

    @Test
    void aWrongReturnValueIsAnInvalidResponse() {
        register(1, 0, "local_x_users", USERS, c -> List.of(map("id", "seven", "username", "a", "auth", "m")));
        assertError(call("good", "local_x_users", map("users", List.of())), "invalidresponse",
                "Invalid response value detected", "id => Invalid response value"
                        + " detected: Invalid external api response: the value is \"seven\" of PHP type \"string\","
                        + " the server was expecting \"int\" type");
        register(2, 0, "local_x_missing", USERS, c -> List.of(map("id", 1)));
        assertError(call("good", "local_x_missing", map("users", List.of())), "invalidresponse",
                "Invalid response value detected",
                "Error in response - Missing following required key in a single structure: username");
    }

    @Test
    void anUnexpectedFailureIsReportedWithoutItsInsides() {
        register(1, 0, "local_x_users", USERS, c -> {
            throw new IllegalStateException("secret detail");
        });
        WsResult r = pipeline(false).call(new WsRequest("rest", "good", "local_x_users", map("users", List.of()), "x"));
        assertEquals("generalexceptionmessage", r.error().errorcode());
        assertTrue(r.error().getMessage().startsWith("Error: the function failed unexpectedly; the server log has"
                + " the details (reference "));
        assertNull(r.error().debuginfo());
        assertTrue(!r.error().getMessage().contains("secret"));
    }

    @Test
    void debuginfoIsLeftOutWhenSwitchedOff() {
        WsResult r = pipeline(false).call(new WsRequest("rest", "good", "", Map.of(), "x"));
        assertEquals("invalidparameter", r.error().errorcode());
        assertNull(r.error().debuginfo());
    }

    @Test
    void callsRunInATransactionReadOnlyForReadFunctions() {
        tx = new WsTransactions() {
            public <T> T inTransaction(boolean readOnly, Work<T> work) throws WsException {
                transactions.add(readOnly);
                return work.run();
            }
        };
        register(1, 0, "local_x_users", USERS, c -> List.of());
        register(2, 0, "local_x_read", FunctionSpec.builder().type(FunctionType.READ).build(), c -> null);
        call("good", "local_x_users", map("users", List.of()));
        call("good", "local_x_read", Map.of());
        assertEquals(List.of(false, true), transactions);
    }

    @Test
    void theRegistryPicksByRankingAndSaysWhyItRefuses() {
        register(1, 0, "local_x_same", FunctionSpec.builder().description("first").build(), c -> null);
        register(2, 5, "local_x_same", FunctionSpec.builder().description("ranked").build(), c -> null);
        register(3, 0, "local_x_same", FunctionSpec.builder().description("late").build(), c -> null);
        register(4, 0, "Bad-Name", FunctionSpec.builder().build(), c -> null);
        registry.add(5, 0, null, null, "b", "1");
        register(6, 0, "local_x_broken", FunctionSpec.builder().parameters(single(
                key("n", value(ParamType.INT, "n").withDefault("seven")))).build(), c -> null);
        assertEquals("ranked", registry.get("local_x_same").spec.description());
        List<String> reasons = registry.rejected().stream().map(WsRuntime.Rejected::reason).toList();
        assertEquals(5, reasons.size(), reasons::toString);
        assertEquals("shadowed by service 2 of test.bundle 1.0.0, which has a higher service.ranking", reasons.get(0));
        assertEquals("shadowed by service 2 of test.bundle 1.0.0, which has a higher service.ranking", reasons.get(1));
        assertTrue(reasons.get(2).startsWith("'Bad-Name' is not a function name"));
        assertTrue(reasons.get(3).contains("no atrium.ws.function.name property"));
        assertTrue(reasons.get(4).startsWith("the default of the parameter n is not valid: "), reasons.get(4));

        registry.remove(2);
        assertEquals("first", registry.get("local_x_same").spec.description());
    }

    @Test
    void withdrawingAFunctionLetsItsRunningCallsFinish() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        register(1, 0, "local_x_slow", FunctionSpec.builder().returns(value(ParamType.RAW, "r")).build(), c -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "done";
        });
        List<WsResult> results = new ArrayList<>();
        Thread caller = new Thread(() -> results.add(call("good", "local_x_slow", Map.of())));
        caller.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread remover = new Thread(() -> registry.remove(1));
        remover.start();
        Thread.sleep(200);
        assertTrue(remover.isAlive(), "removal waits for the running call");
        assertError(call("good", "local_x_slow", Map.of()), "invalidrecord",
                "Can't find data record in database table external_functions.", null, false);
        release.countDown();
        caller.join(10_000);
        remover.join(10_000);
        assertEquals("done", results.get(0).value());
    }

    private static void assertError(WsResult r, String code, String message, String debuginfo) {
        assertError(r, code, message, debuginfo, true);
    }

    private static void assertError(WsResult r, String code, String message, String debuginfo, boolean exact) {
        assertTrue(!r.ok(), "expected " + code + ", got " + r.value());
        assertEquals(code, r.error().errorcode());
        assertEquals(message, r.error().getMessage());
        if (exact) {
            assertEquals(debuginfo, r.error().debuginfo());
        }
    }

    @Test
    void transactionsRollBackOnErrorsAsTheProviderDecides() {
        List<String> log = new ArrayList<>();
        tx = new WsTransactions() {
            public <T> T inTransaction(boolean readOnly, Work<T> work) throws WsException {
                try {
                    T t = work.run();
                    log.add("commit");
                    return t;
                } catch (WsException | RuntimeException e) {
                    log.add("rollback");
                    throw e;
                }
            }
        };
        register(1, 0, "local_x_fail", FunctionSpec.builder().build(), c -> {
            throw WsException.of("nope", "No");
        });
        assertError(call("good", "local_x_fail", Map.of()), "nope", "No", null);
        assertEquals(List.of("rollback"), log);
    }

    @Test
    void aNullReturnDescriptorAnswersNull() {
        register(1, 0, "local_x_void", FunctionSpec.builder().build(), c -> "ignored");
        WsResult r = call("good", "local_x_void", Map.of());
        assertTrue(r.ok());
        assertNull(r.value());
        assertNull(r.returns());
    }
}
