package io.atrium.lpi.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Contexts;
import io.atrium.lpi.api.LicenceRecord;
import io.atrium.lpi.api.Licences;
import io.atrium.lpi.api.RecordDownloadServlet;
import io.atrium.ws.api.Caller;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.spi.WsAuthenticator;
import jakarta.servlet.Servlet;

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
public final class DownloadServlet extends RecordDownloadServlet {

    static final String PATH = "/local/lpi/download_file.php";

    private final transient WsAuthenticator authenticator;
    private final transient Access access;
    private final transient Contexts contexts;
    private final transient Lpi lpi;

    @Activate
    public DownloadServlet(@Reference WsAuthenticator authenticator, @Reference Access access,
            @Reference Contexts contexts, @Reference Lpi lpi) {
        super(lpi);
        this.authenticator = authenticator;
        this.access = access;
        this.contexts = contexts;
        this.lpi = lpi;
    }

    @Override
    protected WsAuthenticator authenticator() {
        return authenticator;
    }

    @Override
    protected void authorise(Caller caller) throws WsException {
        if (!access.hasCapability(caller.userId(), Licences.CAPABILITY_MANAGE, contexts.system())) {
            throw WsException.noPermissions(LpiFunctions.MANAGE_TITLE);
        }
    }

    @Override
    protected LicenceRecord record(long id) throws WsException {
        return lpi.queued(id);
    }
}
