package io.atrium.ws.docs.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.atrium.ws.api.Descriptor;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.MultipleStructure;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Presence;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.api.ValueDescriptor;
import io.atrium.ws.core.WsRuntime;

/**
 * An OpenAPI 3.1 document for {@code /api/v1}: one {@code POST /api/v1/{name}} per function,
 * its JSON body and its 200 answer described by JSON Schemas (2020-12, which OpenAPI 3.1 uses)
 * generated from the descriptors, its errors by one shared {@code MoodleError} schema. It lets
 * client generators and API tools work with Atrium without knowing Moodle's notation.
 * <p>
 * The schemas say what Atrium's validation accepts, no more precisely than a standard keyword
 * can: PARAM_INT is an {@code integer}, PARAM_FLOAT a {@code number}, PARAM_BOOL a
 * {@code boolean}, every other type a {@code string}, with a {@code format} where a standard one
 * exists and a {@code pattern} only where Moodle's cleaning is exactly "these characters only"
 * (so the pattern never refuses a value Atrium accepts, nor the reverse). The Moodle type is
 * kept in {@code x-moodle-type}. Unexpected keys are refused by Atrium, so every object has
 * {@code additionalProperties: false}.
 */
final class OpenApi {

    static final String VERSION = "3.1.0";
    static final String TITLE = "Atrium web services";
    static final String ERROR_SCHEMA = "MoodleError";
    static final String ERROR_REF = "#/components/schemas/" + ERROR_SCHEMA;
    static final String SECURITY_SCHEME = "bearerAuth";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls()
            .setPrettyPrinting().create();

    private OpenApi() {
    }

    /** The document as pretty-printed JSON text. */
    static String json(List<WsRuntime.Function> functions, String version, String serverUrl) {
        return GSON.toJson(document(functions, version, serverUrl));
    }

    /**
     * The document.
     *
     * @param functions the functions served; sorted by name here
     * @param version   the {@code info.version}
     * @param serverUrl the {@code servers[0].url}, such as {@code https://lms.example.org}
     */
    static JsonObject document(List<WsRuntime.Function> functions, String version, String serverUrl) {
        JsonObject doc = new JsonObject();
        doc.addProperty("openapi", VERSION);

        JsonObject info = new JsonObject();
        info.addProperty("title", TITLE);
        info.addProperty("version", version);
        info.addProperty("description", "Moodle-compatible web-service functions over the JSON flavour of REST: "
                + "POST a JSON object of parameters to /api/v1/{function} with the token as a bearer token. "
                + "Errors carry Moodle's error body with a real HTTP status. The same functions answer on "
                + "/webservice/rest/server.php as in Moodle; /webservice/docs documents both.");
        doc.add("info", info);

        JsonArray servers = new JsonArray();
        JsonObject server = new JsonObject();
        server.addProperty("url", serverUrl);
        servers.add(server);
        doc.add("servers", servers);

        JsonArray security = new JsonArray();
        JsonObject requirement = new JsonObject();
        requirement.add(SECURITY_SCHEME, new JsonArray());
        security.add(requirement);
        doc.add("security", security);

        List<WsRuntime.Function> sorted = functions.stream()
                .sorted(Comparator.comparing(WsRuntime.Function::name)).toList();
        TreeSet<String> tags = new TreeSet<>();
        JsonObject paths = new JsonObject();
        for (WsRuntime.Function f : sorted) {
            tags.add(component(f.name()));
            JsonObject item = new JsonObject();
            item.add("post", operation(f));
            paths.add("/api/v1/" + f.name(), item);
        }
        JsonArray tagList = new JsonArray();
        for (String t : tags) {
            JsonObject tag = new JsonObject();
            tag.addProperty("name", t);
            tagList.add(tag);
        }
        doc.add("tags", tagList);
        doc.add("paths", paths);
        doc.add("components", components());
        return doc;
    }

    /**
     * The frankenstyle component of a function name, which tags it: its first two
     * underscore-separated parts ({@code local_hello} for {@code local_hello_greet}), or the
     * whole name when it has fewer.
     */
    static String component(String name) {
        int first = name.indexOf('_');
        int second = first < 0 ? -1 : name.indexOf('_', first + 1);
        return second < 0 ? name : name.substring(0, second);
    }

