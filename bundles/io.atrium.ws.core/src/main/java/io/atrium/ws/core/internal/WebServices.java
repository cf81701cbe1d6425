package io.atrium.ws.core.internal;


import java.util.List;
import java.util.Objects;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.atrium.ws.api.Caller;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;
import io.atrium.ws.api.spi.WsAuthenticator;
import io.atrium.ws.api.spi.WsAuthorizer;
import io.atrium.ws.api.spi.WsTransactions;
import io.atrium.ws.core.WsDispatcher;
import io.atrium.ws.core.WsRequest;
import io.atrium.ws.core.WsResult;
import io.atrium.ws.core.WsRuntime;

/**
 * The web-service core as a component: a whiteboard of {@link WsFunction} services feeding the
 * {@link FunctionRegistry}, and the {@link Pipeline} every protocol calls through, with the
 * authenticator and transaction provider that happen to be installed.
 */
@Component(service = {WsDispatcher.class, WsRuntime.class, MetricsSource.class}, configurationPid = WebServices.PID)
@Designate(ocd = WebServices.Config.class)
public final class WebServices implements WsDispatcher, WsRuntime, MetricsSource {

    static final String PID = "io.atrium.ws.core";

    @ObjectClassDefinition(name = "Atrium web services", description = "The web-service call pipeline.")
    public @interface Config {
        @AttributeDefinition(description = "Include debugging information (debuginfo) in error responses, as "
                + "Moodle does with DEVELOPER debugging. Off, error bodies are those of a production Moodle.")
        boolean debuginfo() default true;
    }

    private final FunctionRegistry registry;
    private final Pipeline pipeline;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile WsAuthenticator authenticator;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile WsTransactions transactions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile WsAuthorizer authorizer;

    @Activate
    public WebServices(Config config) {
        Structures structures = new Structures(new ParamTypes());
        this.registry = new FunctionRegistry(structures);
        this.pipeline = new Pipeline(registry, structures, () -> authenticator, () -> transactions,
                () -> authorizer, config.debuginfo());
    }

    /** Takes a new configuration in place: the protocols bound to this component stay up. */
    @Modified
    void modified(Config config) {
        pipeline.debuginfo(config.debuginfo());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindFunction(WsFunction function, ServiceReference<WsFunction> ref) {
        Bundle b = ref.getBundle();
        registry.add((Long) ref.getProperty(Constants.SERVICE_ID), ranking(ref), ref.getProperty(WsFunctionName.PROPERTY),
                function, b == null ? "?" : b.getSymbolicName(), b == null ? "?" : b.getVersion().toString());
    }

    void updatedFunction(WsFunction function, ServiceReference<WsFunction> ref) {
        bindFunction(function, ref);
    }

    void unbindFunction(ServiceReference<WsFunction> ref) {
        registry.remove((Long) ref.getProperty(Constants.SERVICE_ID));
    }

    // --- WsRuntime

    @Override
    public List<Function> functions() {
        return registry.functions();
    }

    @Override
    public Function function(String name) {
        FunctionRegistry.Entry e = registry.get(name);
        return e == null ? null : e.describe();
    }

    @Override
    public List<Rejected> rejected() {
        return registry.rejected();
    }

    @Override
    public long changeCount() {
        return registry.changeCount();
    }

    @Override
    public void writeMetrics(StringBuilder out) {
        pipeline.writeMetrics(out);
    }

    // --- WsDispatcher

    @Override
    public WsResult call(WsRequest request) {
        return pipeline.call(request);
    }

    @Override
    public WsResult call(WsRequest request, Caller caller) {
        return pipeline.call(request, Objects.requireNonNull(caller, "caller"));
    }

    @Override
    public Caller authenticate(String protocol, String token, String remoteAddress) throws WsException {
        return pipeline.authenticateAlone(Objects.requireNonNull(protocol, "protocol"), token, remoteAddress);
    }

    @Override
    public boolean debugging() {
        return pipeline.debuginfo();
    }

    private static int ranking(ServiceReference<?> ref) {
        return ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

}
