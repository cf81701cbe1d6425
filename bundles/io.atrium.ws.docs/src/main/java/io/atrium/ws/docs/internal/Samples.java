package io.atrium.ws.docs.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;

import io.atrium.ws.api.Descriptor;
import io.atrium.ws.api.MultipleStructure;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Presence;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.api.ValueDescriptor;

/**
 * Example values derived from descriptors: the JSON skeleton of a response, and the
 * placeholder parameters of the request examples. Moodle's page has no JSON box at all; this
 * is the JSON counterpart of its XML skeleton, with the types JSON clients actually receive
 * (PHP's {@code json_encode} sends PARAM_INT as a number, PARAM_BOOL as {@code true}/{@code false}).
 * <p>
 * Request placeholders are chosen to pass Atrium's (Moodle's) validation where a simple value
 * can, so a copied example reaches the function instead of failing on {@code invalidparameter}:
 * {@code string} for text, {@code 0} for numbers, an address for e-mail, the default value of a
 * key that has one.
 */
final class Samples {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private Samples() {
    }

    /**
     * The JSON skeleton of a return value, indented by four spaces like PHP's
     * {@code JSON_PRETTY_PRINT}: every key of every structure, one element per list,
     * {@code "string"}, {@code 0}, {@code 0.0} or {@code false} for scalars; {@code null} for a
     * function that returns nothing (which is what it sends).
     */
    static String jsonSkeleton(Descriptor returns) {
        return returns == null ? "null" : pretty(skeleton(returns));
    }

    private static JsonElement skeleton(Descriptor d) {
        if (d instanceof MultipleStructure m) {
            JsonArray a = new JsonArray();
            a.add(skeleton(m.content()));
            return a;
        }
        if (d instanceof SingleStructure s) {
            JsonObject o = new JsonObject();
            s.keys().forEach((k, v) -> o.add(k, skeleton(v)));
            return o;
        }
        switch (((ValueDescriptor) d).type()) {
        case INT:
            return new JsonPrimitive(0);
        case FLOAT:
            return new JsonPrimitive(0.0);
        case BOOL:
            return new JsonPrimitive(false);
        default:
            return new JsonPrimitive("string");
        }
    }

    /** A sample JSON body for {@code /api/v1}: the parameters' keys with placeholder values. */
    static JsonObject jsonParameters(SingleStructure parameters) {
        return (JsonObject) jsonSample(parameters);
    }

    private static JsonElement jsonSample(Descriptor d) {
        if (d instanceof MultipleStructure m) {
            JsonArray a = new JsonArray();
            a.add(jsonSample(m.content()));
            return a;
        }
        if (d instanceof SingleStructure s) {
            JsonObject o = new JsonObject();
            s.keys().forEach((k, v) -> o.add(k, jsonSample(v)));
            return o;
        }
        ValueDescriptor v = (ValueDescriptor) d;
        if (hasScalarDefault(v)) {
            return json(v.defaultValue());
        }
        switch (v.type()) {
        case INT:
            return new JsonPrimitive(0);
        case FLOAT:
            return new JsonPrimitive(0.0);
        case BOOL:
            return new JsonPrimitive(false);
        default:
            return new JsonPrimitive(placeholder(v.type()));
        }
    }

    /** One form field of a REST request: PHP-style name and placeholder value. */
    record FormField(String name, String value) {
    }

    /**
     * The form fields of a REST request for these parameters, in Moodle's order
     * ({@code people[0][firstname]=string}): every scalar, lists with one element.
     */
    static List<FormField> formParameters(SingleStructure parameters) {
        List<FormField> out = new ArrayList<>();
        for (Map.Entry<String, Descriptor> key : parameters.keys().entrySet()) {
            form(out, key.getKey(), key.getValue());
        }
        return out;
    }

    private static void form(List<FormField> out, String path, Descriptor d) {
        if (d instanceof MultipleStructure m) {
            form(out, path + "[0]", m.content());
        } else if (d instanceof SingleStructure s) {
            for (Map.Entry<String, Descriptor> key : s.keys().entrySet()) {
                form(out, path + "[" + key.getKey() + "]", key.getValue());
            }
        } else {
            ValueDescriptor v = (ValueDescriptor) d;
            String value;
            if (hasScalarDefault(v)) {
                // A boolean travels as 1 or 0 in a form (Moodle refuses "true" for PARAM_BOOL).
                value = v.defaultValue() instanceof Boolean b ? (b ? "1" : "0") : Php.string(v.defaultValue());
            } else {
                value = switch (v.type()) {
                case INT, BOOL -> "0";
                case FLOAT -> "0.0";
                default -> placeholder(v.type());
                };
            }
            out.add(new FormField(path, value));
        }
    }

    private static boolean hasScalarDefault(ValueDescriptor v) {
        Object def = v.defaultValue();
        return v.presence() == Presence.DEFAULT
                && (def instanceof String || def instanceof Number || def instanceof Boolean);
    }

    /** A text placeholder that the type's cleaning leaves unchanged, where one simple value does. */
    static String placeholder(ParamType type) {
        switch (type) {
        case EMAIL:
            return "user@example.com";
        case URL:
            return "https://example.com/";
        case LOCALURL:
            return "/";
        case HOST:
            return "example.com";
        case LANG:
            return "en";
        case TIMEZONE:
            return "99";
        case SEQUENCE:
            return "1,2";
        case COMPONENT:
            return "core";
        case CAPABILITY:
            return "moodle/site:config";
        case BASE64:
            return "c3RyaW5n";
        default:
            return "string";
        }
    }

    /**
     * A default value as JSON, without reflection: {@code null}, booleans, numbers, strings,
     * lists and maps as themselves, anything else as its text, a non-finite number as text
     * (JSON has none). A function's odd default must not break the whole document.
     */
    static JsonElement json(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? new JsonPrimitive(n.toString()) : new JsonPrimitive(n);
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject o = new JsonObject();
            map.forEach((k, v) -> o.add(String.valueOf(k), json(v)));
            return o;
        }
        if (value instanceof Iterable<?> list) {
            JsonArray a = new JsonArray();
            list.forEach(v -> a.add(json(v)));
            return a;
        }
        return new JsonPrimitive(value.toString());
    }

    /** JSON indented by four spaces, slashes and non-ASCII left as they are. */
    static String pretty(JsonElement json) {
        if (json == null || json instanceof JsonNull) {
            return "null";
        }
        StringWriter out = new StringWriter();
        try {
            JsonWriter writer = new JsonWriter(out);
            writer.setIndent("    ");
            GSON.toJson(json, writer);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
