package io.atrium.ws.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonParseException;

import io.atrium.ws.api.WsException;
import io.atrium.ws.core.JsonValues;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

/**
 * An HTTP request read the way PHP builds {@code array_merge($_GET, $_POST)} for Moodle's REST
 * server, within limits: the query string and a form body (urlencoded or multipart) with
 * PHP's nested keys, or a JSON object body (Atrium's extension). Reading never throws for bad
 * input: the problem is kept as a {@code WsException} to report in the protocol's shape.
 */
final class RestRequest {

    /** The limits a request must keep to. */
    record Limits(int maxBodyBytes, int maxParameters, int maxDepth) {
        static Limits of(RestConfig config) {
            return new Limits(config.maxBodyBytes(), config.maxParameters(), config.maxDepth());
        }
    }

    /** The merged parameters, top-level keys in arrival order. */
    final Map<String, Object> parameters;
    /** Why the request could not be read, or {@code null}. */
    final WsException problem;

    private RestRequest(Map<String, Object> parameters, WsException problem) {
        this.parameters = parameters;
        this.problem = problem;
    }

    static RestRequest read(HttpServletRequest request, Limits limits) {
        RestRequest in = parse(request, limits);
        if (in.problem != null && !in.parameters.containsKey("moodlewsrestformat")) {
            // The request could not be parsed; its error should still come in the format asked for.
            String format = plainQueryValue(request.getQueryString(), "moodlewsrestformat");
            if (format != null) {
                in.parameters.put("moodlewsrestformat", format);
            }
        }
        return in;
    }

    private static RestRequest parse(HttpServletRequest request, Limits limits) {
        // PHP's array_merge($_GET, $_POST): the body wins on names, integer names are renumbered.
        Map<String, Object> merged = new LinkedHashMap<>();
        try {
            String query = request.getQueryString();
            if (query != null) {
                merged = PhpQuery.parse(query, limits.maxParameters(), limits.maxDepth());
            }
            String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
            if (type.startsWith("application/json")) {
                Object body = json(readBody(request, limits), limits);
                if (body instanceof Map<?, ?> map) {
                    Map<String, Object> object = new LinkedHashMap<>();
                    map.forEach((k, v) -> object.put(String.valueOf(k), v));
                    merged = PhpQuery.merge(merged, object);
                } else if (body != null) {
                    return new RestRequest(merged, WsException.invalidParameter(
                            "A JSON request body must be an object of parameters"));
                }
            } else if (type.startsWith("multipart/form-data")) {
                merged = PhpQuery.merge(merged, multipart(request, limits));
            } else if (type.startsWith("application/x-www-form-urlencoded") || "POST".equals(request.getMethod())) {
                String body = readBody(request, limits);
                if (!body.isEmpty()) {
                    merged = PhpQuery.merge(merged, PhpQuery.parse(body, limits.maxParameters(), limits.maxDepth()));
                }
            }
            return new RestRequest(merged, null);
        } catch (PhpQuery.LimitException e) {
            return new RestRequest(merged, WsException.invalidParameter(e.getMessage()));
        } catch (BodyTooLarge e) {
            drain(request);
            return new RestRequest(merged, WsException.invalidParameter(
                    "The request body is larger than the limit of " + limits.maxBodyBytes() + " bytes"));
        } catch (JsonParseException e) {
            return new RestRequest(merged, WsException.invalidParameter("The JSON request body is not valid: "
                    + rootMessage(e)));
        } catch (IOException | ServletException | IllegalStateException e) {
            return new RestRequest(merged, WsException.invalidParameter("The request cannot be read: " + e.getMessage()));
        }
    }

    /** The value of a plain top-level name in a query string, found without PHP's parsing; or {@code null}. */
    static String plainQueryValue(String query, String name) {
        if (query == null) {
            return null;
        }
        String value = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException malformed) {
                // not this pair
            }
        }
        return value;
    }

    /** Removes a key and returns its value as text ({@code null} when absent or not a scalar). */
    String take(String key) {
        Object v = parameters.remove(key);
        return v instanceof String || v instanceof Number || v instanceof Boolean ? String.valueOf(v) : null;
    }

    /** Removes Moodle's call settings ({@code moodlewssetting*}), which are not function parameters. */
    void dropSettings() {
        parameters.keySet().removeIf(k -> k.startsWith("moodlewssetting"));
    }

    /** The token from an {@code Authorization: Bearer} header, or {@code null}. */
    static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    private static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** The most of a refused body read and dropped, so that the client, still sending, gets the answer. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    /**
     * Reads and drops what is left of a refused body, up to {@link #DRAIN_LIMIT}: a client that
     * writes its whole body before reading (most do) would otherwise see the connection reset
     * instead of the error. A larger body is cut off; the connection then closes.
     */
    private static void drain(HttpServletRequest request) {
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try (InputStream in = request.getInputStream()) {
            for (int n = in.read(buffer); n >= 0 && read < DRAIN_LIMIT; n = in.read(buffer)) {
                read += n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the body was already consumed: nothing to drain
        }
    }

    /** The body as UTF-8 text; {@code IOException} when it exceeds the limit. */
    static String readBody(HttpServletRequest request, Limits limits) throws IOException {
        if (request.getContentLengthLong() > limits.maxBodyBytes()) {
            throw new BodyTooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + n > limits.maxBodyBytes()) {
                    throw new BodyTooLarge();
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A JSON body as maps, lists and scalars (integers as Long), nested no deeper than the limit. */
    static Object json(String body, Limits limits) {
        try {
            return JsonValues.parse(body, limits.maxDepth(), limits.maxParameters());
        } catch (JsonValues.TooManyValues e) {
            throw new PhpQuery.LimitException(e.getMessage());
        }
    }

    /** Multipart form fields, named as PHP names them (files are not parameters). */
    private static Map<String, Object> multipart(HttpServletRequest request, Limits limits)
            throws IOException, ServletException {
        if (request.getContentLengthLong() > limits.maxBodyBytes()) {
            throw new BodyTooLarge();
        }
        StringBuilder form = new StringBuilder();
        for (Part part : request.getParts()) {
            if (part.getSubmittedFileName() != null) {
                continue;
            }
            String value;
            try (InputStream in = part.getInputStream()) {
                value = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(java.net.URLEncoder.encode(part.getName(), StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return PhpQuery.parse(form.toString(), limits.maxParameters(), limits.maxDepth());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
