package io.atrium.audit.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
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
 * {@code local/lpi/audit/download_file.php?token=...&id=...}: the file of an auditable record,
 * for a token of the {@code local_lpi_audit} service whose user may audit
 * ({@code local/lpi:audit}). Anything else gets a JSON error in the web services' shape
 * (HTTP 200), never the file.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(AuditDownloadServlet.PATH)
@HttpWhiteboardServletName("atrium-local-lpi-audit-download")
@SuppressWarnings("serial")
public final class AuditDownloadServlet extends RecordDownloadServlet {

    static final String PATH = "/local/lpi/audit/download_file.php";

    private final transient Auditor auditor;
    private final transient Access access;
    private final transient Contexts contexts;

    /** The highest-ranked authenticator, as the web-service pipeline uses it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile WsAuthenticator authenticator;

    @Activate
    public AuditDownloadServlet(@Reference Auditor auditor, @Reference Access access, @Reference Contexts contexts) {
        super(auditor.licences());
        this.auditor = auditor;
        this.access = access;
        this.contexts = contexts;
    }

    @Override
    protected WsAuthenticator authenticator() {
        return authenticator;
    }

    @Override
    protected void authorise(Caller caller) throws WsException {
        if (!AuditFunctions.SERVICE.equals(caller.service())
                || !access.hasCapability(caller.userId(), Licences.CAPABILITY_AUDIT, contexts.system())) {
            throw WsException.noPermissions(AuditFunctions.AUDIT_TITLE);
        }
    }

    @Override
    protected LicenceRecord record(long id) throws WsException {
        return auditor.auditable(id).orElseThrow(() -> fileNotFound(id));
    }
}
