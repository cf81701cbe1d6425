package io.atrium.itests.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atrium.itests.support.Http.Response;

/** A Moodle REST client for tests, and the comparison of answers with Moodle's captured ones. */
public final class Moodle {

    private final Http http;
    private final String token;

    public Moodle(Http http, String token) {
        this.http = http;
        this.token = token;
    }

    /** The token this client calls with. */
    public String token() {
        return token;
    }

    /** Calls a function over REST JSON with form parameters given as name, value, name, value... */
    public Response call(String function, String... params) {
        List<String> pairs = new ArrayList<>(List.of("wstoken", token, "wsfunction", function,
                "moodlewsrestformat", "json"));
        pairs.addAll(List.of(params));
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.size(); i += 2) {
            body.append(i == 0 ? "" : "&").append(URLEncoder.encode(pairs.get(i), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs.get(i + 1), StandardCharsets.UTF_8));
        }
        return post("/webservice/rest/server.php", body.toString());
    }

    /** Calls a function and parses its JSON answer. */
    public JsonElement json(String function, String... params) {
        Response r = call(function, params);
        assertEquals(r.body(), 200, r.status());
        return JsonParser.parseString(r.body());
    }

    /** Sends the request of a golden capture as it was sent to Moodle. */
    public Response replay(String golden) {
        Golden g = Golden.read(golden);
        return post(g.target(), new String(g.requestBody(), StandardCharsets.ISO_8859_1));
    }

    private Response post(String target, String body) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + target)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)).build());
    }

    /**
     * Asserts that an answer has the shape of Moodle's: the same keys in the same order, the same
     * JSON types, recursively (every element of a list against the first of Moodle's). Values may
     * differ (ids, times); those that must match are asserted by the tests themselves.
     */
    public static void assertSameShape(String golden, String actual) {
        Golden g = Golden.read(golden);
        shape(golden, JsonParser.parseString(g.responseText()), JsonParser.parseString(actual));
    }

    private static void shape(String path, JsonElement expected, JsonElement actual) {
        if (expected.isJsonNull()) {
            assertTrue(path + ": expected null, got " + actual, actual.isJsonNull());
        } else if (expected.isJsonPrimitive()) {
            assertTrue(path + ": expected a value like " + expected + ", got " + actual, actual.isJsonPrimitive());
            var e = expected.getAsJsonPrimitive();
            var a = actual.getAsJsonPrimitive();
            assertEquals(path + ": type of " + a, kind(e), kind(a));
        } else if (expected.isJsonArray()) {
            assertTrue(path + ": expected a list, got " + actual, actual.isJsonArray());
            JsonArray e = expected.getAsJsonArray();
            JsonArray a = actual.getAsJsonArray();
            if (!e.isEmpty()) {
                assertTrue(path + ": expected a non-empty list", !a.isEmpty());
                for (int i = 0; i < a.size(); i++) {
                    shape(path + "[" + i + "]", e.get(Math.min(i, e.size() - 1)), a.get(i));
                }
            }
        } else {
            assertTrue(path + ": expected an object, got " + actual, actual.isJsonObject());
            JsonObject e = expected.getAsJsonObject();
            JsonObject a = actual.getAsJsonObject();
            assertEquals(path + ": keys", List.copyOf(e.keySet()), List.copyOf(a.keySet()));
            Iterator<Map.Entry<String, JsonElement>> it = e.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonElement> x = it.next();
                shape(path + "." + x.getKey(), x.getValue(), a.get(x.getKey()));
            }
        }
    }

    private static String kind(com.google.gson.JsonPrimitive p) {
        return p.isBoolean() ? "boolean" : p.isNumber() ? "number" : "string";
    }

    /** Fails with the body when the answer is a Moodle exception. */
    public static void assertNoException(Response r) {
        if (r.body().contains("\"exception\"")) {
            fail("Moodle exception: " + r.body());
        }
    }
}
