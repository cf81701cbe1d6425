package io.atrium.ws.core.http;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** HTTP as Moodle's web-service servers speak it. */
public final class MoodleHttp {

    private MoodleHttp() {
    }

    /**
     * The caching headers Moodle's web-service servers (REST, SOAP's own pages, XML-RPC) send
     * with every answer: {@code Cache-Control}, {@code Expires}, {@code Pragma},
     * {@code Accept-Ranges}.
     */
    public static void noCacheHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "private, must-revalidate, pre-check=0, post-check=0, max-age=0");
        response.setHeader("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Accept-Ranges", "none");
    }

    /**
     * The address the client used, without path: {@code scheme://host[:port]}, the port left
     * out when it is the scheme's default. Derived from the request so that examples, the
     * OpenAPI server and WSDL addresses work behind whatever name the site is reached by (and,
     * with Jetty's forwarded-request handling, behind a proxy).
     */
    public static String baseUrl(HttpServletRequest request) {
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
