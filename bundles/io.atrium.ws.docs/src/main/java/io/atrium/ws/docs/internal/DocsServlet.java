package io.atrium.ws.docs.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.atrium.ws.core.http.MoodleHttp;
import io.atrium.ws.core.WsRuntime;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /webservice/docs}: the API documentation of every function served, as one HTML
 * page (Moodle's {@code admin/webservice/documentation.php}, with JSON, examples and error
 * codes added). Live: built from {@link WsRuntime} when the functions have changed since the
 * last request, so a function deployed a moment ago is documented at once.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/webservice/docs")
@HttpWhiteboardServletName("atrium-ws-docs")
@SuppressWarnings("serial")
public final class DocsServlet extends HttpServlet {


    /**
     * The page holds text from every installed plugin; if escaping ever failed, this policy
     * still keeps scripts, frames and outside resources from running or loading.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private final transient WsRuntime runtime;
    private final transient Responses.Cache cache = new Responses.Cache();

    @Activate
    public DocsServlet(@Reference(name = "runtime") WsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (Responses.refuseOtherMethods(request, response)) {
            return;
        }
        String baseUrl = MoodleHttp.baseUrl(request);
        byte[] body = Responses.document(request, response, cache, runtime, baseUrl, "The documentation page",
                () -> DocsPage.render(runtime.functions(), runtime.rejected(), baseUrl));
        if (body == null) {
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        Responses.send(request, response, HttpServletResponse.SC_OK, "text/html; charset=utf-8", body);
    }
}
