package io.atrium.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A capture from a real Moodle 4.5 (testdata/moodle-golden): the request as sent and the
 * response as received, byte for byte.
 *
 * @param method          GET or POST
 * @param target          the path and query, as requested
 * @param requestHeaders  the request headers given
 * @param requestBody     the request body (without the newline the capture added)
 * @param status          the response status
 * @param responseHeaders the response headers, by lower-case name
 * @param responseBody    the response body
 */
public record Golden(String name, String method, String target, Map<String, String> requestHeaders,
        byte[] requestBody, int status, Map<String, String> responseHeaders, byte[] responseBody) {

    /** The directory of the captures, from the build (atrium.golden). */
    public static Path directory() {
        String dir = System.getProperty("atrium.golden");
        if (dir == null) {
            throw new IllegalStateException("atrium.golden is not set: run the tests with Maven");
        }
        return Path.of(dir);
    }

    public static Golden read(String name) {
        try {
            return parse(name, Files.readAllBytes(directory().resolve(name + ".http")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String responseText() {
        return new String(responseBody, StandardCharsets.UTF_8);
    }

    private static Golden parse(String name, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // byte-preserving
        int request = text.indexOf("### REQUEST\n") + "### REQUEST\n".length();
        int response = text.indexOf("\n### RESPONSE");
        String[] head = text.substring(request, response + 1).split("\n", -1);
        String[] requestLine = head[0].split(" ", 2);
        String target = requestLine[1].replaceFirst("^https?://[^/]+", "");
        Map<String, String> headers = new LinkedHashMap<>();
        int i = 1;
        for (; i < head.length && !head[i].isEmpty(); i++) {
            int colon = head[i].indexOf(':');
            if (colon > 0) { // the capture notes some requests in parentheses; those are not headers
                headers.put(head[i].substring(0, colon).trim(), head[i].substring(colon + 1).trim());
            }
        }
        int bodyStart = request + (head[0].length() + 1);
        for (int h = 1; h <= i && h < head.length; h++) {
            bodyStart += head[h].length() + 1;
        }
        String body = bodyStart <= response ? text.substring(bodyStart, response) : "";
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }

        int raw = text.indexOf('\n', response + 1) + 1;
        int end = text.indexOf("\r\n\r\n", raw);
        String[] lines = text.substring(raw, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        for (int l = 1; l < lines.length; l++) {
            int colon = lines[l].indexOf(':');
            responseHeaders.put(lines[l].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[l].substring(colon + 1).trim());
        }
        byte[] responseBody = text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
        return new Golden(name, requestLine[0], target, headers, body.getBytes(StandardCharsets.ISO_8859_1), status,
                responseHeaders, responseBody);
    }
}
