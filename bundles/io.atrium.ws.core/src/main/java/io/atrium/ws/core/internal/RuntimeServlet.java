package io.atrium.ws.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import io.atrium.ws.core.WsRuntime;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /webservice/functions}: the functions served (name, type, bundle, services,
 * capabilities) and the function services refused, with the reason. For administrators and
 * plugin developers checking that a deployed function arrived.
 * {@code GET /webservice/functions/<name>}: that function (200), or 404.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/webservice/functions", "/webservice/functions/*"})
@HttpWhiteboardServletName("atrium-ws-functions")
@SuppressWarnings("serial")
public final class RuntimeServlet extends HttpServlet {

    private final transient WsRuntime runtime;
    private final transient Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeNulls().create();

    @Activate
    public RuntimeServlet(@Reference(name = "runtime") WsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setHeader("Allow", "GET, HEAD");
            response.getWriter().write(gson.toJson(Map.of("error", request.getMethod() + " is not allowed; use GET")));
            return;
        }
        String name = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
        if (!name.isEmpty()) {
            WsRuntime.Function f = runtime.function(name);
            response.setStatus(f == null ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_OK);
            if ("GET".equals(request.getMethod())) {
                response.getWriter().write(gson.toJson(f == null
                        ? Map.of("error", "there is no function " + name) : describe(f)));
            }
            return;
        }
        List<Map<String, Object>> functions = new ArrayList<>();
        for (WsRuntime.Function f : runtime.functions()) {
            functions.add(describe(f));
        }
        functions.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changeCount", runtime.changeCount());
        body.put("functions", functions);
        body.put("rejected", runtime.rejected());
        if ("GET".equals(request.getMethod())) {
            response.getWriter().write(gson.toJson(body));
        }
    }

    private static Map<String, Object> describe(WsRuntime.Function f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("description", f.spec().description());
        m.put("type", f.spec().type().moodleName());
        m.put("services", f.spec().services());
        m.put("capabilities", f.spec().capabilities());
        m.put("deprecated", f.spec().deprecated());
        m.put("bundle", f.bundle());
        m.put("bundleVersion", f.bundleVersion());
        m.put("serviceId", f.serviceId());
        return m;
    }
}
