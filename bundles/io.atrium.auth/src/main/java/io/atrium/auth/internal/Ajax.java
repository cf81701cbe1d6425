package io.atrium.auth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.atrium.ws.core.php.PhpJson;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What Moodle's AJAX scripts (login/token.php, webservice/upload.php, webservice/pluginfile.php)
 * share: their headers, their error object and PHP's JSON.
 */
final class Ajax {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private Ajax() {
    }

    /** Moodle's AJAX script headers, as captured. */
    static void headers(HttpServletResponse response, String contentType) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType);
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Cache-Control", "no-store, no-cache, must-revalidate");
        response.addHeader("Cache-Control", "post-check=0, pre-check=0");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "Mon, 20 Aug 1969 09:23:00 GMT");
        response.setHeader("Last-Modified", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        response.setHeader("Accept-Ranges", "none");
    }

    /** Moodle's {@code core_renderer_ajax::fatal_error} object, as a production site prints it. */
    static Map<String, Object> error(String code, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("error", message);
        e.put("errorcode", code);
        e.put("stacktrace", null);
        e.put("debuginfo", null);
        e.put("reproductionlink", null);
        return e;
    }

    /** The value as PHP's json_encode prints it, with its length. */
    static void write(HttpServletResponse response, Object value) throws IOException {
        byte[] body = PhpJson.encode(value).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
