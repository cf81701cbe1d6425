package io.atrium.bench.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /bench/bare}: the baseline. A whiteboard servlet on the same Jetty answering the
 * same bytes, with the same headers, as the function under test, and doing nothing else.
 */
@Component(service = Servlet.class, configurationPid = Bench.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Bench.class)
@HttpWhiteboardServletPattern("/bench/bare")
@HttpWhiteboardServletName("atrium-bench-bare")
@SuppressWarnings("serial")
public final class BareServlet extends HttpServlet {

    private final transient byte[] body;
    private final String contentType;

    @Activate
    public BareServlet(Bench config) {
        this.body = Base64.getDecoder().decode(config.body());
        this.contentType = config.contentType();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "private, must-revalidate, pre-check=0, post-check=0, max-age=0");
        response.setHeader("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Accept-Ranges", "none");
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }
}
