package io.atrium.ws.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.atrium.ws.api.WsException;
import io.atrium.ws.core.WsDispatcher;
import io.atrium.ws.core.WsRequest;
import io.atrium.ws.core.WsResult;
import io.atrium.ws.core.php.PhpJson;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The REST flavour for modern clients: {@code /api/v1/<function>} takes its parameters as a
 * JSON object body (or as query and form parameters), its token as
 * {@code Authorization: Bearer} (or {@code wstoken}), and answers JSON with a real HTTP status
 * (400, 401, 403, 404, 429, 500) and Moodle's error body. {@code POST /api/v1/batch} takes an
 * array of {@code {"function": ..., "params": {...}}} and answers an array of
 * {@code {"data": ...}} or {@code {"error": {...}}}, each call in its own transaction.
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardServletPattern("/api/v1/*")
@HttpWhiteboardServletName("atrium-ws-api")
@SuppressWarnings("serial")
public final class ApiServlet extends HttpServlet {

    static final String BATCH = "batch";

    private final transient WsDispatcher dispatcher;
    private transient volatile RestRequest.Limits limits;
    private volatile int maxBatchCalls;

    @Activate
    public ApiServlet(@Reference(name = "dispatcher") WsDispatcher dispatcher, RestConfig config) {
        this.dispatcher = dispatcher;
        this.limits = RestRequest.Limits.of(config);
        this.maxBatchCalls = config.maxBatchCalls();
    }

    /** New limits apply to the next request; the servlet stays registered. */
    @Modified
    void modified(RestConfig config) {
        this.limits = RestRequest.Limits.of(config);
        this.maxBatchCalls = config.maxBatchCalls();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String function = path.startsWith("/") ? path.substring(1) : path;
        if (BATCH.equals(function)) {
            batch(request, response);
            return;
        }
        RestRequest in = RestRequest.read(request, limits);
        String token = RestRequest.bearer(request);
        String queryToken = in.take("wstoken");
        if (token == null) {
            token = queryToken;
        }
        WsResult result = in.problem != null ? WsResult.failure(function, in.problem)
                : dispatcher.call(new WsRequest("rest", token, function, in.parameters, request.getRemoteAddr()));
        if (result.ok()) {
            send(response, 200, PhpJson.encode(result.value()));
        } else {
            WsException e = result.error();
            if (status(e) == 401) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            send(response, status(e), PhpJson.encodeError(e, true));
        }
    }

    private void batch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            send(response, 405, PhpJson.encodeError(WsException.invalidParameter(
                    "A batch is a POST of a JSON array of calls"), true));
            return;
        }
        Object body;
        try {
            body = RestRequest.json(RestRequest.readBody(request, limits), limits);
        } catch (RuntimeException | IOException e) {
            send(response, 400, PhpJson.encodeError(WsException.invalidParameter(
                    "The batch is not valid JSON: " + e.getMessage()), true));
            return;
        }
        if (!(body instanceof List<?> calls)) {
            send(response, 400, PhpJson.encodeError(WsException.invalidParameter(
                    "A batch is a JSON array of {\"function\": ..., \"params\": {...}} objects"), true));
            return;
        }
        if (calls.size() > maxBatchCalls) {
            send(response, 400, PhpJson.encodeError(WsException.invalidParameter(
                    "A batch may hold at most " + maxBatchCalls + " calls"), true));
            return;
        }
        String token = RestRequest.bearer(request);
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            WsResult r;
            if (calls.get(i) instanceof Map<?, ?> call && call.get("function") instanceof String fn
                    && (call.get("params") == null || call.get("params") instanceof Map<?, ?>)) {
                Map<String, Object> params = new LinkedHashMap<>();
                if (call.get("params") instanceof Map<?, ?> p) {
                    p.forEach((k, v) -> params.put(String.valueOf(k), v));
                }
                String callToken = token != null ? token
                        : call.get("wstoken") instanceof String t ? t : null;
                r = dispatcher.call(new WsRequest("rest", callToken, fn, params, request.getRemoteAddr()));
            } else {
                r = WsResult.failure(null, WsException.invalidParameter("Call " + i
                        + " of the batch is not an object with a \"function\" name and \"params\" object"));
            }
            if (r.ok()) {
                entry.put("data", r.value());
            } else {
                entry.put("error", PhpJson.errorMap(r.error(), true));
            }
            results.add(entry);
        }
        send(response, 200, PhpJson.encode(results));
    }

    /** The HTTP status that fits an error. */
    static int status(WsException e) {
        switch (e.errorcode()) {
        case "invalidtoken":
            return 401;
        case "accessexception":
        case "nopermissions":
            return 403;
        case "invalidrecord":
            return 404;
        case "toomanyrequests":
            return 429;
        case "invalidresponse":
        case "generalexceptionmessage":
            return 500;
        default:
            return 400;
        }
    }

    private static void send(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        MoodleRestServlet.moodleHeaders(response);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }
}