    private static JsonObject operation(WsRuntime.Function f) {
        FunctionSpec spec = f.spec();
        JsonObject op = new JsonObject();
        op.addProperty("operationId", f.name());
        String summary = summary(spec.description());
        if (!summary.isEmpty()) {
            op.addProperty("summary", summary);
        }
        if (!spec.description().isEmpty()) {
            op.addProperty("description", spec.description());
        }
        JsonArray tags = new JsonArray();
        tags.add(component(f.name()));
        op.add("tags", tags);
        if (spec.deprecated()) {
            op.addProperty("deprecated", true);
        }
        op.addProperty("x-atrium-type", spec.type().moodleName());
        JsonArray capabilities = new JsonArray();
        for (String c : spec.capabilities()) {
            JsonObject cap = new JsonObject();
            cap.addProperty("capability", c);
            cap.addProperty("name", spec.capabilityName(c));
            capabilities.add(cap);
        }
        op.add("x-atrium-capabilities", capabilities);
        op.add("x-atrium-services", Samples.json(spec.services()));
        JsonObject bundle = new JsonObject();
        bundle.addProperty("symbolicName", f.bundle());
        bundle.addProperty("version", f.bundleVersion());
        op.add("x-atrium-bundle", bundle);

        JsonObject body = new JsonObject();
        body.addProperty("required", spec.parameters().keys().values().stream()
                .anyMatch(d -> d.presence() == Presence.REQUIRED));
        body.add("content", jsonContent(schema(spec.parameters(), true)));
        op.add("requestBody", body);

        JsonObject responses = new JsonObject();
        JsonObject ok = new JsonObject();
        ok.addProperty("description", spec.returns() == null ? "Done; the function returns nothing (null)."
                : spec.returns().description().isEmpty() ? "The function's result."
                : spec.returns().description());
        JsonObject nothing = new JsonObject();
        nothing.addProperty("type", "null");
        ok.add("content", jsonContent(spec.returns() == null ? nothing : schema(spec.returns(), false)));
        responses.add("200", ok);
        for (ErrorCodes.ErrorCode e : ErrorCodes.of(spec)) {
            addError(responses, e);
        }
        op.add("responses", sortedByStatus(responses));
        return op;
    }

    /** Adds an error to the response of its status, one response per status with every code listed. */
    private static void addError(JsonObject responses, ErrorCodes.ErrorCode e) {
        String status = String.valueOf(e.status());
        JsonObject response = responses.getAsJsonObject(status);
        String line = e.errorcode() + ": " + e.when();
        if (response == null) {
            response = new JsonObject();
            response.addProperty("description", line);
            JsonObject schema = new JsonObject();
            schema.addProperty("$ref", ERROR_REF);
            response.add("content", jsonContent(schema));
            responses.add(status, response);
        } else {
            response.addProperty("description", response.get("description").getAsString() + "\n\n" + line);
        }
    }

    private static JsonObject sortedByStatus(JsonObject responses) {
        JsonObject sorted = new JsonObject();
        responses.keySet().stream().sorted().forEach(k -> sorted.add(k, responses.get(k)));
        return sorted;
    }

    private static JsonObject jsonContent(JsonElement schema) {
        JsonObject media = new JsonObject();
        media.add("schema", schema);
        JsonObject content = new JsonObject();
        content.add("application/json", media);
        return content;
    }

