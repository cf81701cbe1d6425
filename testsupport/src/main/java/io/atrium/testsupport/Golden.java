package io.atrium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * Reads the golden captures of a real Moodle 4.5 ({@code testdata/moodle-golden} in the
 * repository, which the build names in the system property {@code atrium.golden}). A capture is
 * {@code ### CASE}, {@code ### REQUEST} (request line, headers, blank line, body and one newline
 * the capture script added), then {@code ### RESPONSE ...} and the raw bytes of
 * {@code curl -i}: status line and headers ending in CRLF, a blank CRLF line, then the body to
 * the end of the file.
 */
public final class Golden {

    public static final Path DIR = Path.of(System.getProperty("atrium.golden", "../../testdata/moodle-golden"));

    private static final byte[] RESPONSE_MARK = "\n### RESPONSE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final byte[] raw;
    private final int responseStart;
    private final int statusLineStart;
    private final int bodyStart;

    private Golden(String name, byte[] raw) {
        this.name = name;
        this.raw = raw;
        int mark = indexOf(raw, RESPONSE_MARK, 0);
        if (mark < 0) {
            throw new IllegalStateException(name + ": no ### RESPONSE");
        }
        this.responseStart = mark + 1;
        int lineEnd = indexOf(raw, new byte[] { '\n' }, responseStart);
        int headerEnd = indexOf(raw, HEADER_END, lineEnd + 1);
        if (headerEnd < 0) {
            throw new IllegalStateException(name + ": no end of the response headers");
        }
        this.statusLineStart = lineEnd + 1;
        this.bodyStart = headerEnd + HEADER_END.length;
    }

    /** One capture, by file name. */
    public static Golden of(String file) {
        try {
            return new Golden(file, Files.readAllBytes(DIR.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the capture files starting with {@code prefix}, sorted. */
    public static List<String> files(String prefix) {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.startsWith(prefix) && f.endsWith(".http")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /** The exact response body bytes. */
    public byte[] body() {
        byte[] body = new byte[raw.length - bodyStart];
        System.arraycopy(raw, bodyStart, body, 0, body.length);
        return body;
    }

    /** The response body as UTF-8 text. */
    public String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** The status code of the response. */
    public int status() {
        String head = new String(raw, statusLineStart, bodyStart - statusLineStart, StandardCharsets.ISO_8859_1);
        return Integer.parseInt(head.split(" ", 3)[1]);
    }

    /** A response header (case-insensitive name), or {@code null}. */
    public String responseHeader(String header) {
        String head = new String(raw, statusLineStart, bodyStart - statusLineStart, StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(header)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private String requestSection() {
        String text = new String(raw, 0, responseStart, StandardCharsets.UTF_8);
        int start = text.indexOf("### REQUEST\n");
        if (start < 0) {
            throw new IllegalStateException(name + ": no ### REQUEST");
        }
        return text.substring(start + "### REQUEST\n".length());
    }

    /** The request line, such as {@code POST http://host/webservice/rest/server.php}. */
    public String requestLine() {
        String section = requestSection();
        return section.substring(0, section.indexOf('\n'));
    }

    /** The query string of the request URL, or {@code ""}. */
    public String requestQuery() {
        String target = requestLine().split(" ", 2)[1];
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /** The request body, without the newline the capture script added. */
    public String requestBody() {
        String section = requestSection();
        int blank = section.indexOf("\n\n");
        if (blank < 0) {
            return "";
        }
        String body = section.substring(blank + 2);
        return body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
    }

    /**
     * The JSON response body as the Java values PHP's arrays stand for: {@code LinkedHashMap}
     * for objects, {@code ArrayList} for arrays, {@code Long} for integral numbers,
     * {@code Double} for others.
     */
    public Object bodyJson() {
        return json(bodyText());
    }

    /** Parses JSON text into Java values (see {@link #bodyJson()}). */
    public static Object json(String text) {
        return toJava(JsonParser.parseString(text));
    }

    private static Object toJava(JsonElement e) {
        if (e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            e.getAsJsonObject().entrySet().forEach(en -> map.put(en.getKey(), toJava(en.getValue())));
            return map;
        }
        if (e.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> list.add(toJava(x)));
            return list;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            String number = p.getAsString();
            String lower = number.toLowerCase(Locale.ROOT);
            return lower.contains(".") || lower.contains("e") ? Double.valueOf(number) : Long.valueOf(number);
        }
        return p.getAsString();
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer: for (int i = Math.max(from, 0); i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return name;
    }
}
