package io.atrium.lpi.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.osgi.annotation.versioning.ConsumerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.lms.api.StoredFile;
import io.atrium.ws.api.Caller;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.spi.WsAuthenticator;
import io.atrium.ws.core.php.PhpJson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The download of a licence record's file ({@code ...?token=...&id=...}), as local_lpi's
 * endpoints serve it: the token checked as the web services check it, the record chosen by
 * the subclass ({@link #authorise}, {@link #record}), the file streamed with its content type; any
 * refusal the JSON error of the web services with HTTP 200, never the file. The licence
 * office's endpoint and the audit's extend it, each with its own rule.
 */
@ConsumerType
public abstract class RecordDownloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RecordDownloadServlet.class);

    private final transient Licences licences;

    protected RecordDownloadServlet(Licences licences) {
        this.licences = licences;
    }

    /** The authenticator to check tokens with, as the pipeline uses it; {@code null} refuses every token. */
    protected abstract WsAuthenticator authenticator();

    /**
     * Checks that the caller may download here at all (checked before the id is read).
     *
     * @throws WsException the refusal the caller gets, such as {@code nopermissions}
     */
    protected abstract void authorise(Caller caller) throws WsException;

    /**
     * The record of that id, when this endpoint serves it.
     *
     * @throws WsException the refusal the caller gets for a record not served here
     */
    protected abstract LicenceRecord record(long id) throws WsException;

    /** local_lpi's error for a record or file that does not exist. */
    public static WsException fileNotFound(long id) {
        return new WsException("local_lpi\\exception\\file_not_found", "error_filenotfound",
                "File not found: metadata " + id, null);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        if (!"GET".equals(request.getMethod()) && !"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, POST");
            response.setStatus(405);
            return;
        }
        LicenceRecord record;
        StoredFile file;
        try {
            WsAuthenticator auth = authenticator();
            String token = request.getParameter("token");
            if (auth == null || token == null || token.isBlank()) {
                throw WsException.invalidToken();
            }
            authorise(auth.authenticate(token, request.getRemoteAddr()));
            String id = request.getParameter("id");
            if (id == null || !id.matches("\\d{1,18}")) {
                throw WsException.invalidParameter("id: a metadata id");
            }
            record = record(Long.parseLong(id));
            file = licences.file(record).orElseThrow(() -> fileNotFound(record.id()));
        } catch (WsException e) {
            error(response, e);
            return;
        } catch (RuntimeException e) {
            LOG.error("{} failed", request.getRequestURI(), e);
            error(response, WsException.of("generalexceptionmessage", "Error: the server could not answer; see its log"));
            return;
        }
        response.setContentType(file.mimetype() == null ? "application/octet-stream" : file.mimetype());
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(file.filename(), StandardCharsets.UTF_8).replace("+", "%20"));
        response.setContentLengthLong(file.filesize());
        try (InputStream in = licences.open(record); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private static void error(HttpServletResponse response, WsException e) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json; charset=utf-8");
        response.getOutputStream().write(PhpJson.encodeError(e, false).getBytes(StandardCharsets.UTF_8));
    }
}
