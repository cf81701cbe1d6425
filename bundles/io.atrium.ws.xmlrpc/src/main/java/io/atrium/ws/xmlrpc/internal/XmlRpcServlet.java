package io.atrium.ws.xmlrpc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.atrium.ws.api.WsException;
import io.atrium.ws.core.WsDispatcher;
import io.atrium.ws.core.WsRequest;
import io.atrium.ws.core.WsResult;
import io.atrium.ws.core.WsRuntime;
import io.atrium.ws.core.http.MoodleHttp;
import io.atrium.ws.core.xml.SafeXml;
import io.atrium.ws.core.xml.XmlElement;
import io.atrium.ws.xmlrpc.internal.XmlRpcDecoder.Malformed;
import io.atrium.ws.xmlrpc.internal.XmlRpcDecoder.MethodCall;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /webservice/xmlrpc/server.php}, as Moodle's {@code webservice_xmlrpc} plugin serves
 * it: the token in the query ({@code ?wstoken=}), the body an XML-RPC {@code methodCall} whose
 * method is the function and whose parameters are positional, given to the function's
 * parameters in the order its description declares them; the answer a
 * {@code methodResponse} or a fault, always with HTTP 200 and Moodle's headers. Beyond Moodle:
 * an {@code Authorization: Bearer} token.
 * <p>
 * A request that is not a well-formed call (not POST, not XML, a DTD, beyond the limits, no
 * method name, a malformed value, more parameters than the function has) gets an
 * {@code invalidparameter} fault whose DEBUG INFO says what is wrong, whatever the debugging
 * setting: like REST's unreadable requests, it is the client's own request being described.
 */
@Component(service = Servlet.class, configurationPid = XmlRpcConfig.PID)
@Designate(ocd = XmlRpcConfig.class)
@HttpWhiteboardServletPattern("/webservice/xmlrpc/server.php")
@HttpWhiteboardServletName("atrium-ws-xmlrpc")
@SuppressWarnings("serial")
public final class XmlRpcServlet extends HttpServlet {

    static final String PROTOCOL = "xmlrpc";

    /** The most of a refused body read and dropped, so that a client still sending gets the answer. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final transient WsDispatcher dispatcher;
    private final transient WsRuntime runtime;
    private transient volatile SafeXml.Limits limits;

    @Activate
    public XmlRpcServlet(@Reference(name = "dispatcher") WsDispatcher dispatcher,
            @Reference(name = "runtime") WsRuntime runtime, XmlRpcConfig config) {
        this.dispatcher = dispatcher;
        this.runtime = runtime;
        this.limits = limits(config);
    }

    /** New limits apply to the next request; the servlet stays registered. */
    @Modified
    void modified(XmlRpcConfig config) {
        this.limits = limits(config);
    }

    private static SafeXml.Limits limits(XmlRpcConfig config) {
        return new SafeXml.Limits(config.maxBytes(), config.maxDepth(), config.maxElements());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(response, answer(request), !"HEAD".equals(request.getMethod()));
    }

    /** The response body for a request. */
    private String answer(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return XmlRpcEncoder.fault(WsException.invalidParameter("XML-RPC requires POST, with the methodCall as "
                    + "the request body; this request used " + request.getMethod()));
        }
        MethodCall call;
        try {
            call = read(request);
        } catch (Malformed e) {
            return XmlRpcEncoder.fault(WsException.invalidParameter(e.getMessage()));
        }
        String token = token(request);
        String address = request.getRemoteAddr();
        // An unknown function gets no parameters: the pipeline then answers invalidrecord, as Moodle does.
        Map<String, Object> parameters = new LinkedHashMap<>();
        WsRuntime.Function function = runtime.function(call.method());
        if (function != null) {
            List<String> names = List.copyOf(function.spec().parameters().keys().keySet());
            if (call.params().size() > names.size()) {
                return tooManyParameters(call, names, token, address);
            }
            for (int i = 0; i < call.params().size(); i++) {
                parameters.put(names.get(i), call.params().get(i));
            }
        }
        WsResult result = dispatcher.call(new WsRequest(PROTOCOL, token, call.method(), parameters, address));
        if (!result.ok()) {
            return XmlRpcEncoder.fault(result.error());
        }
        try {
            return XmlRpcEncoder.response(result.value());
        } catch (IllegalArgumentException e) {
            // The pipeline cleaned the value, so this means a type the cleaning let through.
            return XmlRpcEncoder.fault(WsException.invalidResponse(dispatcher.debugging() ? e.getMessage() : null));
        }
    }

    /**
     * More parameters than the function has. The token is checked first, as the pipeline
     * would: a caller without a valid token learns nothing about the function.
     */
    private String tooManyParameters(MethodCall call, List<String> names, String token, String address) {
        try {
            dispatcher.authenticate(PROTOCOL, token, address);
        } catch (WsException e) {
            return XmlRpcEncoder.fault(e);
        }
        String takes = names.isEmpty() ? "takes no parameters"
                : "takes " + names.size() + (names.size() == 1 ? " parameter" : " parameters") + ", in this order: "
                        + String.join(", ", names);
        return XmlRpcEncoder.fault(WsException.invalidParameter(
                call.method() + " " + takes + "; the call sent " + call.params().size()));
    }

    /** Parses the body within the limits. */
    private MethodCall read(HttpServletRequest request) throws Malformed {
        SafeXml.Limits l = limits;
        if (request.getContentLengthLong() > l.maxBytes()) {
            drain(request);
            throw new Malformed("The request body is larger than the limit of " + l.maxBytes() + " bytes");
        }
        XmlElement root;
        try {
            // Not closed here: a refused body is drained from the same stream.
            InputStream in = request.getInputStream();
            root = SafeXml.parse(in, l);
        } catch (SafeXml.Refused e) {
            drain(request);
            throw new Malformed(e.getMessage());
        } catch (IOException | IllegalStateException e) {
            throw new Malformed("The request body cannot be read: " + e.getMessage());
        }
        return XmlRpcDecoder.methodCall(root);
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #DRAIN_LIMIT}: a client that
     * writes its whole body before reading would otherwise see the connection reset instead of
     * the fault.
     */
    private static void drain(HttpServletRequest request) {
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try {
            InputStream in = request.getInputStream();
            for (int n = in.read(buffer); n >= 0 && read < DRAIN_LIMIT; n = in.read(buffer)) {
                read += n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away: nothing to drain
        }
    }

    /** The token: {@code wstoken} in the query (as Moodle reads {@code $_GET}), else a Bearer token. */
    static String token(HttpServletRequest request) {
        String token = queryValue(request.getQueryString(), "wstoken");
        return token != null ? token : bearer(request);
    }

    /** The last value of a plain name in a query string, as PHP's {@code $_GET} keeps it; or {@code null}. */
    static String queryValue(String query, String name) {
        if (query == null) {
            return null;
        }
        String value = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException malformed) {
                // not this pair
            }
        }
        return value;
    }

    /** The token from an {@code Authorization: Bearer} header, or {@code null}. */
    static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    /** Sends a response the way Moodle's XML-RPC server does: 200, its headers, the exact length. */
    static void write(HttpServletResponse response, String body, boolean withBody) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/xml; charset=utf-8");
        response.setHeader("Server", "Moodle XML-RPC Server/1.0");
        MoodleHttp.noCacheHeaders(response);
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setContentLength(bytes.length);
        if (withBody) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(bytes);
            }
        }
    }
}
