package io.atrium.auth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonParseException;

import io.atrium.auth.api.Sessions;
import io.atrium.lms.api.Access;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.User;
import io.atrium.lms.api.Users;
import io.atrium.ws.api.Caller;
import io.atrium.ws.api.WsException;
import io.atrium.ws.core.JsonValues;
import io.atrium.ws.core.WsDispatcher;
import io.atrium.ws.core.WsRequest;
import io.atrium.ws.core.WsResult;
import io.atrium.ws.core.WsRuntime;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Moodle's {@code lib/ajax/service.php} for signed-in sessions: a POSTed JSON array of
 * {@code {index, methodname, args}}, run in order through the shared pipeline as the session's
 * user, answered with an array of {@code {error: false, data}} or, at the first failure, which
 * ends the batch, {@code {error: true, exception: {message, errorcode, link, moreinfourl}}}.
 * Every call needs the session's {@code sesskey} in the query string (against cross-site
 * requests) and the session cookie (SameSite=Strict).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("atrium-ajax-service")
@HttpWhiteboardServletPattern("/lib/ajax/service.php")
public final class AjaxServiceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final int MAX_DEPTH = 32;
    private static final int MAX_VALUES = 100_000;

    private final transient Sessions sessions;
    private final transient Users users;
    private final transient Access access;
    private final transient Contexts contexts;
    private final transient WsDispatcher dispatcher;
    private final transient WsRuntime runtime;

    @Activate
    public AjaxServiceServlet(@Reference Sessions sessions, @Reference Users users, @Reference Access access,
            @Reference Contexts contexts, @Reference WsDispatcher dispatcher, @Reference WsRuntime runtime) {
        this.sessions = sessions;
        this.users = users;
        this.access = access;
        this.contexts = contexts;
        this.dispatcher = dispatcher;
        this.runtime = runtime;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Ajax.headers(response, "application/json; charset=utf-8");
        response.setHeader("Access-Control-Allow-Origin", null); // session calls are same-origin only
        if (!"POST".equals(request.getMethod())) {
            Ajax.write(response, Ajax.error("invalidrequest", "Only POST is accepted"));
            return;
        }
        List<?> calls;
        try {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                Ajax.write(response, Ajax.error("invalidrequest", "The request is larger than " + MAX_BODY
                        + " bytes"));
                return;
            }
            Object parsed = JsonValues.parse(new String(body, StandardCharsets.UTF_8), MAX_DEPTH, MAX_VALUES);
            if (!(parsed instanceof List<?> list)) {
                throw new JsonParseException("the body must be a JSON array of calls");
            }
            calls = list;
        } catch (JsonParseException | JsonValues.TooManyValues e) {
            Ajax.write(response, Ajax.error("codingerror", "Coding error detected, it must be fixed by a programmer: "
                    + "Invalid json in request: " + firstLine(e.getMessage())));
            return;
        }
        Ajax.write(response, run(calls, request));
    }

    private List<Object> run(List<?> calls, HttpServletRequest request) {
        List<Object> responses = new ArrayList<>();
        // Checked once for the batch: a refusal fails its first call, which ends the batch.
        Optional<Sessions.Session> session = session(request);
        WsException refused = refusal(session, request);
        Caller caller = refused != null ? null : users.get(session.get().userId())
                .map(user -> new SessionCaller(user, request.getRemoteAddr())).orElse(null);
        if (refused == null && caller == null) {
            refused = loggedOut(); // the user went away since the session was checked
        }
        for (Object item : calls) {
            Map<?, ?> call = item instanceof Map<?, ?> m ? m : Map.of();
            String methodname = call.get("methodname") instanceof String s ? s : "";
            Object args = call.get("args") == null ? Map.of() : call.get("args");
            WsResult result;
            if (refused != null) {
                result = WsResult.failure(methodname, refused);
            } else if (!(args instanceof Map<?, ?> argsMap)) {
                result = WsResult.failure(methodname, WsException.invalidParameter("args must be an object"));
            } else {
                Map<String, Object> parameters = new LinkedHashMap<>();
                argsMap.forEach((k, v) -> parameters.put(String.valueOf(k), v));
                result = dispatcher.call(new WsRequest("ajax", null, methodname, parameters, request.getRemoteAddr()),
                        caller);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            if (result.ok()) {
                answer.put("error", false);
                answer.put("data", result.value());
                responses.add(answer);
            } else {
                Map<String, Object> exception = new LinkedHashMap<>();
                exception.put("message", result.error().getMessage());
                exception.put("errorcode", result.error().errorcode());
                exception.put("link", "");
                exception.put("moreinfourl", "");
                answer.put("error", true);
                answer.put("exception", exception);
                responses.add(answer);
                break; // Moodle stops the batch at the first failure
            }
        }
        return responses;
    }

    private Optional<Sessions.Session> session(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (Sessions.COOKIE.equals(c.getName())) {
                    return sessions.find(c.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private static WsException refusal(Optional<Sessions.Session> session, HttpServletRequest request) {
        if (session.isEmpty()) {
            return loggedOut();
        }
        String sesskey = request.getParameter("sesskey");
        if (sesskey == null || !MessageDigest.isEqual(sesskey.getBytes(StandardCharsets.UTF_8),
                session.get().sesskey().getBytes(StandardCharsets.UTF_8))) {
            return WsException.of("invalidsesskey", "Your session has most likely timed out. Please log in again.");
        }
        return null;
    }

    private static WsException loggedOut() {
        return WsException.of("servicerequireslogin",
                "Web service is not available. (The session has been logged out or has expired.)");
    }

    private static String firstLine(String message) {
        String m = message == null ? "Syntax error" : message.replaceFirst("^([\\w.$]+(Exception|Error): )+", "");
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * The caller of a session: its user, in no service. A session may call every function being
     * served; the pipeline still checks each function's capabilities.
     */
    private final class SessionCaller implements Caller {
        private final User user;
        private final String address;

        SessionCaller(User user, String address) {
            this.user = user;
            this.address = address;
        }

        @Override
        public long userId() {
            return user.id();
        }

        @Override
        public String username() {
            return user.username();
        }

        @Override
        public String service() {
            return "";
        }

        @Override
        public String remoteAddress() {
            return address;
        }

        @Override
        public boolean canCall(String function) {
            return runtime.function(function) != null;
        }

        @Override
        public boolean hasCapability(String capability) {
            return access.hasCapability(user.id(), capability, contexts.system());
        }
    }
}
