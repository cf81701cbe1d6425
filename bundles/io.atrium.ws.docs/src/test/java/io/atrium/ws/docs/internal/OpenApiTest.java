package io.atrium.ws.docs.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.core.WsRuntime;

class OpenApiTest {

    private static final List<WsRuntime.Function> FUNCTIONS = List.of(
            Fixtures.function("local_hello_greet", Fixtures.GREET),
            Fixtures.function("local_hello_echo", Fixtures.ECHO),
            Fixtures.function("core_x_purge", Fixtures.PURGE),
            Fixtures.function("core_user_create_users", FunctionSpec.builder().description("Create users.")
                    .parameters(Fixtures.CREATE_USERS_PARAMETERS).returns(Fixtures.CREATE_USERS_RETURNS).build()));

    /** The document as a client reads it: parsed back from the text the servlet sends. */
    private static JsonObject doc() {
        return JsonParser.parseString(OpenApi.json(FUNCTIONS, "1.2.3", "https://lms.example.org")).getAsJsonObject();
    }

    private static JsonObject post(JsonObject doc, String name) {
        return doc.getAsJsonObject("paths").getAsJsonObject("/api/v1/" + name).getAsJsonObject("post");
    }

    private static JsonObject requestSchema(JsonObject op) {
        return op.getAsJsonObject("requestBody").getAsJsonObject("content").getAsJsonObject("application/json")
                .getAsJsonObject("schema");
    }

