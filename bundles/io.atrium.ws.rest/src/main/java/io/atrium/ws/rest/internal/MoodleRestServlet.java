package io.atrium.ws.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.atrium.ws.core.WsDispatcher;
import io.atrium.ws.core.WsRequest;
import io.atrium.ws.core.WsResult;
import io.atrium.ws.core.http.MoodleHttp;
import io.atrium.ws.core.php.PhpJson;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /webservice/rest/server.php}, as Moodle serves it: parameters from the query string
 * and the form body (the body wins), {@code wstoken}, {@code wsfunction},
 * {@code moodlewsrestformat} ({@code json}, else XML), {@code moodlewssetting*} accepted; the
 * response in Moodle's JSON or XML, byte for byte, with Moodle's headers, and errors with HTTP
 * 200. Beyond Moodle: an {@code Authorization: Bearer} token and a JSON object body.
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@Designate(ocd = RestConfig.class)
@HttpWhiteboardServletPattern("/webservice/rest/server.php")
@HttpWhiteboardServletName("atrium-ws-rest")
@HttpWhiteboardServletMultipart(enabled = true)
@SuppressWarnings("serial")
public final class MoodleRestServlet extends HttpServlet {

    private final transient WsDispatcher dispatcher;
    private transient volatile RestRequest.Limits limits;

    @Activate
    public MoodleRestServlet(@Reference(name = "dispatcher") WsDispatcher dispatcher, RestConfig config) {
        this.dispatcher = dispatcher;
        this.limits = RestRequest.Limits.of(config);
    }

    /** New limits apply to the next request; the servlet stays registered. */
    @Modified
    void modified(RestConfig config) {
        this.limits = RestRequest.Limits.of(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RestRequest in = RestRequest.read(request, limits);
        String format = in.take("moodlewsrestformat");
        boolean json = "json".equals(format);
        String token = in.take("wstoken");
        String function = in.take("wsfunction");
        in.dropSettings();
        if (token == null) {
            token = RestRequest.bearer(request);
        }
        WsResult result = in.problem != null ? WsResult.failure(function, in.problem)
                : dispatcher.call(new WsRequest("rest", token, function, in.parameters, request.getRemoteAddr()));
        write(response, json, result, !"HEAD".equals(request.getMethod()));
    }

    /** Writes a result the way Moodle's REST server does. */
    static void write(HttpServletResponse response, boolean json, WsResult result, boolean body) throws IOException {
        String text;
        if (json) {
            text = result.ok() ? PhpJson.encode(result.value()) : PhpJson.encodeError(result.error(), true);
            response.setContentType("application/json");
        } else {
            text = result.ok() ? MoodleXml.response(result.value(), result.returns())
                    : MoodleXml.error(result.error(), true);
            response.setContentType("application/xml; charset=utf-8");
            response.setHeader("Content-Disposition", "inline; filename=\"response.xml\"");
        }
        moodleHeaders(response);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        if (body) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(bytes);
            }
        }
    }

    /** The headers Moodle sends with every web-service response. */
    static void moodleHeaders(HttpServletResponse response) {
        MoodleHttp.noCacheHeaders(response);
        response.setHeader("Access-Control-Allow-Origin", "*");
    }
}
