package io.atrium.ws.soap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.atrium.auth.api.Logins;
import io.atrium.auth.api.Sessions;
import io.atrium.ws.core.WsDispatcher;
import io.atrium.ws.core.WsRuntime;
import io.atrium.ws.core.http.MoodleHttp;
import io.atrium.ws.core.xml.SafeXml;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /webservice/soap/server.php}. With {@code ?client_id=} it speaks the ILIAS dialect
 * (WSDL at {@code ?client_id=<c>&wsdl}); otherwise Moodle's (WSDL at
 * {@code ?wstoken=<t>&wsdl=1}). Calls are POSTed envelopes, dispatched on the body's first
 * element. Every answer is XML: a WSDL, a response, or a fault; never a container error page.
 */
@Component(service = Servlet.class, configurationPid = SoapConfig.PID)
@Designate(ocd = SoapConfig.class)
@HttpWhiteboardServletPattern("/webservice/soap/server.php")
@HttpWhiteboardServletName("atrium-ws-soap")
@SuppressWarnings("serial")
public final class SoapServlet extends HttpServlet {

    private final transient MoodleSoap moodle;
    private final transient HookRegistry hooks;
    private transient volatile SoapConfig config;
    private transient volatile SafeXml.Limits limits;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Logins logins;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Sessions sessions;

    @Activate
    public SoapServlet(@Reference(name = "dispatcher") WsDispatcher dispatcher,
            @Reference(name = "runtime") WsRuntime runtime, @Reference(name = "hooks") HookRegistry hooks,
            SoapConfig config) {
        this.moodle = new MoodleSoap(dispatcher, runtime);
        this.hooks = hooks;
        modified(config);
    }

    /** New settings apply to the next request. */
    @Modified
    void modified(SoapConfig config) {
        this.config = config;
        this.limits = new SafeXml.Limits(config.maxBytes(), config.maxDepth(), SafeXml.Limits.DEFAULT.maxElements());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        boolean get = head || "GET".equals(method);
        String query = request.getQueryString();
        String clientId = parameter(query, "client_id");
        boolean wsdl = parameter(query, "wsdl") != null;
        String base = MoodleHttp.baseUrl(request);
        MoodleSoap.Answer answer;
        if (!get && !"POST".equals(method) || get && !wsdl) {
            response.setHeader("Allow", "GET, HEAD, POST");
            answer = new MoodleSoap.Answer(405, Http.SOAP_TYPE, SoapWriter.fault("SOAP-ENV:Client",
                    "Bad Request: POST a SOAP envelope, or GET the WSDL with ?wsdl", null, null));
        } else if (clientId != null) {
            IliasSoap ilias = new IliasSoap(hooks.snapshot(), config.clientId(), logins, sessions);
            if (!ilias.knows(clientId)) {
                MoodleSoap.Answer unknown = IliasSoap.unknownClient(clientId);
                answer = get ? new MoodleSoap.Answer(404, unknown.contentType(), unknown.body()) : unknown;
            } else if (get) {
                answer = new MoodleSoap.Answer(200, "text/xml; charset=UTF-8", ilias.wsdl(base));
            } else {
                try {
                    answer = ilias.call(envelope(request), request.getRemoteAddr());
                } catch (Envelope.Invalid e) {
                    answer = new MoodleSoap.Answer(500, Http.SOAP_TYPE, SoapWriter.fault(e.code, e.getMessage(), null,
                            null));
                }
            }
        } else {
            String token = parameter(query, "wstoken");
            answer = get ? moodle.wsdl(base, token, request.getRemoteAddr())
                    : moodle.call(base, token, () -> envelope(request),
                            request.getRemoteAddr());
        }
        if ("POST".equals(method)) {
            drain(request);
        }
        Http.write(response, answer.status(), answer.contentType(), answer.body(), head);
    }

    /**
     * Reads what is left of a request body the answer did not need (a bad token or client is
     * answered before the envelope is read), up to the size limit: a body left unread makes the
     * server close the connection, and a client that reuses it sees its next request fail.
     */
    private void drain(HttpServletRequest request) {
        long left = limits.maxBytes();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = request.getInputStream();
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0;) {
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the body was taken as a reader: nothing to keep alive
        }
    }

    private Envelope envelope(HttpServletRequest request) throws Envelope.Invalid {
        try {
            return Envelope.read(request.getInputStream(), limits);
        } catch (IOException e) {
            throw new Envelope.Invalid("SOAP-ENV:Client", "Bad Request: the request body could not be read");
        }
    }

    /** A query parameter ({@code ""} when present without a value), or {@code null}; the body is never read. */
    static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                // a malformed escape: not this parameter
            }
        }
        return null;
    }
}
