package io.atrium.ws.docs.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.ws.core.WsRuntime;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the two documentation servlets share: the site address seen by the client, the answer
 * to methods other than GET and HEAD, and a cache of the last document built.
 */
final class Responses {

    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

    private Responses() {
    }

    /**
     * Answers a method other than GET and HEAD: 405 with {@code Allow} and a small JSON error,
     * never a container error page.
     *
     * @return whether the request was answered so
     */
    static boolean refuseOtherMethods(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return false;
        }
        response.setHeader("Allow", "GET, HEAD");
        String body = "{\"error\":\"" + jsonEscape(method) + " is not allowed; use GET\"}";
        send(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        return true;
    }

    /**
     * The document from the cache or freshly built; when building fails, the failure is logged
     * with a reference, the client gets a 500 with that reference, and the result is {@code null}.
     */
    static byte[] document(HttpServletRequest request, HttpServletResponse response, Cache cache, WsRuntime runtime,
            String baseUrl, String what, Supplier<String> build) throws IOException {
        try {
            return cache.get(runtime, baseUrl, build);
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("{} could not be built (reference {})", what, reference, e);
            failed(request, response, reference);
            return null;
        }
    }

    /** A 500 with a small JSON error, for a document that could not be built. */
    static void failed(HttpServletRequest request, HttpServletResponse response, String reference)
            throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String body = "{\"error\":\"The documentation could not be built; the server log has the details "
                + "(reference " + jsonEscape(reference) + ")\"}";
        send(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a body with its length; for HEAD, the headers only. */
    static void send(HttpServletRequest request, HttpServletResponse response, int status, String contentType,
            byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(body);
            }
        }
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : String.valueOf(s).toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The last document built, with what it was built from: the runtime's change count and the
     * site address. Building reads the change count first, so a document built while the
     * functions change is filed under the older count and rebuilt on the next request.
     */
    static final class Cache {

        private record Entry(long changeCount, String baseUrl, byte[] body) {
        }

        private final AtomicReference<Entry> last = new AtomicReference<>();

        /** The cached document, or a new one built by {@code build}. */
        byte[] get(WsRuntime runtime, String baseUrl, Supplier<String> build) {
            long count = runtime.changeCount();
            Entry e = last.get();
            if (e != null && e.changeCount() == count && e.baseUrl().equals(baseUrl)) {
                return e.body();
            }
            byte[] body = build.get().getBytes(StandardCharsets.UTF_8);
            last.set(new Entry(count, baseUrl, body));
            return body;
        }
    }
}
