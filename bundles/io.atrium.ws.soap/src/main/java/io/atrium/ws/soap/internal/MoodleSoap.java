package io.atrium.ws.soap.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.atrium.ws.api.Caller;
import io.atrium.ws.api.Descriptor;
import io.atrium.ws.api.Presence;
import io.atrium.ws.api.WsException;
import io.atrium.ws.core.WsDispatcher;
import io.atrium.ws.core.WsRequest;
import io.atrium.ws.core.WsResult;
import io.atrium.ws.core.WsRuntime;
import io.atrium.ws.core.xml.XmlElement;

/**
 * Moodle's SOAP dialect ({@code ?wstoken=}): the WSDL of the functions a token may call, and
 * calls through the shared pipeline. A bad token is Moodle's hand-written {@code MOODLE:error}
 * fault with HTTP 200; an operation the token's WSDL lacks is SoapServer's
 * {@code SOAP-ENV:Server} "Procedure 'x' not present"; a failed call is a {@code Receiver}
 * fault with {@code message | ERRORCODE: code} (the message is "Unknown error" unless
 * debugging is on, as in Moodle), HTTP 500.
 */
final class MoodleSoap {

    /** An answer: status, content type and body. */
    record Answer(int status, String contentType, String body) {
    }

    private static final int CACHE_SIZE = 256;

    private final WsDispatcher dispatcher;
    private final WsRuntime runtime;
    private final Map<String, MoodleWsdl> wsdls = new ConcurrentHashMap<>();

    MoodleSoap(WsDispatcher dispatcher, WsRuntime runtime) {
        this.dispatcher = dispatcher;
        this.runtime = runtime;
    }

    /** The token's endpoint URL, which is also the WSDL's namespace. */
    static String endpoint(String baseUrl, String token) {
        return baseUrl + "/webservice/soap/server.php?wstoken=" + token;
    }

    Answer wsdl(String baseUrl, String token, String remoteAddress) {
        Caller caller;
        try {
            caller = dispatcher.authenticate("soap", token, remoteAddress);
        } catch (WsException e) {
            return setupError(e);
        }
        return new Answer(200, Http.MOODLE_TYPE, wsdlFor(caller, endpoint(baseUrl, token)).document());
    }

    /** Reads the request's envelope; only once the token is known to be good, as Moodle does. */
    interface EnvelopeSource {
        Envelope read() throws Envelope.Invalid;
    }

    Answer call(String baseUrl, String token, EnvelopeSource source, String remoteAddress) {
        Caller caller;
        try {
            caller = dispatcher.authenticate("soap", token, remoteAddress);
        } catch (WsException e) {
            return setupError(e);
        }
        Envelope envelope;
        try {
            envelope = source.read();
        } catch (Envelope.Invalid e) {
            return new Answer(500, Http.SOAP_TYPE, SoapWriter.fault(e.code, e.getMessage(), null, null));
        }
        MoodleWsdl wsdl = wsdlFor(caller, endpoint(baseUrl, token));
        MoodleWsdl.Operation op = wsdl.operation(envelope.operation());
        if (op == null) {
            return notPresent(envelope.operation());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        try {
            PartDecoder decoder = new PartDecoder(envelope);
            Map<String, Descriptor> keys = op.spec().parameters().keys();
            Map<String, List<XmlElement>> matched = decoder.match(new ArrayList<>(keys.keySet()), envelope.parts());
            for (Map.Entry<String, Descriptor> p : keys.entrySet()) {
                List<XmlElement> parts = matched.get(p.getKey());
                Object value = parts == null ? null : decoder.decode(parts, p.getValue());
                // SoapServer passes a required part the request left out as null; an optional part
                // left out or nil (what SoapClient sends for an argument not given) takes its default.
                if (value != null || p.getValue().presence() == Presence.REQUIRED) {
                    params.put(p.getKey(), value);
                }
            }
        } catch (Envelope.Invalid e) {
            return new Answer(500, Http.SOAP_TYPE, SoapWriter.fault(e.code, e.getMessage(), null, null));
        }
        WsResult result = dispatcher.call(new WsRequest("soap", token, op.name(), params, remoteAddress), caller);
        if (!result.ok()) {
            return callError(result.error());
        }
        List<SoapWriter.Part> parts = op.output() == null ? List.of()
                : List.of(new SoapWriter.Part("return", op.output(), result.value()));
        return new Answer(200, Http.SOAP_TYPE, SoapWriter.response(wsdl.namespace(), op.name(), parts));
    }

    /** The WSDL model of the caller's functions; built once per set of functions and registry state. */
    private MoodleWsdl wsdlFor(Caller caller, String namespace) {
        List<WsRuntime.Function> functions = new ArrayList<>();
        StringBuilder key = new StringBuilder().append(runtime.changeCount()).append('\n').append(namespace);
        for (WsRuntime.Function f : runtime.functions()) {
            if (caller.canCall(f.name())) {
                functions.add(f);
                key.append('\n').append(f.name());
            }
        }
        String k = key.toString();
        MoodleWsdl wsdl = wsdls.get(k);
        if (wsdl == null) {
            if (wsdls.size() >= CACHE_SIZE) {
                wsdls.clear();
            }
            wsdl = new MoodleWsdl(namespace, functions);
            wsdls.put(k, wsdl);
        }
        return wsdl;
    }

    /** Moodle's {@code send_error}: a bad token or a protocol not allowed, before any call. */
    private Answer setupError(WsException e) {
        String info = e.getMessage();
        if (dispatcher.debugging() && e.debuginfo() != null) {
            info += " - " + e.debuginfo();
        }
        return new Answer(200, Http.MOODLE_TYPE, SoapWriter.fault("MOODLE:error", info, null, null));
    }

    /** Moodle's {@code webservice_soap_server::fault}. */
    private Answer callError(WsException e) {
        boolean debugging = dispatcher.debugging();
        String message = debugging ? e.getMessage() : "Unknown error";
        return new Answer(500, Http.SOAP_TYPE, SoapWriter.fault("Receiver", message + " | ERRORCODE: " + e.errorcode(),
                e.errorcode(), debugging ? e.debuginfo() : null));
    }

    static Answer notPresent(String operation) {
        return new Answer(500, Http.SOAP_TYPE,
                SoapWriter.fault("SOAP-ENV:Server", "Procedure '" + operation + "' not present", null, null));
    }
}
