package io.atrium.ws.docs.internal;

import java.io.IOException;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
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
 * {@code GET /webservice/openapi.json}: the OpenAPI 3.1 document of {@code /api/v1}, for client
 * generators and API tools. Live like the documentation page. The server URL is the address
 * the client used; the version is that of the web-service core bundle, which defines the
 * protocol the document describes.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/webservice/openapi.json")
@HttpWhiteboardServletName("atrium-ws-openapi")
@SuppressWarnings("serial")
public final class OpenApiServlet extends HttpServlet {


    /** The version when the core bundle's is unknown (outside OSGi, in tests). */
    static final String FALLBACK_VERSION = "0.0.0";

    private final transient WsRuntime runtime;
    private final String version;
    private final transient Responses.Cache cache = new Responses.Cache();

    @Activate
    public OpenApiServlet(@Reference(name = "runtime") WsRuntime runtime) {
        this.runtime = runtime;
        this.version = coreVersion();
    }

    /** The version of the bundle that provides {@link WsRuntime}: io.atrium.ws.core. */
    private static String coreVersion() {
        Bundle core = FrameworkUtil.getBundle(WsRuntime.class);
        return core == null ? FALLBACK_VERSION : core.getVersion().toString();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (Responses.refuseOtherMethods(request, response)) {
            return;
        }
        String baseUrl = MoodleHttp.baseUrl(request);
        byte[] body = Responses.document(request, response, cache, runtime, baseUrl, "The OpenAPI document",
                () -> OpenApi.json(runtime.functions(), version, baseUrl));
        if (body == null) {
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // API tools in browsers (Swagger UI, editors) fetch the document from other origins.
        response.setHeader("Access-Control-Allow-Origin", "*");
        Responses.send(request, response, HttpServletResponse.SC_OK, "application/json", body);
    }
}
