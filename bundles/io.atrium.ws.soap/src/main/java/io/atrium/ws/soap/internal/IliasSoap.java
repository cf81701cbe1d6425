package io.atrium.ws.soap.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.auth.api.LoginException;
import io.atrium.auth.api.Logins;
import io.atrium.auth.api.Sessions;
import io.atrium.soap.hook.api.SoapCall;
import io.atrium.soap.hook.api.SoapMethod;
import io.atrium.soap.hook.api.SoapPluginException;
import io.atrium.soap.hook.api.SoapSession;
import io.atrium.soap.hook.api.WsdlType;
import io.atrium.ws.core.xml.XmlElement;

/**
 * The ILIAS dialect ({@code ?client_id=}): {@code login(client, username, password)} returns
 * {@code <session>::<client>}, {@code logout(sid)} ends it, and every method of every active
 * SOAP hook plugin is served. Sessions live in the database ({@link Sessions}), so every node
 * accepts them, and expire when idle; logins share the platform's throttle ({@link Logins}).
 */
final class IliasSoap {

    private static final Logger LOG = LoggerFactory.getLogger(IliasSoap.class);

    /** The namespace of the endpoint's own operations and of every type. */
    static final String NAMESPACE = "urn:ilUserAdministration";

    private final HookRegistry.Snapshot hooks;
    private final String client;
    private final Logins logins;
    private final Sessions sessions;
    private final Map<String, SoapType> types = new LinkedHashMap<>();

    /**
     * @param logins   {@code null} when the authentication bundle is not running
     * @param sessions {@code null} likewise
     */
    IliasSoap(HookRegistry.Snapshot hooks, String client, Logins logins, Sessions sessions) {
        this.hooks = hooks;
        this.client = client;
        this.logins = logins;
        this.sessions = sessions;
        for (String core : List.of("int", "string", "double")) {
            types.put(core + "Array", new SoapType.Array(new SoapType.Scalar(core)));
        }
        for (WsdlType t : hooks.types().values()) {
            types.put(t.name(), toSoapType(t));
        }
    }

    /** Whether a request's {@code client_id} is this server's client. */
    boolean knows(String clientId) {
        return client.equals(clientId);
    }

    static MoodleSoap.Answer unknownClient(String clientId) {
        return fault("SOAP-ENV:Client", "Invalid client: '" + clientId + "' is not a client of this server");
    }

    String wsdl(String baseUrl) {
        return new IliasWsdl(hooks, baseUrl + "/webservice/soap/server.php?client_id=" + client).document();
    }

    MoodleSoap.Answer call(Envelope envelope, String remoteAddress) {
        String name = envelope.operation();
        try {
            return switch (name) {
                case "login" -> login(envelope, remoteAddress);
                case "logout" -> logout(envelope, remoteAddress);
                default -> method(name, envelope, remoteAddress);
            };
        } catch (SoapPluginException e) {
            return fault(faultCode(e.code()), e.getMessage());
        } catch (Envelope.Invalid e) {
            return fault(e.code, e.getMessage());
        } catch (PartDecoder.BadValue e) {
            return fault("SOAP-ENV:Client", "Invalid parameter " + e.getMessage());
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("SOAP method {} failed unexpectedly (reference {})", name, reference, e);
            return fault("SOAP-ENV:Server", "Internal error: the method failed unexpectedly; the server log has the "
                    + "details (reference " + reference + ")");
        }
    }

    private MoodleSoap.Answer login(Envelope envelope, String remoteAddress)
            throws SoapPluginException, Envelope.Invalid, PartDecoder.BadValue {
        List<Object> p = params(envelope, IliasWsdl.LOGIN_IN);
        String givenClient = (String) p.get(0);
        String username = (String) p.get(1);
        String password = (String) p.get(2);
        if (givenClient == null || givenClient.isEmpty()) {
            throw new SoapPluginException("No client given", SoapPluginException.CLIENT);
        }
        if (!client.equals(givenClient)) {
            throw new SoapPluginException("Invalid client: '" + givenClient + "' is not a client of this server",
                    SoapPluginException.CLIENT);
        }
        if (username == null || username.isEmpty() || password == null) {
            throw new SoapPluginException("Request is missing at least one of the following parameters: client, "
                    + "username, password", SoapPluginException.CLIENT);
        }
        requireAuth();
        long userId;
        try {
            userId = logins.check(username, password, remoteAddress);
        } catch (LoginException e) {
            throw new SoapPluginException(e.getMessage(), SoapPluginException.CLIENT);
        }
        Sessions.Session s = sessions.open(userId, remoteAddress);
        return ok(NAMESPACE, "login", IliasWsdl.LOGIN_OUT, s.key() + "::" + client);
    }

    private MoodleSoap.Answer logout(Envelope envelope, String remoteAddress)
            throws SoapPluginException, Envelope.Invalid, PartDecoder.BadValue {
        String sid = (String) params(envelope, IliasWsdl.LOGOUT_IN).get(0);
        new Call(List.of(), remoteAddress).session(sid);
        sessions.close(sid.substring(0, sid.indexOf("::")));
        return ok(NAMESPACE, "logout", IliasWsdl.LOGOUT_OUT, Boolean.TRUE);
    }

