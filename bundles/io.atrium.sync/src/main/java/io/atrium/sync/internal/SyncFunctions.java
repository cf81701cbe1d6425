package io.atrium.sync.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.auth.api.ServiceDeclaration;
import io.atrium.auth.api.ServiceDefinition;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Files;
import io.atrium.lms.api.IdentifierException;
import io.atrium.lms.api.Identifiers;
import io.atrium.store.api.Store;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * tool_sync's administration functions, with the original's names, parameters and returns, and
 * the capability the original checks ({@code moodle/site:config}); plus a background run and
 * its progress, which the original lacks.
 */
final class SyncFunctions {

    static final String SERVICE = "tool_sync";
    static final String CAPABILITY = "moodle/site:config";
    static final String CAPABILITY_NAME = "Change site configuration";

    private SyncFunctions() {
    }

    private static FunctionSpec.Builder admin(String description, FunctionType type) {
        return FunctionSpec.builder().description(description).type(type).capability(CAPABILITY, CAPABILITY_NAME)
                .services(SERVICE);
    }

    /**
     * The external service {@code tool_sync}: uploads allowed, as the original's; downloads too,
     * so reports and tryback files can be fetched from {@code webservice/pluginfile.php}.
     */
    @Component
    public static final class Service implements ServiceDeclaration {
        private static final ServiceDefinition DEFINITION = new ServiceDefinition(SERVICE, "Sync tool", true, false,
                null, true, true, List.of());

        @Override
        public ServiceDefinition definition() {
            return DEFINITION;
        }
    }

    @Component
    @WsFunctionName("tool_sync_set_config")
    public static final class SetConfig implements WsFunction {
        private static final FunctionSpec SPEC = admin("Sets a tool_sync setting: the file a service processes, "
                + "the identifiers it matches by, its options, or a global setting (encoding, csvseparator, storereport, "
                + "filearchive, filefailed, filecleanup, simulate).", FunctionType.WRITE)
                .parameters(single(key("service", value(ParamType.TEXT, "courses, users, enrols, cohorts or global")),
                        key("confkey", value(ParamType.TEXT, "the setting, such as filelocation")),
                        key("confvalue", value(ParamType.TEXT, "its value"))))
                .returns(value(ParamType.BOOL, "Success")).build();

        private final Runs runs;

        @Activate
        public SetConfig(@Reference Runs runs) {
            this.runs = runs;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            runs.settings().set(call.params().getString("service"), call.params().getString("confkey"),
                    call.params().getString("confvalue"));
            return true;
        }
    }

    @Component
    @WsFunctionName("tool_sync_commit_file")
    public static final class CommitFile implements WsFunction {
        private static final FunctionSpec SPEC = admin("Moves the files of one of your draft areas (an upload to "
                + "webservice/upload.php) into the sync file area, keeping their names and replacing files of the "
                + "same name.", FunctionType.WRITE)
                .parameters(single(key("draftitemid", value(ParamType.INT, "Awaiting draftitem"))))
                .returns(value(ParamType.BOOL, "Success status")).build();

        private final SyncArea area;

        @Activate
        public CommitFile(@Reference Files files, @Reference Contexts contexts, @Reference Store store) {
            this.area = new SyncArea(files, contexts, store);
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            area.commit(call.caller().userId(), call.params().getLong("draftitemid"));
            return true;
        }
    }

    @Component
    @WsFunctionName("tool_sync_process")
    public static final class Process implements WsFunction {
        private static final FunctionSpec SPEC = admin("Processes the file of a service and returns the report. "
                + "courses: create, delete, reset or check; users, enrols, cohorts: sync. For a long file, "
                + "tool_sync_process_start runs it in the background.", FunctionType.WRITE)
                .parameters(single(key("service", value(ParamType.TEXT, "courses, users, enrols or cohorts")),
                        key("action", value(ParamType.TEXT, "create, delete, reset, check or sync"))))
                .returns(value(ParamType.RAW, "CSV report")).build();

        private final Runs runs;

        @Activate
        public Process(@Reference Runs runs) {
            this.runs = runs;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            return runs.runAndWait(call.params().getString("service"), call.params().getString("action"),
                    runs.settings().flag("global", "simulate"), call.caller().userId()).report();
        }
    }

