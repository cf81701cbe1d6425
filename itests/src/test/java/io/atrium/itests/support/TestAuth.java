package io.atrium.itests.support;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import io.atrium.ws.api.Caller;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.spi.WsAuthenticator;
import io.atrium.ws.api.spi.WsAuthorizer;

/**
 * An authenticator for tests, until the authentication bundle exists: fixed tokens, each with
 * a user, a service, capabilities and the functions its service includes.
 */
public final class TestAuth implements WsAuthenticator {

    /** What a token stands for. */
    public record Token(long userId, String username, String service, Set<String> capabilities,
            Predicate<String> functions) {
    }

    /** Every capability and every function. */
    public static final String ADMIN = "f0b4f101bb2f81337421684b972f5c0f";

    private final Map<String, Token> tokens = new HashMap<>();

    public TestAuth() {
        tokens.put(ADMIN, new Token(2, "admin", "oracle_ws", null, f -> true));
    }

    public TestAuth with(String token, Token t) {
        tokens.put(token, t);
        return this;
    }

    /**
     * Makes the tokens' own capability sets decide, over the platform's has_capability: for tests
     * of the pipeline and the protocols, not of the domain's permissions.
     */
    public static ServiceRegistration<WsAuthorizer> tokensDecide(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 1000);
        return context.registerService(WsAuthorizer.class, (caller, capability) -> caller.hasCapability(capability),
                props);
    }

    /** Registers it above the platform's own authenticator, so that its tokens are the ones that count. */
    public ServiceRegistration<WsAuthenticator> register(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 100);
        return context.registerService(WsAuthenticator.class, this, props);
    }

    @Override
    public Caller authenticate(String token, String remoteAddress) throws WsException {
        Token t = tokens.get(token);
        if (t == null) {
            throw WsException.invalidToken();
        }
        return new Caller() {
            @Override
            public long userId() {
                return t.userId();
            }

            @Override
            public String username() {
                return t.username();
            }

            @Override
            public String service() {
                return t.service();
            }

            @Override
            public String remoteAddress() {
                return remoteAddress;
            }

            @Override
            public boolean canCall(String function) {
                return t.functions().test(function);
            }

            @Override
            public boolean hasCapability(String capability) {
                return t.capabilities() == null || t.capabilities().contains(capability);
            }
        };
    }
}
