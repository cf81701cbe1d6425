package io.atrium.soap.hook.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The usual base of a {@link SoapMethod} (ILIAS's {@code ilAbstractSoapMethod}): rpc/encoded,
 * the first input parameter is the session id. {@link #execute(SoapCall)} refuses a call that
 * lacks any parameter, checks the session, runs {@link #execute(SoapSession, List)}, and turns
 * an unexpected exception into a {@code Server} fault (the details go to the server log only).
 */
@ConsumerType
public abstract class AbstractSoapMethod implements SoapMethod {

    private final String name;
    private final Map<String, String> input;
    private final Map<String, String> output;
    private final String namespace;
    private final String documentation;

    /**
     * @param input  the input parts after the session id, in order (name to XSD type); the
     *               session id part {@code sid} ({@code xsd:string}) is put first
     * @param output the output parts, in order
     */
    protected AbstractSoapMethod(String name, Map<String, String> input, Map<String, String> output,
            String namespace, String documentation) {
        this.name = Objects.requireNonNull(name, "name");
        Map<String, String> in = new LinkedHashMap<>();
        in.put("sid", "xsd:string");
        in.putAll(input);
        this.input = Collections.unmodifiableMap(in);
        this.output = Collections.unmodifiableMap(new LinkedHashMap<>(output));
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.documentation = documentation == null ? "" : documentation;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Map<String, String> inputParams() {
        return input;
    }

    @Override
    public final Map<String, String> outputParams() {
        return output;
    }

    @Override
    public final String serviceNamespace() {
        return namespace;
    }

    @Override
    public final String documentation() {
        return documentation;
    }

    @Override
    public final Object execute(SoapCall call) throws SoapPluginException {
        List<Object> params = call.params();
        for (int i = 0; i < input.size(); i++) {
            if (i >= params.size() || params.get(i) == null) {
                throw new SoapPluginException("Request is missing at least one of the following parameters: "
                        + String.join(", ", input.keySet()), SoapPluginException.CLIENT);
            }
        }
        SoapSession session = call.session((String) params.get(0));
        return execute(session, params);
    }

    /**
     * Does the work, for a caller whose session is valid.
     *
     * @param params all parameters, the session id first, none {@code null}
     */
    protected abstract Object execute(SoapSession session, List<Object> params) throws SoapPluginException;
}
