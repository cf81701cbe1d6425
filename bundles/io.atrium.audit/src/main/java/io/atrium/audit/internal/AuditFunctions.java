package io.atrium.audit.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.auth.api.ServiceDeclaration;
import io.atrium.auth.api.ServiceDefinition;
import io.atrium.lpi.api.Licences;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * The audit function, under the original's two names, in its own external service
 * {@code local_lpi_audit}: a rights entity's token reaches it and nothing of the licence office,
 * and a licence office token does not reach it.
 */
final class AuditFunctions {

    static final String SERVICE = "local_lpi_audit";
    static final String AUDIT_TITLE = "Audit the licence records";

    static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("The licence records a rights-management entity may audit: every processed record that is "
                    + "not administrative, page by page; count is the total. courseid is a pseudonym, stable per course; "
                    + "downloadurl gives the file to the auditor's token.")
            .type(FunctionType.READ).capability(Licences.CAPABILITY_AUDIT, AUDIT_TITLE).services(SERVICE)
            .parameters(single(key("page", value(ParamType.INT, "the page, from 0").withDefault(0L)),
                    key("count", value(ParamType.INT, "records per page").withDefault(100L))))
            .returns(single(key("count", value(ParamType.INT, "how many records there are in all")),
                    key("data", multiple(single(
                            key("id", value(ParamType.INT, "the record")),
                            key("state", value(ParamType.ALPHANUM, "ok, gt10, loe10 or forbidden")),
                            key("coursetimecreated", value(ParamType.INT, "when the course was created")),
                            key("enroled", value(ParamType.INT, "users enrolled in the course")),
                            key("timemodified", value(ParamType.INT, "when the record last changed")),
                            key("license", value(ParamType.ALPHANUM, "what the work's use rests on: the licence "
                                    + "office's finding, else the teacher's choice")),
                            key("title", value(ParamType.TEXT, "the work's title")),
                            key("author", value(ParamType.TEXT, "its author")),
                            key("publisher", value(ParamType.TEXT, "its publisher")),
                            key("identification", value(ParamType.TEXT, "ISBN, ISSN, DOI")),
                            key("pages", value(ParamType.TEXT, "the pages used")),
                            key("totalpages", value(ParamType.INT, "the work's pages")),
                            key("timeendlicense", value(ParamType.INT, "when the licence ends, 0 for none")),
                            key("comments", value(ParamType.TEXT, "the teacher's comments")),
                            key("courseid", value(ParamType.ALPHANUM, "the course's pseudonym")),
                            key("downloadurl", value(ParamType.URL, "the file, for the auditor's token")))))))
            .build();

    private AuditFunctions() {
    }

    /** The external service of the rights entity. */
    @Component
    public static final class Service implements ServiceDeclaration {
        private static final ServiceDefinition DEFINITION = new ServiceDefinition(SERVICE, "LPI audit", true, false,
                Licences.CAPABILITY_AUDIT, false, true, List.of());

        @Override
        public ServiceDefinition definition() {
            return DEFINITION;
        }
    }

    private abstract static class Audit implements WsFunction {
        private final Auditor auditor;

        Audit(Auditor auditor) {
            this.auditor = auditor;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            long page = call.params().getLong("page");
            long count = call.params().getLong("count");
            if (page < 0 || count < 1 || count > 1000) {
                throw WsException.invalidParameter("page is 0 or more and count 1 to 1000");
            }
            return auditor.page((int) page, (int) count);
        }
    }

    /** The original's name, without a component. (The service is named: bnd does not see inherited interfaces.) */
    @Component(service = WsFunction.class)
    @WsFunctionName("get_auditable_file_metadata")
    public static final class GetAuditable extends Audit {
        @Activate
        public GetAuditable(@Reference Auditor auditor) {
            super(auditor);
        }
    }

    /** The same, under the plugin's frankenstyle name. */
    @Component(service = WsFunction.class)
    @WsFunctionName("local_lpi_get_auditable_file_metadata")
    public static final class LocalGetAuditable extends Audit {
        @Activate
        public LocalGetAuditable(@Reference Auditor auditor) {
            super(auditor);
        }
    }
}
