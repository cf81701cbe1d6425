package io.atrium.ws.core.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.ws.api.Caller;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.spi.WsAuthenticator;
import io.atrium.ws.api.spi.WsAuthorizer;
import io.atrium.ws.api.spi.WsTransactions;
import io.atrium.ws.core.WsRequest;
import io.atrium.ws.core.WsResult;

/**
 * The call pipeline. The steps, and the error each raises, follow Moodle's
 * {@code webservice_base_server::run()}: authenticate (including the protocol capability,
 * {@code webservice/<protocol>:use}), resolve the function within the caller's service,
 * validate the parameters, check the function's capabilities, execute (in a transaction when a
 * provider is present), clean the return value.
 */
final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** One line per call, never with the token. */
    private static final Logger CALLS = LoggerFactory.getLogger("io.atrium.ws.calls");

    /** What Moodle says when a token's service does not include the function. */
    private static final String NOT_ALLOWED = """
            Access to the function %s() is not allowed.
                                 There could be multiple reasons for this:
                                 1. The service linked to the user token does not contain the function.
                                 2. The service is user-restricted and the user is not listed.
                                 3. The service is IP-restricted and the user IP is not listed.
                                 4. The service is time-restricted and the time has expired.
                                 5. The token is time-restricted and the time has expired.
                                 6. The service requires a specific capability which the user does not have.
                                 7. The function is called with username/password (no user token is sent)
                                 and none of the services has the function to allow the user.
                                 These settings can be found in Administration > Site administration
                                 > Server > Web services > External services and Manage tokens.""";

    private final FunctionRegistry registry;
    private final Structures structures;
    private final Supplier<WsAuthenticator> authenticator;
    private final Supplier<WsTransactions> transactions;
    private final Supplier<WsAuthorizer> authorizer;
    private volatile boolean debuginfo;
    private final CallMetrics metrics = new CallMetrics();

    Pipeline(FunctionRegistry registry, Structures structures, Supplier<WsAuthenticator> authenticator,
            Supplier<WsTransactions> transactions, Supplier<WsAuthorizer> authorizer, boolean debuginfo) {
        this.registry = registry;
        this.authorizer = authorizer;
        this.structures = structures;
        this.authenticator = authenticator;
        this.transactions = transactions;
        this.debuginfo = debuginfo;
    }

    void debuginfo(boolean on) {
        this.debuginfo = on;
    }

    WsResult call(WsRequest request) {
        return call(request, null);
    }

    /** A call; {@code known} is a caller authenticated by the protocol, or null to check the token. */
    WsResult call(WsRequest request, Caller known) {
        long start = System.nanoTime();
        String name = request.function();
        // Looked up once: the metrics label needs it even when authentication fails first.
        FunctionRegistry.Entry found = name == null || name.isEmpty() ? null : registry.get(name);
        Caller[] authenticated = new Caller[1];
        WsResult result;
        try {
            // One transaction for the whole call, read-only for read functions: the token check,
            // the capability checks and the function share one connection, and a failure at any
            // step leaves nothing written.
            WsTransactions tx = transactions.get();
            boolean readOnly = found == null || found.spec.type() == FunctionType.READ;
            WsTransactions.Work<WsResult> work = () -> {
                authenticated[0] = known != null ? known
                        : authenticate(request.protocol(), request.token(), request.remoteAddress());
                FunctionRegistry.Entry entry = resolve(name, found, authenticated[0]);
                if (!entry.enter()) {
                    throw unknownFunction(request.function());
                }
                try {
                    return run(entry, request, authenticated[0]);
                } finally {
                    entry.exit();
                }
            };
            result = tx == null ? work.run() : tx.inTransaction(readOnly, work);
        } catch (WsException e) {
            result = WsResult.failure(request.function(), debuginfo ? e : withoutDebuginfo(e));
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("Function {} failed unexpectedly (reference {})", request.function(), reference, e);
            result = WsResult.failure(request.function(), WsException.of("generalexceptionmessage",
                    "Error: the function failed unexpectedly; the server log has the details (reference " + reference
                            + ")", debuginfo ? e.toString() : null));
        }
        long elapsed = System.nanoTime() - start;
        String function = found != null ? name : CallMetrics.UNKNOWN;
        metrics.record(function, request.protocol(), result.ok() ? "ok" : result.error().errorcode(), elapsed);
        Caller caller = authenticated[0];
        if (CALLS.isInfoEnabled()) {
            CALLS.info("function={} protocol={} user={} service={} from={} outcome={} ms={}", request.function(),
                    request.protocol(), caller == null ? "-" : caller.userId(), caller == null ? "-" : caller.service(),
                    request.remoteAddress(), result.ok() ? "ok" : result.error().errorcode(),
                    TimeUnit.NANOSECONDS.toMillis(elapsed));
        }
        return result;
    }

    /** Authenticates a token on its own, in a read-only transaction of its own. */
    Caller authenticateAlone(String protocol, String token, String remoteAddress) throws WsException {
        WsTransactions tx = transactions.get();
        WsTransactions.Work<Caller> work = () -> authenticate(protocol, token, remoteAddress);
        try {
            return tx == null ? work.run() : tx.inTransaction(true, work);
        } catch (WsException e) {
            throw debuginfo ? e : withoutDebuginfo(e);
        }
    }

    private Caller authenticate(String protocol, String token, String remoteAddress) throws WsException {
        WsAuthenticator auth = authenticator.get();
        if (auth == null || token == null || token.isBlank()) {
            throw WsException.invalidToken();
        }
        Caller caller = auth.authenticate(token, remoteAddress);
        if (caller == null) {
            throw WsException.invalidToken();
        }
        String protocolCapability = "webservice/" + protocol + ":use";
        if (!has(caller, protocolCapability)) {
            throw WsException.accessException("You are not allowed to use the " + protocol
                    + " protocol (missing capability: " + protocolCapability + ")");
        }
        return caller;
    }

    boolean debuginfo() {
        return debuginfo;
    }

    private boolean has(Caller caller, String capability) {
        WsAuthorizer a = authorizer.get();
        return a == null ? caller.hasCapability(capability) : a.hasCapability(caller, capability);
    }

    private FunctionRegistry.Entry resolve(String name, FunctionRegistry.Entry entry, Caller caller)
            throws WsException {
        if (name == null || name.isEmpty()) {
            throw WsException.invalidParameter("Missing function name");
        }
        if (entry == null) {
            throw unknownFunction(name);
        }
        if (!caller.canCall(name)) {
            throw WsException.accessException(NOT_ALLOWED.formatted(name));
        }
        return entry;
    }

    private WsResult run(FunctionRegistry.Entry entry, WsRequest request, Caller caller) throws WsException {
        FunctionSpec spec = entry.spec;
        @SuppressWarnings("unchecked")
        Map<String, Object> validated = (Map<String, Object>) structures.validate(spec.parameters(),
                request.parameters());
        for (String capability : spec.capabilities()) {
            if (!has(caller, capability)) {
                throw WsException.noPermissions(spec.capabilityName(capability));
            }
        }
        WsCall call = new Call(entry.name, new Params(validated), caller, request.protocol());
        Object value = entry.function.execute(call);
        Object cleaned = spec.returns() == null ? null : structures.clean(spec.returns(), value);
        return WsResult.success(entry.name, cleaned, spec.returns());
    }

    /** Moodle looks a function up in {@code external_functions}; a miss is {@code invalidrecord}. */
    private static WsException unknownFunction(String name) {
        String quoted = name.replace("\\", "\\\\").replace("'", "\\'");
        return WsException.invalidRecord("external_functions",
                "SELECT * FROM {external_functions} WHERE name = ?\n[array (\n  0 => '" + quoted + "',\n)]");
    }

    private static WsException withoutDebuginfo(WsException e) {
        return e.debuginfo() == null ? e : new WsException(e.exceptionClass(), e.errorcode(), e.getMessage(), null);
    }

    /** Appends the call metrics in the Prometheus text format. */
    void writeMetrics(StringBuilder out) {
        metrics.write(out, registry.functions().size(), registry.rejected().size());
    }

    /** A call as a function sees it. */
    private record Call(String function, Params params, Caller caller, String protocol) implements WsCall {
    }
}
