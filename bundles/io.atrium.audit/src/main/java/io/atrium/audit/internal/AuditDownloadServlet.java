package io.atrium.audit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Contexts;
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
 * {@code local/lpi/audit/download_file.php?token=...&id=...}: the file of an auditable record,
 * for a token of the {@code local_lpi_audit} service whose user may audit
 * ({@code local/lpi:audit}). Anything else gets a JSON error in the web services' shape
 * (HTTP 200), never the file.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(AuditDownloadServlet.PATH)
@HttpWhiteboardServletName("atrium-local-lpi-audit-download")
@SuppressWarnings("serial")
public final class AuditDownloadServlet extends HttpServlet {

    static final String PATH = "/local/lpi/audit/download_file.php";
    private static final Logger LOG = LoggerFactory.getLogger(AuditDownloadServlet.class);

    private final transient Auditor auditor;
    private final transient Access access;
    private final transient Contexts contexts;

    /** The highest-ranked authenticator, as the web-service pipeline uses it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile WsAuthenticator authenticator;

    @Activate
    public AuditDownloadServlet(@Reference Auditor auditor, @Reference Access access, @Reference Contexts contexts) {
        this.auditor = auditor;
        this.access = access;
        this.contexts = contexts;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, POST");
            response.setStatus(405);
            return;
        }
        LicenceRecord record;
        StoredFile file;
        try {
            WsAuthenticator auth = authenticator;
            String token = request.getParameter("token");
            if (auth == null || token == null || token.isBlank()) {
                throw WsException.invalidToken();
            }
            Caller caller = auth.authenticate(token, request.getRemoteAddr());
            if (!AuditFunctions.SERVICE.equals(caller.service())
                    || !access.hasCapability(caller.userId(), Licences.CAPABILITY_AUDIT, contexts.system())) {
                throw WsException.noPermissions(AuditFunctions.AUDIT_TITLE);
            }
            String id = request.getParameter("id");
            if (id == null || !id.matches("\\d{1,18}")) {
                throw WsException.invalidParameter("id: a metadata id");
            }
            record = auditor.auditable(Long.parseLong(id)).orElseThrow(() -> new WsException(
                    "local_lpi\\exception\\file_not_found", "error_filenotfound", "File not found: metadata " + id,
                    null));
            file = auditor.licences().file(record).orElseThrow(() -> new WsException(
                    "local_lpi\\exception\\file_not_found", "error_filenotfound", "File not found: metadata " + id,
                    null));
        } catch (WsException e) {
            response.setStatus(200);
            response.setContentType("application/json; charset=utf-8");
            response.getOutputStream().write(PhpJson.encodeError(e, false).getBytes(StandardCharsets.UTF_8));
            return;
        } catch (RuntimeException e) {
            LOG.error("{} failed", PATH, e);
            response.setStatus(200);
            response.setContentType("application/json; charset=utf-8");
            response.getOutputStream().write(PhpJson.encodeError(WsException.of("generalexceptionmessage",
                    "Error: the server could not answer; see its log"), false).getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.setContentType(file.mimetype() == null ? "application/octet-stream" : file.mimetype());
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(file.filename(), StandardCharsets.UTF_8).replace("+", "%20"));
        response.setContentLengthLong(file.filesize());
        try (InputStream in = auditor.licences().open(record); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
