package io.atrium.feature;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * Reads a feature file. Every error names the file and the element at fault.
 * <p>
 * {@code ${name}} in configuration values and framework properties is replaced by the
 * feature's own {@code variables}, else by the caller's lookup (the launcher supplies
 * {@code atrium.home}, {@code atrium.data} and the like). An unknown name is an error, so a
 * typo cannot silently become a literal value.
 */
public final class FeatureReader {

    private static final Set<String> METADATA = Set.of("title", "description", "vendor", "license", "docURL",
            "scm", "complete", "final", "model-version");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    private static final Set<String> SCALAR_TYPES = Set.of("String", "Integer", "Long", "Float", "Double", "Byte",
            "Short", "Character", "Boolean");

    private FeatureReader() {
    }

    /**
     * Reads a feature file.
     *
     * @param file   the file
     * @param lookup resolves variables the feature does not define; returns {@code null} for unknown names
     * @return the feature
     * @throws FeatureException if the file is not a feature Atrium can apply
     * @throws IOException      if the file cannot be read
     */
    public static Feature read(Path file, Function<String, String> lookup) throws FeatureException, IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), lookup);
        }
    }

    /**
     * Reads a feature from a reader.
     *
     * @param reader the JSON text
     * @param source the name used in error messages (usually the file name)
     * @param lookup resolves variables the feature does not define; returns {@code null} for unknown names
     * @return the feature
     * @throws FeatureException if the text is not a feature Atrium can apply
     */
    public static Feature read(Reader reader, String source, Function<String, String> lookup)
            throws FeatureException {
        JsonElement root;
        try {
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            throw new FeatureException(source + ": not valid JSON: " + rootMessage(e), e);
        }
        if (!root.isJsonObject()) {
            throw new FeatureException(source + ": a feature must be a JSON object");
        }
        return new Parse(source, root.getAsJsonObject(), lookup).feature();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** One parse: holds the source name and the variables for error messages and substitution. */
    private static final class Parse {
        private final String source;
        private final JsonObject json;
        private final Function<String, String> lookup;
        private final Map<String, String> variables = new LinkedHashMap<>();

        Parse(String source, JsonObject json, Function<String, String> lookup) {
            this.source = source;
            this.json = json;
            this.lookup = lookup;
        }

        Feature feature() throws FeatureException {
            for (String key : json.keySet()) {
                checkTopLevelKey(key);
            }
            ArtifactId id = artifactId(string(json.get("id"), "id", true), "id");
            JsonObject vars = object(json.get("variables"), "variables");
            for (Map.Entry<String, JsonElement> e : vars.entrySet()) {
                variables.put(e.getKey(), string(e.getValue(), "variables." + e.getKey(), false));
            }
            return new Feature(id, string(json.get("title"), "title", false),
                    string(json.get("description"), "description", false), bundles(), configurations(),
                    frameworkProperties());
        }

        private void checkTopLevelKey(String key) throws FeatureException {
            switch (key) {
            case "id", "variables", "bundles", "configurations", "framework-properties":
                return;
            case "prototype":
                throw fail("prototype", "feature prototypes are not supported; list the bundles and configurations");
            default:
                if (METADATA.contains(key)) {
                    return;
                }
                int colon = key.indexOf(':');
                if (colon > 0) { // an extension: name:KIND|required
                    if (key.endsWith("|true")) {
                        throw fail(key, "the required extension '" + key.substring(0, colon)
                                + "' is not supported by Atrium");
                    }
                    return;
                }
                throw fail(key, "unknown key (expected id, title, description, variables, bundles, "
                        + "configurations, framework-properties)");
            }
        }

        private List<FeatureBundle> bundles() throws FeatureException {
            List<FeatureBundle> bundles = new ArrayList<>();
            JsonElement element = json.get("bundles");
            if (element == null) {
                return bundles;
            }
            if (!element.isJsonArray()) {
                throw fail("bundles", "must be an array");
            }
            JsonArray array = element.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                String where = "bundles[" + i + "]";
                JsonElement b = array.get(i);
                if (b.isJsonPrimitive() && b.getAsJsonPrimitive().isString()) {
                    bundles.add(new FeatureBundle(artifactId(b.getAsString(), where), 0));
                } else if (b.isJsonObject()) {
                    JsonObject o = b.getAsJsonObject();
                    ArtifactId id = artifactId(string(o.get("id"), where + ".id", true), where + ".id");
                    bundles.add(new FeatureBundle(id, startOrder(o.get("start-order"), where + ".start-order")));
                } else {
                    throw fail(where, "must be a Maven id or an object with an id");
                }
            }
            return bundles;
        }

        private int startOrder(JsonElement value, String where) throws FeatureException {
            if (value == null || value.isJsonNull()) {
                return 0;
            }
            try {
                int order = Integer.parseInt(value.getAsString().trim());
                if (order < 1) {
                    throw fail(where, "must be a positive integer");
                }
                return order;
            } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException e) {
                throw fail(where, "must be a positive integer, not " + value);
            }
        }

        private List<FeatureConfiguration> configurations() throws FeatureException {
            List<FeatureConfiguration> configurations = new ArrayList<>();
            for (Map.Entry<String, JsonElement> c : object(json.get("configurations"), "configurations").entrySet()) {
                String where = "configurations." + c.getKey();
                if (!c.getValue().isJsonObject()) {
                    throw fail(where, "must be an object of properties");
                }
                Map<String, Object> props = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> p : c.getValue().getAsJsonObject().entrySet()) {
                    String key = p.getKey();
                    String type = null;
                    int colon = key.lastIndexOf(':');
                    if (colon > 0) {
                        type = key.substring(colon + 1);
                        key = key.substring(0, colon);
                    }
                    props.put(key, value(p.getValue(), type, where + "." + p.getKey()));
                }
                try {
                    configurations.add(new FeatureConfiguration(c.getKey(), props));
                } catch (IllegalArgumentException e) {
                    throw fail(where, e.getMessage());
                }
            }
            return configurations;
        }

        private Map<String, String> frameworkProperties() throws FeatureException {
            Map<String, String> props = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : object(json.get("framework-properties"), "framework-properties")
                    .entrySet()) {
                String where = "framework-properties." + e.getKey();
                props.put(e.getKey(), substitute(string(e.getValue(), where, true), where));
            }
            return props;
        }

        /** Converts a JSON value to a Configuration Admin value, honouring a Felix {@code key:Type} hint. */
        private Object value(JsonElement v, String type, String where) throws FeatureException {
            if (type != null) {
                boolean array = type.endsWith("[]");
                String scalar = array ? type.substring(0, type.length() - 2) : type;
                if (!SCALAR_TYPES.contains(scalar)) {
                    throw fail(where, "unsupported type '" + type + "' (use String, Integer, Long, Float, Double, "
                            + "Byte, Short, Character or Boolean, optionally with [])");
                }
                if (!array) {
                    return typed(v, scalar, where);
                }
                JsonArray items = v.isJsonArray() ? v.getAsJsonArray() : single(v);
                Object result = Array.newInstance(javaType(scalar), items.size());
                for (int i = 0; i < items.size(); i++) {
                    Array.set(result, i, typed(items.get(i), scalar, where + "[" + i + "]"));
                }
                return result;
            }
            if (v.isJsonPrimitive()) {
                return untyped(v.getAsJsonPrimitive(), where);
            }
            if (v.isJsonArray()) {
                JsonArray items = v.getAsJsonArray();
                List<Object> values = new ArrayList<>();
                Class<?> common = null;
                for (int i = 0; i < items.size(); i++) {
                    String w = where + "[" + i + "]";
                    if (!items.get(i).isJsonPrimitive()) {
                        throw fail(w, "array elements must be strings, numbers or booleans");
                    }
                    Object o = untyped(items.get(i).getAsJsonPrimitive(), w);
                    if (common != null && common != o.getClass()) {
                        throw fail(where, "array elements must all have the same type");
                    }
                    common = o.getClass();
                    values.add(o);
                }
                Object result = Array.newInstance(common == null ? String.class : common, values.size());
                for (int i = 0; i < values.size(); i++) {
                    Array.set(result, i, values.get(i));
                }
                return result;
            }
            throw fail(where, "must be a string, number, boolean or an array of them");
        }

        private JsonArray single(JsonElement v) {
            JsonArray a = new JsonArray();
            a.add(v);
            return a;
        }

        private Object untyped(JsonPrimitive p, String where) throws FeatureException {
            if (p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (p.isNumber()) {
                String text = p.getAsString();
                try {
                    return text.contains(".") || text.contains("e") || text.contains("E")
                            ? (Object) Double.valueOf(text) : (Object) Long.valueOf(text);
                } catch (NumberFormatException e) {
                    throw fail(where, "number out of range: " + text);
                }
            }
            return substitute(p.getAsString(), where);
        }

        private Object typed(JsonElement v, String type, String where) throws FeatureException {
            if (!v.isJsonPrimitive()) {
                throw fail(where, "must be a single " + type + " value");
            }
            String raw = substitute(v.getAsString(), where);
            String text = raw.trim();
            try {
                return switch (type) {
                case "String" -> raw;
                case "Integer" -> Integer.valueOf(text);
                case "Long" -> Long.valueOf(text);
                case "Float" -> Float.valueOf(text);
                case "Double" -> Double.valueOf(text);
                case "Byte" -> Byte.valueOf(text);
                case "Short" -> Short.valueOf(text);
                case "Character" -> {
                    if (text.length() != 1) {
                        throw fail(where, "must be a single character");
                    }
                    yield text.charAt(0);
                }
                case "Boolean" -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        throw fail(where, "must be true or false");
                    }
                    yield Boolean.valueOf(text);
                }
                default -> throw new IllegalStateException(type);
                };
            } catch (NumberFormatException e) {
                throw fail(where, "'" + text + "' is not a valid " + type);
            }
        }

        private static Class<?> javaType(String scalar) {
            return switch (scalar) {
            case "Integer" -> Integer.class;
            case "Long" -> Long.class;
            case "Float" -> Float.class;
            case "Double" -> Double.class;
            case "Byte" -> Byte.class;
            case "Short" -> Short.class;
            case "Character" -> Character.class;
            case "Boolean" -> Boolean.class;
            default -> String.class;
            };
        }

        private String substitute(String text, String where) throws FeatureException {
            if (text.indexOf("${") < 0) {
                return text;
            }
            Matcher m = VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value = variables.containsKey(name) ? variables.get(name) : lookup.apply(name);
                if (value == null) {
                    throw fail(where, "unknown variable ${" + name + "}");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        private ArtifactId artifactId(String text, String where) throws FeatureException {
            try {
                return ArtifactId.parse(text);
            } catch (IllegalArgumentException e) {
                throw fail(where, e.getMessage());
            }
        }

        private JsonObject object(JsonElement e, String where) throws FeatureException {
            if (e == null || e.isJsonNull()) {
                return new JsonObject();
            }
            if (!e.isJsonObject()) {
                throw fail(where, "must be an object");
            }
            return e.getAsJsonObject();
        }

        private String string(JsonElement e, String where, boolean required) throws FeatureException {
            if (e == null || e.isJsonNull()) {
                if (required) {
                    throw fail(where, "is required");
                }
                return null;
            }
            if (!e.isJsonPrimitive()) {
                throw fail(where, "must be a string");
            }
            return e.getAsString();
        }

        private FeatureException fail(String where, String message) {
            return new FeatureException(source + ": " + where + ": " + message);
        }
    }
}
