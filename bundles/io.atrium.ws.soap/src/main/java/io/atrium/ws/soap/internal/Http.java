package io.atrium.ws.soap.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import io.atrium.ws.core.http.MoodleHttp;
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
            MoodleHttp.noCacheHeaders(response);
            response.setHeader("Content-Disposition", "inline; filename=\"response.xml\"");
        }
        response.setContentLength(bytes.length);
        if (!head) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(bytes);
            }
        }
    }
}
