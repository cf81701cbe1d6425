package io.atrium.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.auth.api.LoginException;
import io.atrium.auth.api.Logins;
import io.atrium.auth.api.Sessions;
import io.atrium.lms.api.Access;
import io.atrium.lms.api.User;
import io.atrium.lms.api.Users;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /admin/}: the sign-in page, the shell with the pages of the {@link PageBoard}, and their
 * assets. Only site administrators may sign in. The session cookie is HttpOnly and
 * SameSite=Strict; every change (sign-out, and the pages' calls to {@code /lib/ajax/service.php})
 * carries the session's sesskey; the sign-in form carries a one-time login token bound to a
 * cookie, so no other site can sign a browser in.
 */
@Component(service = { Servlet.class, AdminServlet.class })
@HttpWhiteboardServletName("atrium-admin")
@HttpWhiteboardServletPattern({ "/admin", "/admin/*" })
public final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminServlet.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String LOGIN_COOKIE = "AtriumLogin";
    private static final Pattern RETURN = Pattern.compile("/(admin|system/console)(/[A-Za-z0-9._~/-]*)?");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final transient Sessions sessions;
    private final transient Logins logins;
    private final transient Users users;
    private final transient Access access;
    private final transient PageBoard board;

    @Activate
    public AdminServlet(@Reference Sessions sessions, @Reference Logins logins, @Reference Users users,
            @Reference Access access, @Reference PageBoard board) {
        this.sessions = sessions;
        this.logins = logins;
        this.users = users;
        this.access = access;
        this.board = board;
    }

    /** A signed-in site administrator. */
    record SignedIn(Sessions.Session session, User user) {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String method = request.getMethod();
        try {
            if (path.isEmpty()) {
                redirect(response, "/admin/");
            } else if (path.startsWith("/assets/") && ("GET".equals(method) || "HEAD".equals(method))) {
                asset(path.substring("/assets/".length()), response);
            } else if ("/login".equals(path)) {
                if ("POST".equals(method)) {
                    signIn(request, response);
                } else {
                    loginForm(request, response, null, 200);
                }
            } else if ("/logout".equals(path) && "POST".equals(method)) {
                signOut(request, response);
            } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                response.setHeader("Allow", "GET, HEAD");
                text(response, 405, "Method not allowed");
            } else {
                SignedIn who = signedIn(request).orElse(null);
                if (who == null) {
                    toSignIn(response, request.getRequestURI());
                } else if (path.startsWith("/pages/") && path.endsWith(".js")) {
                    pageScript(path.substring("/pages/".length(), path.length() - 3), response);
                } else if ("/".equals(path)) {
                    index(who, response);
                } else {
                    page(who, path.substring(1), response);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Admin request {} {} failed", method, path, e);
            if (!response.isCommitted()) {
                response.reset();
                text(response, 500, "The server could not answer; its log has the details.");
            }
        }
    }

    /** The session of the request, if its user is (still) a site administrator. */
    Optional<SignedIn> signedIn(HttpServletRequest request) {
        String key = cookieValue(request, Sessions.COOKIE);
        Optional<Sessions.Session> s = key == null ? Optional.empty() : sessions.find(key);
        if (s.isPresent() && access.isSiteAdmin(s.get().userId())) {
            return users.get(s.get().userId()).map(u -> new SignedIn(s.get(), u));
        }
        return Optional.empty();
    }

    /** Sends the browser to the sign-in page, which brings it back to {@code back} (a local path). */
    static void toSignIn(HttpServletResponse response, String back) {
        redirect(response, "/admin/login?return=" + URLEncoder.encode(returnPath(back), StandardCharsets.UTF_8));
    }

    // --- sign-in and sign-out

    private void loginForm(HttpServletRequest request, HttpServletResponse response, String error, int status)
            throws IOException {
        String logintoken = HexFormat.of().formatHex(bytes(16));
        response.addHeader("Set-Cookie", cookie(request, LOGIN_COOKIE, logintoken, "/admin/login", -1));
        String back = returnPath(request.getParameter("return"));
        StringBuilder body = new StringBuilder();
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(Html.esc(error)).append("</p>\n");
        }
        body.append("<form class=\"login\" method=\"post\" action=\"/admin/login\">\n")
                .append("<input type=\"hidden\" name=\"logintoken\" value=\"").append(logintoken).append("\">\n")
                .append("<input type=\"hidden\" name=\"return\" value=\"").append(Html.esc(back)).append("\">\n")
                .append("<label>Username <input name=\"username\" autocomplete=\"username\" required autofocus></label>\n")
                .append("<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\" "
                        + "required></label>\n")
                .append("<button type=\"submit\">Sign in</button>\n</form>\n");
        html(response, status, Html.page("Sign in", null, null, List.of(), body.toString(), List.of()));
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = request.getParameter("logintoken");
        String expected = cookieValue(request, LOGIN_COOKIE);
        if (token == null || expected == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            loginForm(request, response, "The sign-in form expired; please try again.", 400);
            return;
        }
        String username = request.getParameter("username") == null ? ""
                : request.getParameter("username").trim().toLowerCase(java.util.Locale.ROOT);
        String password = request.getParameter("password") == null ? "" : request.getParameter("password");
        long userId;
        try {
            userId = logins.check(username, password, request.getRemoteAddr());
        } catch (LoginException e) {
            if (e.throttled()) {
                LOG.warn("Admin sign-in: too many failed logins ({}), refused for {} s", request.getRemoteAddr(),
                        e.retryAfter());
                response.setHeader("Retry-After", String.valueOf(e.retryAfter()));
                loginForm(request, response, "Invalid login, please try again", 429);
            } else {
                LOG.info("Admin sign-in: failed login from {}", request.getRemoteAddr());
                loginForm(request, response, "Invalid login, please try again", 200);
            }
            return;
        }
        if (!access.isSiteAdmin(userId)) {
            LOG.info("Admin sign-in refused for {}: not a site administrator", username);
            loginForm(request, response, "Only site administrators may sign in here.", 403);
            return;
        }
        Sessions.Session session = sessions.open(userId, request.getRemoteAddr());
        response.addHeader("Set-Cookie", cookie(request, LOGIN_COOKIE, "", "/admin/login", 0));
        response.addHeader("Set-Cookie", cookie(request, Sessions.COOKIE, session.key(), "/", -1));
        LOG.info("Admin sign-in: {} from {}", username, request.getRemoteAddr());
        redirect(response, returnPath(request.getParameter("return")));
    }

    private void signOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignedIn who = signedIn(request).orElse(null);
        String sesskey = request.getParameter("sesskey");
        if (who != null && (sesskey == null || !MessageDigest.isEqual(sesskey.getBytes(StandardCharsets.UTF_8),
                who.session().sesskey().getBytes(StandardCharsets.UTF_8)))) {
            text(response, 403, "Your session has most likely timed out. Please log in again.");
            return;
        }
        if (who != null) {
            sessions.close(who.session().key());
        }
        response.addHeader("Set-Cookie", cookie(request, Sessions.COOKIE, "", "/", 0));
        redirect(response, "/admin/login");
    }

    /** A local path under /admin or /system/console to go back to after signing in; /admin/ otherwise. */
    static String returnPath(String requested) {
        if (requested != null && RETURN.matcher(requested).matches() && !requested.contains("//")
                && !requested.contains("/../") && !requested.endsWith("/..")) {
            return requested;
        }
        return "/admin/";
    }

    static String cookie(HttpServletRequest request, String name, String value, String path, int maxAge) {
        StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=").append(path)
                .append("; HttpOnly; SameSite=Strict");
        if (maxAge >= 0) {
            c.append("; Max-Age=").append(maxAge);
        }
        if (request.isSecure()) {
            c.append("; Secure");
        }
        return c.toString();
    }

    static String cookieValue(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (name.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    // --- the shell

    private List<Html.Link> nav(String current) {
        List<Html.Link> links = new ArrayList<>();
        links.add(new Html.Link("/admin/", "Overview", current == null));
        for (PageBoard.Entry e : board.state().shown()) {
            links.add(new Html.Link("/admin/" + e.id(), title(e), e.id().equals(current)));
        }
        links.add(new Html.Link("/system/console", "OSGi console", false));
        return links;
    }

    private static String title(PageBoard.Entry e) {
        try {
            return e.page().title();
        } catch (RuntimeException ex) {
            return e.id();
        }
    }

    private void index(SignedIn who, HttpServletResponse response) throws IOException {
        PageBoard.State state = board.state();
        StringBuilder body = new StringBuilder("<p>Signed in as ").append(Html.esc(who.user().fullname()))
                .append(" (").append(Html.esc(who.user().username())).append(").</p>\n<ul class=\"cards\">\n");
        for (PageBoard.Entry e : state.shown()) {
            body.append("<li><a href=\"/admin/").append(e.id()).append("\">").append(Html.esc(title(e)))
                    .append("</a> <span class=\"from\">").append(Html.esc(e.bundle())).append("</span></li>\n");
        }
        body.append("<li><a href=\"/system/console\">OSGi console</a> <span class=\"from\">Apache Felix Web "
                + "Console</span></li>\n</ul>\n");
        if (!state.rejected().isEmpty()) {
            body.append("<h2>Pages not shown</h2>\n<ul class=\"rejected\">\n");
            for (PageBoard.Rejected r : state.rejected()) {
                body.append("<li><code>").append(Html.esc(r.id())).append("</code> of ").append(Html.esc(r.bundle()))
                        .append(": ").append(Html.esc(r.reason())).append("</li>\n");
            }
            body.append("</ul>\n");
        }
        html(response, 200, Html.page("Overview", who.user().username(), who.session().sesskey(), nav(null),
                body.toString(), List.of("/admin/assets/admin.js")));
    }

    private void page(SignedIn who, String id, HttpServletResponse response) throws IOException {
        PageBoard.Entry entry = board.state().page(id);
        if (entry == null) {
            html(response, 404, Html.page("Not found", who.user().username(), who.session().sesskey(), nav(null),
                    "<p>There is no admin page <code>" + Html.esc(id) + "</code>.</p>", List.of()));
            return;
        }
        String body;
        boolean script;
        try {
            body = entry.page().body();
            script = entry.page().script() != null;
        } catch (RuntimeException e) {
            LOG.error("Admin page {} of {} failed", id, entry.bundle(), e);
            body = "<p class=\"error\">This page failed; the server log has the details.</p>";
            script = false;
        }
        List<String> scripts = new ArrayList<>(List.of("/admin/assets/admin.js"));
        if (script) {
            scripts.add("/admin/pages/" + id + ".js");
        }
        html(response, 200, Html.page(title(entry), who.user().username(), who.session().sesskey(), nav(id), body,
                scripts));
    }

    private void pageScript(String id, HttpServletResponse response) throws IOException {
        PageBoard.Entry entry = board.state().page(id);
        URL script = entry == null ? null : entry.page().script();
        if (script == null) {
            text(response, 404, "Not found");
            return;
        }
        send(script, "text/javascript; charset=utf-8", response);
    }

    private void asset(String name, HttpServletResponse response) throws IOException {
        String type = name.endsWith(".css") ? "text/css; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript; charset=utf-8" : null;
        URL url = type == null || !name.matches("[a-z-]+\\.(css|js)") ? null
                : AdminServlet.class.getResource("/admin/" + name);
        if (url == null) {
            text(response, 404, "Not found");
            return;
        }
        send(url, type, response);
    }

    private static void send(URL url, String type, HttpServletResponse response) throws IOException {
        byte[] content;
        try (InputStream in = url.openStream()) {
            content = in.readAllBytes();
        }
        response.setHeader("Cache-Control", "no-cache");
        write(response, 200, type, content);
    }

    private static void html(HttpServletResponse response, int status, String page) throws IOException {
        write(response, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static void text(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpServletResponse response, int status, String type, byte[] content)
            throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(content.length);
        response.getOutputStream().write(content);
    }

    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(303);
        response.setHeader("Location", location);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
