package io.atrium.lpi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Files;
import io.atrium.lms.api.StoredFile;
import io.atrium.lpi.api.LicenceRecord;
import io.atrium.lpi.api.Licences;
import io.atrium.ws.api.Caller;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.spi.WsAuthenticator;
import io.atrium.ws.core.php.PhpJson;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code local/lpi/download_file.php?token=...&id=...}: the file of a record in the licence
 * queue, with its content type, for a token whose user may manage licences. Anything else gets
 * a JSON error in the web services' shape (HTTP 200, as Moodle's web-service errors), never
 * the file.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(DownloadServlet.PATH)
@HttpWhiteboardServletName("atrium-local-lpi-download")
@SuppressWarnings("serial")
public final class DownloadServlet extends HttpServlet {

    static final String PATH = "/local/lpi/download_file.php";
    private static final Logger LOG = LoggerFactory.getLogger(DownloadServlet.class);

    private final transient WsAuthenticator authenticator;
    private final transient Access access;
    private final transient Contexts contexts;
    private final transient Files files;
    private final transient Lpi lpi;

    @Activate
    public DownloadServlet(@Reference WsAuthenticator authenticator, @Reference Access access,
            @Reference Contexts contexts, @Reference Files files, @Reference Lpi lpi) {
        this.authenticator = authenticator;
        this.access = access;
        this.contexts = contexts;
        this.files = files;
        this.lpi = lpi;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        if (!"GET".equals(request.getMethod()) && !"POST".equals(request.getMethod())) {
            response.setStatus(405);
            return;
        }
        StoredFile file;
        try {
            Caller caller = authenticator.authenticate(request.getParameter("token"), request.getRemoteAddr());
            if (!access.hasCapability(caller.userId(), Licences.CAPABILITY_MANAGE, contexts.system())) {
                throw WsException.noPermissions(LpiFunctions.MANAGE_TITLE);
            }
            String id = request.getParameter("id");
            if (id == null || !id.matches("\\d{1,18}")) {
                throw WsException.invalidParameter("id: a metadata id");
            }
            LicenceRecord r = lpi.queued(Long.parseLong(id));
            file = files.byId(r.fileid()).orElseThrow(() -> Errors.fileNotFound(r.id()));
        } catch (WsException e) {
            error(response, e);
            return;
        } catch (RuntimeException e) {
            LOG.error("local/lpi/download_file.php failed", e);
            error(response, WsException.of("generalexceptionmessage", "Error: the server could not answer; see its log"));
            return;
        }
        response.setContentType(file.mimetype() == null ? "application/octet-stream" : file.mimetype());
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(file.filename(), StandardCharsets.UTF_8).replace("+", "%20"));
        response.setContentLengthLong(file.filesize());
        try (InputStream in = files.open(file); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private static void error(HttpServletResponse response, WsException e) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json; charset=utf-8");
        response.getOutputStream().write(PhpJson.encodeError(e, false).getBytes(StandardCharsets.UTF_8));
    }
}