    /** The first sentence of a description (up to 120 characters), for {@code summary}. */
    static String summary(String description) {
        String s = description.strip();
        int newline = s.indexOf('\n');
        if (newline >= 0) {
            s = s.substring(0, newline).strip();
        }
        int stop = s.indexOf(". ");
        if (stop >= 0) {
            s = s.substring(0, stop + 1);
        }
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /**
     * The JSON Schema of a descriptor.
     *
     * @param request whether it describes parameters (required: the REQUIRED keys) or a return
     *                value (required: the REQUIRED keys and the scalars with a default, which
     *                Atrium fills in as Moodle's {@code clean_returnvalue} does)
     */
    static JsonObject schema(Descriptor d, boolean request) {
        JsonObject s = new JsonObject();
        if (d instanceof SingleStructure single) {
            s.add("type", type("object", d.allowNull()));
            JsonObject properties = new JsonObject();
            JsonArray required = new JsonArray();
            for (Map.Entry<String, Descriptor> key : single.keys().entrySet()) {
                Descriptor sub = key.getValue();
                properties.add(key.getKey(), schema(sub, request));
                if (sub.presence() == Presence.REQUIRED
                        || !request && sub.presence() == Presence.DEFAULT && sub instanceof ValueDescriptor) {
                    required.add(key.getKey());
                }
            }
            s.add("properties", properties);
            if (!required.isEmpty()) {
                s.add("required", required);
            }
            s.addProperty("additionalProperties", false);
        } else if (d instanceof MultipleStructure multiple) {
            s.add("type", type("array", d.allowNull()));
            s.add("items", schema(multiple.content(), request));
        } else {
            scalar(s, (ValueDescriptor) d);
        }
        if (!d.description().isEmpty()) {
            s.addProperty("description", d.description());
        }
        if (d.presence() == Presence.DEFAULT) {
            s.add("default", Samples.json(d.defaultValue()));
        }
        return s;
    }

    private static void scalar(JsonObject s, ValueDescriptor v) {
        ParamType t = v.type();
        switch (t) {
        case INT:
            s.add("type", type("integer", v.allowNull()));
            s.addProperty("format", "int64");
            break;
        case FLOAT:
            s.add("type", type("number", v.allowNull()));
            s.addProperty("format", "double");
            break;
        case BOOL:
            s.add("type", type("boolean", v.allowNull()));
            break;
        default:
            s.add("type", type("string", v.allowNull()));
            String format = format(t);
            if (format != null) {
                s.addProperty("format", format);
            }
            String pattern = pattern(t);
            if (pattern != null) {
                s.addProperty("pattern", pattern);
            }
            if (t == ParamType.BASE64) {
                s.addProperty("contentEncoding", "base64");
            }
        }
        s.addProperty("x-moodle-type", t.moodleName());
    }

    /** A standard {@code format} for the type, or {@code null}. */
    static String format(ParamType t) {
        switch (t) {
        case EMAIL:
            return "email";
        case URL:
            return "uri";
        case LOCALURL:
            return "uri-reference";
        default:
            return null;
        }
    }

    /**
     * A {@code pattern} for the types whose cleaning only deletes characters outside a set, so
     * that a value is valid exactly when it has no other character; {@code null} for the rest.
     */
    static String pattern(ParamType t) {
        switch (t) {
        case ALPHA:
            return "^[a-zA-Z]*$";
        case ALPHAEXT:
            return "^[a-zA-Z_-]*$";
        case ALPHANUM:
            return "^[a-zA-Z0-9]*$";
        case ALPHANUMEXT:
        case SAFEDIR:
            return "^[a-zA-Z0-9_-]*$";
        case SAFEPATH:
            return "^[a-zA-Z0-9/_-]*$";
        case SEQUENCE:
            return "^[0-9,]*$";
        default:
            return null;
        }
    }

    private static JsonElement type(String type, boolean nullable) {
        if (!nullable) {
            return new JsonPrimitive(type);
        }
        JsonArray both = new JsonArray();
        both.add(type);
        both.add("null");
        return both;
    }

    private static JsonObject components() {
        JsonObject error = new JsonObject();
        error.addProperty("type", "object");
        error.addProperty("description", "Moodle's error body. Match on errorcode: the exception class names "
                + "changed in Moodle 4.5 (core\\exception\\...).");
        JsonObject props = new JsonObject();
        props.add("exception", stringProperty("The Moodle exception class, such as "
                + "core\\exception\\invalid_parameter_exception."));
        props.add("errorcode", stringProperty("The error code clients match on, such as invalidparameter."));
        props.add("message", stringProperty("The message for people."));
        props.add("debuginfo", stringProperty("Details for developers; sent only when the server is "
                + "configured to send debugging information."));
        error.add("properties", props);
        JsonArray required = new JsonArray();
        required.add("exception");
        required.add("errorcode");
        required.add("message");
        error.add("required", required);
        JsonObject example = new JsonObject();
        example.addProperty("exception", "core\\exception\\invalid_parameter_exception");
        example.addProperty("errorcode", "invalidparameter");
        example.addProperty("message", "Invalid parameter value detected");
        example.addProperty("debuginfo", "Missing required key in single structure: people");
        JsonArray examples = new JsonArray();
        examples.add(example);
        error.add("examples", examples);

        JsonObject schemas = new JsonObject();
        schemas.add(ERROR_SCHEMA, error);

        JsonObject bearer = new JsonObject();
        bearer.addProperty("type", "http");
        bearer.addProperty("scheme", "bearer");
        bearer.addProperty("description", "A web-service token, as for wstoken (Authorization: Bearer <token>).");
        JsonObject schemes = new JsonObject();
        schemes.add(SECURITY_SCHEME, bearer);

        JsonObject components = new JsonObject();
        components.add("schemas", schemas);
        components.add("securitySchemes", schemes);
        return components;
    }

    private static JsonObject stringProperty(String description) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "string");
        p.addProperty("description", description);
        return p;
    }
}
