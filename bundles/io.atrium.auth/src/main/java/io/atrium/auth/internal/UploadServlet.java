package io.atrium.auth.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.FileRecord;
import io.atrium.lms.api.Files;
import io.atrium.lms.api.StoredFile;
import io.atrium.lms.api.User;
import io.atrium.lms.api.Users;
import io.atrium.ws.api.WsException;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

/**
 * Moodle's {@code webservice/upload.php}: files posted with a token land in the user's draft
 * area; the answer is Moodle's array, one element per file. Parts above a small threshold are
 * spooled to disk by the server, so an upload is never held in memory whole; a file over the
 * configured limit gets Moodle's per-file error and nothing of it is kept.
 */
@Component(service = Servlet.class, configurationPid = UploadServlet.PID)
@Designate(ocd = UploadServlet.Config.class)
@HttpWhiteboardServletPattern("/webservice/upload.php")
@HttpWhiteboardServletName("atrium-webservice-upload")
@HttpWhiteboardServletMultipart(enabled = true, fileSizeThreshold = 256 * 1024, maxRequestSize = -1, maxFileSize = -1)
@SuppressWarnings("serial")
public final class UploadServlet extends HttpServlet {

    static final String PID = "io.atrium.auth.upload";

    private static final Logger LOG = LoggerFactory.getLogger(UploadServlet.class);

    @ObjectClassDefinition(name = "Atrium file upload", description = "webservice/upload.php")
    public @interface Config {
        @AttributeDefinition(description = "The largest file accepted, in bytes (Moodle's maxbytes)", min = "1")
        long maxBytes() default 100L * 1024 * 1024;
    }

    private final transient TokenService tokens;
    private final transient Files files;
    private final transient Users users;
    private final transient Contexts contexts;
    private final long maxBytes;

    @Activate
    public UploadServlet(Config config, @Reference TokenService tokens, @Reference Files files, @Reference Users users,
            @Reference Contexts contexts) {
        this.tokens = tokens;
        this.files = files;
        this.users = users;
        this.contexts = contexts;
        this.maxBytes = config.maxBytes();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Ajax.headers(response, "text/plain; charset=utf-8");
        Object answer;
        try {
            answer = upload(request);
        } catch (WsException e) {
            answer = Ajax.error(e.errorcode(), e.getMessage());
        } catch (IllegalStateException | ServletException e) {
            // The container refused the body (not multipart, or malformed).
            answer = Ajax.error("upload_error_no_file", "No file was uploaded: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("webservice/upload.php failed", e);
            answer = Ajax.error("generalexceptionmessage", "Error: the server could not answer; see its log");
        }
        Ajax.write(response, answer);
    }

    private Object upload(HttpServletRequest request) throws WsException, IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            throw WsException.of("upload_error_no_file", "No file was uploaded");
        }
        String contentType = request.getContentType();
        boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/form-data");
        String token = multipart ? field(request, "token") : request.getParameter("token");
        if (token == null) {
            throw WsException.of("missingparam", "A required parameter (token) was missing");
        }
        TokenService.TokenCaller caller = (TokenService.TokenCaller) tokens.authenticate(token, request.getRemoteAddr());
        if (!caller.row().uploadfiles()) {
            throw WsException.accessException("Web service file upload must be enabled in external service settings");
        }
        if (!multipart) {
            throw WsException.of("upload_error_no_file", "No file was uploaded");
        }
        User user = users.get(caller.userId()).orElseThrow(() -> WsException.invalidToken());
        long userContext = contexts.of(ContextLevel.USER, user.id())
                .orElseThrow(() -> WsException.invalidRecord("context", "user " + user.id())).id();
        long itemid = parseLong(field(request, "itemid"));
        if (itemid <= 0) {
            itemid = files.newDraftItemId(user.id());
        }
        String filepath = field(request, "filepath");
        if (filepath == null || filepath.isEmpty()) {
            filepath = "/";
        }
        List<Object> answer = new ArrayList<>();
        for (Part part : request.getParts()) {
            String filename = part.getSubmittedFileName();
            if (filename == null) {
                continue; // a form field, not a file
            }
            filename = filename.replace('\\', '/');
            filename = filename.substring(filename.lastIndexOf('/') + 1);
            FileRecord where = new FileRecord(userContext, "user", "draft", itemid, filepath, filename, user.id(),
                    user.fullname(), "unknown", source(filename));
            try (InputStream in = part.getInputStream()) {
                StoredFile f = files.create(where, in, maxBytes);
                answer.add(record(f, user));
            } catch (WsException e) {
                answer.add(fileError(filename, e));
            } finally {
                part.delete();
            }
        }
        if (answer.isEmpty()) {
            throw WsException.of("upload_error_no_file", "No file was uploaded");
        }
        return answer;
    }

    /** Moodle's file record, with its mixed types ({@code userid} a string), in its key order. */
    private static Map<String, Object> record(StoredFile f, User user) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("component", f.component());
        r.put("contextid", f.contextid());
        r.put("userid", String.valueOf(user.id()));
        r.put("filearea", f.filearea());
        r.put("filename", f.filename());
        r.put("filepath", f.filepath());
        r.put("itemid", f.itemid());
        r.put("license", f.license());
        r.put("author", f.author());
        r.put("source", source(f.filename()));
        r.put("filesize", f.filesize());
        return r;
    }

    private static Map<String, Object> fileError(String filename, WsException e) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("filename", filename);
        switch (e.errorcode()) {
        case "filetoolarge" -> {
            r.put("errortype", "fileoversized");
            r.put("error", "The file " + filename + " is larger than the limit of this site");
        }
        case "fileexists" -> {
            r.put("errortype", "filenameexist");
            r.put("error", "A file named " + filename + " exists in this draft area already");
        }
        default -> {
            r.put("errortype", e.errorcode());
            r.put("error", e.getMessage());
        }
        }
        return r;
    }

    /** Moodle's serialised source: {@code O:8:"stdClass":1:{s:6:"source";s:N:"name";}}, N in bytes. */
    static String source(String filename) {
        return "O:8:\"stdClass\":1:{s:6:\"source\";s:" + filename.getBytes(StandardCharsets.UTF_8).length + ":\""
                + filename + "\";}";
    }

    private static String field(HttpServletRequest request, String name) throws IOException, ServletException {
        String query = request.getParameter(name);
        if (query != null) {
            return query;
        }
        Part part = request.getPart(name);
        if (part == null || part.getSubmittedFileName() != null) {
            return null;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim();
        }
    }

    private static long parseLong(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