    private MoodleSoap.Answer method(String name, Envelope envelope, String remoteAddress)
            throws SoapPluginException, Envelope.Invalid, PartDecoder.BadValue {
        HookRegistry.Served served = hooks.methods().get(name);
        if (served == null) {
            return MoodleSoap.notPresent(name);
        }
        SoapMethod m = served.method();
        List<Object> params = params(envelope, m.inputParams());
        Object value = m.execute(new Call(params, remoteAddress));
        return ok(m.serviceNamespace(), name, m.outputParams(), value);
    }

    /** The parameters in declared order, converted to their types; {@code null} for a missing part. */
    private List<Object> params(Envelope envelope, Map<String, String> declared)
            throws Envelope.Invalid, PartDecoder.BadValue {
        PartDecoder decoder = new PartDecoder(envelope);
        List<String> names = new ArrayList<>(declared.keySet());
        Map<String, List<XmlElement>> matched = decoder.match(names, envelope.parts());
        List<Object> values = new ArrayList<>(names.size());
        for (String n : names) {
            List<XmlElement> parts = matched.get(n);
            values.add(parts == null ? null : decoder.typed(parts.get(0), type(declared.get(n)), n));
        }
        return Collections.unmodifiableList(values);
    }

    private MoodleSoap.Answer ok(String namespace, String operation, Map<String, String> outputs, Object value) {
        List<SoapWriter.Part> parts = new ArrayList<>();
        if (outputs.size() == 1) {
            Map.Entry<String, String> only = outputs.entrySet().iterator().next();
            parts.add(new SoapWriter.Part(only.getKey(), type(only.getValue()), value));
        } else {
            Map<?, ?> map = value instanceof Map<?, ?> m ? m : Map.of();
            for (Map.Entry<String, String> o : outputs.entrySet()) {
                parts.add(new SoapWriter.Part(o.getKey(), type(o.getValue()), map.get(o.getKey())));
            }
        }
        return new MoodleSoap.Answer(200, Http.SOAP_TYPE, SoapWriter.response(namespace, operation, parts));
    }

    /** The type a parameter declares: {@code xsd:*} scalars, {@code tns:*} (or bare) named types, arrays. */
    SoapType type(String declared) {
        int colon = declared.indexOf(':');
        String prefix = colon < 0 ? "tns" : declared.substring(0, colon);
        String local = declared.substring(colon + 1);
        if (prefix.equals("xsd")) {
            return local.equals("anyType") ? SoapType.ANY : new SoapType.Scalar(local);
        }
        if (local.equals("Array") && prefix.equalsIgnoreCase("SOAP-ENC")) {
            return new SoapType.Array(SoapType.ANY);
        }
        return prefix.equals("tns") ? new SoapType.Ref(local, types) : SoapType.ANY;
    }

    private SoapType toSoapType(WsdlType t) {
        if (t.typeClass() == WsdlType.TypeClass.SIMPLE_TYPE) {
            return t.restrictionBase().startsWith("xsd:") ? type(t.restrictionBase()) : SoapType.Scalar.STRING;
        }
        if (t.compound() == WsdlType.Compound.ARRAY) {
            return new SoapType.Array(t.arrayType().isEmpty() ? SoapType.ANY : type(t.arrayType()));
        }
        Map<String, SoapType> members = new LinkedHashMap<>();
        for (WsdlType.Element e : t.elements()) {
            members.put(e.name(), type(e.type()));
        }
        return new SoapType.Struct(NAMESPACE, t.name(), members);
    }

    /** A plugin's fault code as a qualified name (ILIAS sends custom codes unqualified). */
    static String faultCode(String code) {
        return switch (code) {
            case "Client", "Server", "VersionMismatch", "MustUnderstand" -> "SOAP-ENV:" + code;
            default -> code.regionMatches(true, 0, "CLIENT", 0, 6) ? "SOAP-ENV:Client." + code
                    : "SOAP-ENV:Server." + code;
        };
    }

    private static MoodleSoap.Answer fault(String code, String message) {
        return new MoodleSoap.Answer(500, Http.SOAP_TYPE, SoapWriter.fault(code, message, null, null));
    }

    private void requireAuth() throws SoapPluginException {
        if (logins == null || sessions == null) {
            throw new SoapPluginException("Sessions are unavailable: the authentication bundle is not running",
                    SoapPluginException.SERVER);
        }
    }

    /** A call as a hook method sees it. */
    private final class Call implements SoapCall {
        private final List<Object> params;
        private final String remoteAddress;

        Call(List<Object> params, String remoteAddress) {
            this.params = params;
            this.remoteAddress = remoteAddress;
        }

        @Override
        public List<Object> params() {
            return params;
        }

        @Override
        public String remoteAddress() {
            return remoteAddress;
        }

        @Override
        public SoapSession session(String sid) throws SoapPluginException {
            if (sid == null || sid.isEmpty()) {
                throw new SoapPluginException("No session id given", SoapPluginException.CLIENT);
            }
            int sep = sid.indexOf("::");
            if (sep < 0 || sep + 2 == sid.length()) {
                throw new SoapPluginException("No client given", SoapPluginException.CLIENT);
            }
            if (!client.equals(sid.substring(sep + 2))) {
                throw new SoapPluginException("Session invalid", SoapPluginException.CLIENT);
            }
            requireAuth();
            Optional<Sessions.Session> s = sessions.find(sid.substring(0, sep));
            if (s.isEmpty()) {
                throw new SoapPluginException("Session invalid", SoapPluginException.CLIENT);
            }
            return new SoapSession(s.get().userId(), client);
        }
    }
}
