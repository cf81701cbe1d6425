package io.atrium.health.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import io.atrium.deploy.DeploymentRuntime;
import io.atrium.health.api.HealthContributor;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /health}: the {@link HealthReport} as JSON; 200 unless the platform is down, then 503.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/health")
@HttpWhiteboardServletName("atrium-health")
@SuppressWarnings("serial")
public final class HealthServlet extends HttpServlet {

    private final transient FrameworkInspector inspector;
    private final transient ServiceComponentRuntime scr;
    private final transient Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile DeploymentRuntime deployments;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile LogReaderService log;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    private final transient List<HealthContributor> contributors = new CopyOnWriteArrayList<>();

    @Activate
    public HealthServlet(BundleContext context, @Reference(name = "scr") ServiceComponentRuntime scr) {
        this.inspector = new FrameworkInspector(context);
        this.scr = scr;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setHeader("Allow", "GET, HEAD");
            response.getWriter().write(gson.toJson(Map.of("error", method + " is not allowed; use GET")));
            return;
        }
        HealthReport report = inspector.inspect(scr, deployments, log, List.copyOf(contributors));
        response.setStatus(report.httpStatus());
        if ("GET".equals(method)) {
            response.getWriter().write(gson.toJson(report));
        }
    }
}
