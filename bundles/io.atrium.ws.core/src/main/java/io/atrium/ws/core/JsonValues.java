package io.atrium.ws.core;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reads a JSON request body into the values a {@link WsRequest} carries: {@code Map}s (in
 * document order), {@code List}s, {@code String}s, {@code Boolean}s, {@code null}, integers as
 * {@code Long} and other numbers as {@code Double}. Strict JSON, bounded in depth and size.
 */
public final class JsonValues {

    /** A body with more scalar values than allowed. */
    public static final class TooManyValues extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyValues(int limit) {
            super("The request has more than " + limit + " parameters");
        }
    }

    private JsonValues() {
    }

    /**
     * Parses a body.
     *
     * @return the value, {@code null} for a blank body
     * @throws JsonParseException for anything but one strict JSON value, or one nested deeper
     *                            than {@code maxDepth}
     * @throws TooManyValues      for more than {@code maxValues} scalars
     */
    public static Object parse(String body, int maxDepth, int maxValues) {
        if (body.isBlank()) {
            return null;
        }
        JsonReader reader = new JsonReader(new StringReader(body));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(maxDepth + 1);
        JsonElement root;
        try {
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("unexpected content after the JSON value");
            }
        } catch (IOException | IllegalStateException e) {
            throw new JsonParseException(e.getMessage(), e);
        }
        int[] count = {0};
        Object value = toJava(root, count);
        if (count[0] > maxValues) {
            throw new TooManyValues(maxValues);
        }
        return value;
    }

    private static Object toJava(JsonElement e, int[] count) {
        if (e == null || e.isJsonNull()) {
            count[0]++;
            return null;
        }
        if (e.isJsonObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            e.getAsJsonObject().entrySet().forEach(en -> m.put(en.getKey(), toJava(en.getValue(), count)));
            return m;
        }
        if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> l.add(toJava(x, count)));
            return l;
        }
        count[0]++;
        var p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            String text = p.getAsString();
            if (text.matches("-?\\d+")) {
                try {
                    return Long.valueOf(text);
                } catch (NumberFormatException tooBig) {
                    return Double.valueOf(text);
                }
            }
            return Double.valueOf(text);
        }
        return p.getAsString();
    }
}