    @Component
    @WsFunctionName("tool_sync_process_start")
    public static final class ProcessStart implements WsFunction {
        private static final FunctionSpec SPEC = admin("Starts processing the file of a service in the background; "
                + "tool_sync_get_run tells its progress and, once finished, its report. With simulate, every line is "
                + "checked and nothing is kept.", FunctionType.WRITE)
                .parameters(single(key("service", value(ParamType.TEXT, "courses, users, enrols or cohorts")),
                        key("action", value(ParamType.TEXT, "create, delete, reset, check or sync")),
                        key("simulate", value(ParamType.BOOL, "check only, write nothing").withDefault(false))))
                .returns(single(key("runid", value(ParamType.INT, "the run, for tool_sync_get_run")))).build();

        private final Runs runs;

        @Activate
        public ProcessStart(@Reference Runs runs) {
            this.runs = runs;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            boolean simulate = call.params().getBoolean("simulate") || runs.settings().flag("global", "simulate");
            return Map.of("runid", runs.start(call.params().getString("service"), call.params().getString("action"),
                    simulate, call.caller().userId()));
        }
    }

    @Component
    @WsFunctionName("tool_sync_get_run")
    public static final class GetRun implements WsFunction {
        private static final FunctionSpec SPEC = admin("A sync run: its status (queued, running, done, failed), "
                + "the lines done and failed so far, and its report once finished.", FunctionType.READ)
                .parameters(single(key("runid", value(ParamType.INT, "the run"))))
                .returns(single(key("id", value(ParamType.INT, "the run")),
                        key("service", value(ParamType.ALPHA, "the service")),
                        key("action", value(ParamType.ALPHA, "the action")),
                        key("simulate", value(ParamType.BOOL, "whether nothing is kept")),
                        key("status", value(ParamType.ALPHA, "queued, running, done or failed")),
                        key("filename", value(ParamType.RAW, "the file, in the sync file area")),
                        key("linesdone", value(ParamType.INT, "lines processed so far")),
                        key("linesfailed", value(ParamType.INT, "lines that failed (when finished)")),
                        key("report", value(ParamType.RAW, "the report, when finished")),
                        key("timecreated", value(ParamType.INT, "when it was asked for")),
                        key("timestarted", value(ParamType.INT, "when it started, 0 before")),
                        key("timefinished", value(ParamType.INT, "when it finished, 0 before"))))
                .build();

        private final Runs runs;

        @Activate
        public GetRun(@Reference Runs runs) {
            this.runs = runs;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            long id = call.params().getLong("runid");
            Runs.Run r = runs.get(id).orElseThrow(() -> WsException.invalidParameter("No sync run " + id));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", r.id());
            out.put("service", r.service());
            out.put("action", r.action());
            out.put("simulate", r.simulate());
            out.put("status", r.status());
            out.put("filename", r.filename());
            out.put("linesdone", r.linesdone());
            out.put("linesfailed", r.linesfailed());
            out.put("report", r.report() == null ? "" : r.report());
            out.put("timecreated", r.timecreated());
            out.put("timestarted", r.timestarted());
            out.put("timefinished", r.timefinished());
            return out;
        }
    }

    @Component
    @WsFunctionName("tool_sync_check_course")
    public static final class CheckCourse implements WsFunction {
        private static final FunctionSpec SPEC = admin("Whether a course exists.", FunctionType.READ)
                .parameters(single(key("courseidsource", value(ParamType.ALPHA, "id, idnumber or shortname")),
                        key("courseid", value(ParamType.TEXT, "the course's identifier"))))
                .returns(value(ParamType.BOOL, "Course existance status")).build();

        private final Identifiers identifiers;

        @Activate
        public CheckCourse(@Reference Identifiers identifiers) {
            this.identifiers = identifiers;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            String source = call.params().getString("courseidsource");
            if (!List.of("id", "idnumber", "shortname").contains(source)) {
                throw WsException.invalidParameter("Invalid courseidsource '" + source
                        + "'; allowed values: id, idnumber, shortname");
            }
            try {
                identifiers.course(source, call.params().getString("courseid"));
                return true;
            } catch (IdentifierException e) {
                if (IdentifierException.NOT_FOUND.equals(e.code())) {
                    return false;
                }
                throw WsException.invalidParameter(e.getMessage());
            }
        }
    }
}
