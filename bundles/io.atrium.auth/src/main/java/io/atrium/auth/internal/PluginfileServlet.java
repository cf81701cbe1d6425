package io.atrium.auth.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.auth.api.FileAccess;
import io.atrium.lms.api.Access;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Files;
import io.atrium.lms.api.StoredFile;
import io.atrium.ws.api.WsException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Moodle's {@code webservice/pluginfile.php}: a file by token, its path
 * ({@code /contextid/component/filearea/itemid/path/name}) in PATH_INFO or {@code file=}, with
 * its content type, and single byte ranges. The token's service must allow downloads. A user
 * gets the files of their own user context (their drafts); site administrators get any file;
 * the other areas open as the bundles that own them add their rules. A file the caller may not
 * have is answered as one that does not exist.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/webservice/pluginfile.php", "/webservice/pluginfile.php/*" })
@HttpWhiteboardServletName("atrium-webservice-pluginfile")
@SuppressWarnings("serial")
public final class PluginfileServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(PluginfileServlet.class);
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final transient TokenService tokens;
    private final transient Files files;
    private final transient Contexts contexts;
    private final transient Access access;

    @Activate
    public PluginfileServlet(@Reference TokenService tokens, @Reference Files files, @Reference Contexts contexts,
            @Reference Access access) {
        this.tokens = tokens;
        this.files = files;
        this.contexts = contexts;
        this.access = access;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Allow-Headers", "range");
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            error(response, 405, "invalidrequest", "Only GET and HEAD are accepted");
            return;
        }
        StoredFile file;
        try {
            TokenService.TokenCaller caller = (TokenService.TokenCaller) tokens.authenticate(
                    request.getParameter("token"), request.getRemoteAddr());
            if (!caller.row().downloadfiles()) {
                throw WsException.accessException(
                        "Web service file downloading must be enabled in external service settings");
            }
            String path = request.getPathInfo() != null ? request.getPathInfo() : request.getParameter("file");
            file = find(path).filter(f -> mayRead(caller.userId(), f)).orElse(null);
        } catch (WsException e) {
            error(response, 200, e.errorcode(), e.getMessage()); // as Moodle: the error object, status 200
            return;
        } catch (RuntimeException e) {
            LOG.error("webservice/pluginfile.php failed", e);
            error(response, 500, "generalexceptionmessage", "Error: the server could not answer; see its log");
            return;
        }
        if (file == null) {
            error(response, 404, "filenotfound", "Sorry, the requested file could not be found");
            return;
        }
        send(request, response, file);
    }

    /** A file by its path: {@code /contextid/component/filearea/itemid/dirs.../name}. */
    private Optional<StoredFile> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(URLDecoder.decode(p, StandardCharsets.UTF_8));
            }
        }
        if (parts.size() < 5 || !parts.get(0).matches("\\d{1,18}") || !parts.get(3).matches("\\d{1,18}")) {
            return Optional.empty();
        }
        StringBuilder dir = new StringBuilder("/");
        for (String p : parts.subList(4, parts.size() - 1)) {
            dir.append(p).append('/');
        }
        return files.get(Long.parseLong(parts.get(0)), parts.get(1), parts.get(2), Long.parseLong(parts.get(3)),
                dir.toString(), parts.get(parts.size() - 1));
    }

    private boolean mayRead(long userid, StoredFile f) {
        if (access.isSiteAdmin(userid)
                || contexts.of(ContextLevel.USER, userid).map(c -> c.id() == f.contextid()).orElse(false)) {
            return true;
        }
        for (Map.Entry<ServiceReference<FileAccess>, FileAccess> rule : rules.entrySet()) {
            if (components(rule.getKey()).contains(f.component())) {
                try {
                    if (rule.getValue().mayRead(userid, f)) {
                        return true;
                    }
                } catch (RuntimeException e) {
                    LOG.error("The file rule of {} for {} failed", rule.getKey().getBundle(), f.component(), e);
                }
            }
        }
        return false;
    }

    /** The rules of other bundles, by their service reference. */
    private final Map<ServiceReference<FileAccess>, FileAccess> rules = new ConcurrentSkipListMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRule(FileAccess rule, ServiceReference<FileAccess> ref) {
        rules.put(ref, rule);
    }

    void removeRule(FileAccess rule, ServiceReference<FileAccess> ref) {
        rules.remove(ref);
    }

    private static List<String> components(ServiceReference<?> ref) {
        Object value = ref.getProperty(FileAccess.COMPONENT);
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof String[] a) {
            return List.of(a);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private void send(HttpServletRequest request, HttpServletResponse response, StoredFile f) throws IOException {
        long size = f.filesize();
        long from = 0;
        long to = size - 1;
        String range = request.getHeader("Range");
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            boolean ok = m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty());
            if (ok) {
                if (m.group(1).isEmpty()) { // the last N bytes
                    from = Math.max(0, size - Long.parseLong(m.group(2)));
                } else {
                    from = Long.parseLong(m.group(1));
                    to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                }
                ok = from <= to && from < size;
            }
            if (!ok) {
                response.setStatus(416);
                response.setHeader("Content-Range", "bytes */" + size);
                return;
            }
            response.setStatus(206);
            response.setHeader("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        response.setHeader("Accept-Ranges", "bytes");
        response.setContentType(f.mimetype() == null ? "application/octet-stream" : f.mimetype());
        String disposition = "1".equals(request.getParameter("forcedownload")) ? "attachment" : "inline";
        response.setHeader("Content-Disposition", disposition + "; filename*=UTF-8''"
                + URLEncoder.encode(f.filename(), StandardCharsets.UTF_8).replace("+", "%20"));
        response.setContentLengthLong(to - from + 1);
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        try (InputStream in = files.open(f); OutputStream out = response.getOutputStream()) {
            in.skipNBytes(from);
            long left = to - from + 1;
            byte[] buffer = new byte[64 * 1024];
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    private static void error(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        Ajax.write(response, Ajax.error(code, message));
    }
}
