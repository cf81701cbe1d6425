package io.atrium.ws.soap.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Writing the endpoint's answers, with the headers Moodle's SOAP server sends. */
final class Http {

    /** What SoapServer answers with: responses (200) and faults raised in a call (500). */
    static final String SOAP_TYPE = "text/xml; charset=utf-8";
    /** What Moodle's own pages answer with: the WSDL and the faults raised before a call. */
    static final String MOODLE_TYPE = "application/xml; charset=utf-8";

    private Http() {
    }

    static void write(HttpServletResponse response, int status, String contentType, String body, boolean head)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(contentType);
        if (MOODLE_TYPE.equals(contentType)) {
            response.setHeader("Cache-Control", "private, must-revalidate, pre-check=0, post-check=0, max-age=0");
            response.setHeader("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
            response.setHeader("Pragma", "no-cache");
            response.setHeader("Accept-Ranges", "none");
            response.setHeader("Content-Disposition", "inline; filename=\"response.xml\"");
        }
        response.setContentLength(bytes.length);
        if (!head) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(bytes);
            }
        }
    }

    /** The address clients reached the server at: scheme, host and port of the request. */
    static String baseUrl(HttpServletRequest request) {
        String scheme = request.getScheme() == null ? "http" : request.getScheme().toLowerCase(Locale.ROOT);
        String host = request.getServerName() == null ? "localhost" : request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = request.getServerPort();
        boolean defaultPort = port <= 0 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