    private static JsonElement responseSchema(JsonObject op, String status) {
        return op.getAsJsonObject("responses").getAsJsonObject(status).getAsJsonObject("content")
                .getAsJsonObject("application/json").get("schema");
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    @Test
    void topLevel() {
        JsonObject doc = doc();
        assertEquals("3.1.0", doc.get("openapi").getAsString());
        assertEquals("Atrium web services", doc.getAsJsonObject("info").get("title").getAsString());
        assertEquals("1.2.3", doc.getAsJsonObject("info").get("version").getAsString());
        assertEquals("https://lms.example.org",
                doc.getAsJsonArray("servers").get(0).getAsJsonObject().get("url").getAsString());
        JsonObject bearer = doc.getAsJsonObject("components").getAsJsonObject("securitySchemes")
                .getAsJsonObject("bearerAuth");
        assertEquals("http", bearer.get("type").getAsString());
        assertEquals("bearer", bearer.get("scheme").getAsString());
        assertTrue(doc.getAsJsonArray("security").get(0).getAsJsonObject().has("bearerAuth"));
        List<String> tags = new ArrayList<>();
        doc.getAsJsonArray("tags").forEach(t -> tags.add(t.getAsJsonObject().get("name").getAsString()));
        assertEquals(List.of("core_user", "core_x", "local_hello"), tags);
    }

    @Test
    void onePathPerFunctionWithItsOperationId() {
        JsonObject doc = doc();
        JsonObject paths = doc.getAsJsonObject("paths");
        assertEquals(List.of("/api/v1/core_user_create_users", "/api/v1/core_x_purge", "/api/v1/local_hello_echo",
                "/api/v1/local_hello_greet"), new ArrayList<>(paths.keySet()));
        for (String path : paths.keySet()) {
            JsonObject item = paths.getAsJsonObject(path);
            assertEquals(Set.of("post"), item.keySet());
            assertEquals(path.substring("/api/v1/".length()), item.getAsJsonObject("post").get("operationId")
                    .getAsString());
        }
    }

    @Test
    void greet() {
        JsonObject op = post(doc(), "local_hello_greet");
        assertEquals("Greets people by name.", op.get("description").getAsString());
        assertEquals(List.of("local_hello"), strings(op.getAsJsonArray("tags")));
        assertFalse(op.has("deprecated"));
        assertEquals("read", op.get("x-atrium-type").getAsString());
        JsonObject cap = op.getAsJsonArray("x-atrium-capabilities").get(0).getAsJsonObject();
        assertEquals("local/hello:greet", cap.get("capability").getAsString());
        assertEquals("Greet people", cap.get("name").getAsString());
        assertEquals("io.atrium.examples.hello", op.getAsJsonObject("x-atrium-bundle").get("symbolicName")
                .getAsString());
        assertEquals("0.1.0.SNAPSHOT", op.getAsJsonObject("x-atrium-bundle").get("version").getAsString());

        assertTrue(op.getAsJsonObject("requestBody").get("required").getAsBoolean());
        JsonObject params = requestSchema(op);
        assertEquals("object", params.get("type").getAsString());
        assertEquals(List.of("people"), strings(params.getAsJsonArray("required")));
        assertFalse(params.get("additionalProperties").getAsBoolean());
        JsonObject punctuation = params.getAsJsonObject("properties").getAsJsonObject("punctuation");
        assertEquals("!", punctuation.get("default").getAsString());
        assertEquals(JsonParser.parseString("[\"string\",\"null\"]"), punctuation.get("type"));
        JsonObject people = params.getAsJsonObject("properties").getAsJsonObject("people");
        assertEquals("array", people.get("type").getAsString());
        assertEquals("The people to greet", people.get("description").getAsString());
        JsonObject person = people.getAsJsonObject("items");
        assertEquals(List.of("firstname"), strings(person.getAsJsonArray("required")));
        assertEquals("notags", person.getAsJsonObject("properties").getAsJsonObject("firstname")
                .get("x-moodle-type").getAsString());

        JsonObject ok = responseSchema(op, "200").getAsJsonObject();
        assertEquals("array", ok.get("type").getAsString());
        assertEquals(List.of("fullname", "greeting"),
                strings(ok.getAsJsonObject("items").getAsJsonArray("required")));
    }

    @Test
    void errorsReferenceTheSharedSchema() {
        JsonObject doc = doc();
        JsonObject error = doc.getAsJsonObject("components").getAsJsonObject("schemas").getAsJsonObject("MoodleError");
        assertEquals(List.of("exception", "errorcode", "message"), strings(error.getAsJsonArray("required")));
        assertEquals(Set.of("exception", "errorcode", "message", "debuginfo"),
                error.getAsJsonObject("properties").keySet());
        for (String name : List.of("local_hello_greet", "local_hello_echo", "core_x_purge")) {
            JsonObject responses = post(doc, name).getAsJsonObject("responses");
            assertTrue(responses.keySet().containsAll(List.of("200", "400", "401", "403", "404", "429", "500")),
                    responses.keySet().toString());
            for (String status : responses.keySet()) {
                if (!status.equals("200")) {
                    assertEquals("#/components/schemas/MoodleError",
                            responseSchema(post(doc, name), status).getAsJsonObject().get("$ref").getAsString());
                }
            }
        }
        assertTrue(post(doc, "local_hello_greet").getAsJsonObject("responses").getAsJsonObject("403")
                .get("description").getAsString().contains("nopermissions"));
        assertFalse(post(doc, "local_hello_echo").getAsJsonObject("responses").getAsJsonObject("403")
                .get("description").getAsString().contains("nopermissions"));
    }

    @Test
    void aFunctionWithoutParametersOrReturnValue() {
        JsonObject op = post(doc(), "core_x_purge");
        assertTrue(op.get("deprecated").getAsBoolean());
        assertEquals("write", op.get("x-atrium-type").getAsString());
        assertFalse(op.getAsJsonObject("requestBody").get("required").getAsBoolean());
        JsonObject params = requestSchema(op);
        assertEquals(0, params.getAsJsonObject("properties").size());
        assertFalse(params.has("required"));
        assertEquals(JsonParser.parseString("{\"type\":\"null\"}"), responseSchema(op, "200"));
    }

    @Test
    void requiredListsOfNestedStructures() {
        JsonObject op = post(doc(), "core_user_create_users");
        JsonObject user = requestSchema(op).getAsJsonObject("properties").getAsJsonObject("users")
                .getAsJsonObject("items");
        assertEquals(List.of("username", "firstname", "lastname", "email"),
                strings(user.getAsJsonArray("required")));
        assertEquals(29, user.getAsJsonObject("properties").size());
        assertEquals("en", user.getAsJsonObject("properties").getAsJsonObject("lang").get("default").getAsString());
        JsonObject custom = user.getAsJsonObject("properties").getAsJsonObject("customfields");
        assertEquals("array", custom.get("type").getAsString());
        assertEquals(List.of("type", "value"), strings(custom.getAsJsonObject("items").getAsJsonArray("required")));
        assertEquals("^[a-zA-Z0-9_-]*$", custom.getAsJsonObject("items").getAsJsonObject("properties")
                .getAsJsonObject("type").get("pattern").getAsString());
    }

    @Test
    void returnsRequireTheScalarsWithDefaults() {
        JsonObject item = OpenApi.schema(Fixtures.ITEM, false);
        assertEquals(List.of("id", "name", "visible"), strings(item.getAsJsonArray("required")));
        JsonObject param = OpenApi.schema(Fixtures.ITEM, true);
        assertEquals(List.of("id", "name"), strings(param.getAsJsonArray("required")));
        assertTrue(param.getAsJsonObject("properties").getAsJsonObject("visible").get("default").getAsBoolean());
    }

    @Test
    void scalarTypes() {
        JsonObject s = OpenApi.schema(single(
                key("i", value(ParamType.INT, "").notNull()),
                key("f", value(ParamType.FLOAT, "").notNull()),
                key("b", value(ParamType.BOOL, "").notNull()),
                key("e", value(ParamType.EMAIL, "").notNull()),
                key("u", value(ParamType.URL, "").notNull()),
                key("a", value(ParamType.ALPHA, "").notNull()),
                key("t", value(ParamType.TEXT, "")),
                key("l", multiple(value(ParamType.INT, "")).optional())), true).getAsJsonObject("properties");
        assertEquals(JsonParser.parseString("{\"type\":\"integer\",\"format\":\"int64\",\"x-moodle-type\":\"int\"}"),
                s.get("i"));
        assertEquals("number", s.getAsJsonObject("f").get("type").getAsString());
        assertEquals("boolean", s.getAsJsonObject("b").get("type").getAsString());
        assertEquals("email", s.getAsJsonObject("e").get("format").getAsString());
        assertEquals("uri", s.getAsJsonObject("u").get("format").getAsString());
        assertEquals("^[a-zA-Z]*$", s.getAsJsonObject("a").get("pattern").getAsString());
        assertEquals(JsonParser.parseString("[\"string\",\"null\"]"), s.getAsJsonObject("t").get("type"));
        assertNull(s.getAsJsonObject("t").get("pattern"));
        assertNull(s.getAsJsonObject("t").get("format"));
        assertEquals("array", s.getAsJsonObject("l").get("type").getAsString());
        assertEquals(JsonParser.parseString("[\"integer\",\"null\"]"),
                s.getAsJsonObject("l").getAsJsonObject("items").get("type"));
    }

    @Test
    void everyReferenceResolves() {
        JsonObject doc = doc();
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            JsonElement target = doc;
            for (String part : ref.substring(2).split("/")) {
                target = target.getAsJsonObject().get(part);
                assertTrue(target != null, ref);
            }
        }
    }

    private static void collectRefs(JsonElement e, List<String> refs) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                if (m.getKey().equals("$ref")) {
                    refs.add(m.getValue().getAsString());
                } else {
                    collectRefs(m.getValue(), refs);
                }
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collectRefs(x, refs));
        }
    }

    @Test
    void componentsAndSummaries() {
        assertEquals("local_hello", OpenApi.component("local_hello_greet"));
        assertEquals("core_user", OpenApi.component("core_user_create_users"));
        assertEquals("x_y", OpenApi.component("x_y"));
        assertEquals("single", OpenApi.component("single"));
        assertEquals("Create users.", OpenApi.summary("Create users. Then mail them.\nMore."));
    }
}
