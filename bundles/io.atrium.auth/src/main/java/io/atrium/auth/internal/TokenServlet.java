package io.atrium.auth.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.auth.api.LoginException;
import io.atrium.ws.api.WsException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Moodle's {@code login/token.php}: a username, a password and a service shortname in, a token
 * out. Errors are Moodle's AJAX error object with HTTP 200, never a stack trace.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/login/token.php")
@HttpWhiteboardServletName("atrium-login-token")
// Moodle reads its parameters from multipart bodies too (PHP's curl sends an array of fields so).
@HttpWhiteboardServletMultipart(enabled = true, maxFileSize = 64 * 1024, maxRequestSize = 64 * 1024)
@SuppressWarnings("serial")
public final class TokenServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(TokenServlet.class);

    private final transient TokenService tokens;

    @Activate
    public TokenServlet(@Reference TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Ajax.headers(response, "application/json; charset=utf-8");
        String method = request.getMethod();
        Object answer;
        if (!"GET".equals(method) && !"POST".equals(method)) {
            answer = Ajax.error("invalidrequest", "Only GET and POST are accepted");
        } else {
            answer = answer(request, response);
        }
        Ajax.write(response, answer);
    }

    private Object answer(HttpServletRequest request, HttpServletResponse response) {
        if ("1".equals(request.getParameter("appsitecheck"))) {
            return Map.of("appsitecheck", "ok");
        }
        try {
            String username = required(request, "username").trim().toLowerCase(Locale.ROOT);
            String password = required(request, "password");
            String service = required(request, "service");
            if (!service.matches("[A-Za-z0-9_-]*")) {
                throw WsException.of("invalidparameter", "Invalid parameter value detected");
            }
            return tokens.login(username, password, service, request.isSecure(), request.getRemoteAddr());
        } catch (LoginException e) {
            if (e.throttled()) {
                // Beyond Moodle, which has no such limit: the same error, with a status that says wait.
                LOG.warn("login/token.php: too many failed logins ({}), refused for {} s", request.getRemoteAddr(),
                        e.retryAfter());
                response.setStatus(429);
                response.setHeader("Retry-After", String.valueOf(e.retryAfter()));
            } else {
                LOG.info("login/token.php: failed login from {}", request.getRemoteAddr());
            }
            return Ajax.error("invalidlogin", "Invalid login, please try again");
        } catch (WsException e) {
            return Ajax.error(e.errorcode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("login/token.php failed", e);
            return Ajax.error("generalexceptionmessage", "Error: the server could not answer; see its log");
        }
    }


    private static String required(HttpServletRequest request, String name) throws WsException {
        String value = request.getParameter(name);
        if (value == null) {
            throw WsException.of("missingparam", "A required parameter (" + name + ") was missing");
        }
        return value;
    }

}
