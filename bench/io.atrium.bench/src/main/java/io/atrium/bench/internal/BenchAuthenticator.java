package io.atrium.bench.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.propertytypes.ServiceRanking;

import io.atrium.ws.api.Caller;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.spi.WsAuthenticator;

/**
 * The configured token as an administrator of every function, so that bench/rest can call
 * through the whole pipeline before an authentication bundle exists. Ranked below any real
 * authenticator.
 */
@Component(configurationPid = Bench.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@ServiceRanking(-1000)
public final class BenchAuthenticator implements WsAuthenticator {

    private final String token;

    @Activate
    public BenchAuthenticator(Bench config) {
        this.token = config.token();
    }

    @Override
    public Caller authenticate(String given, String remoteAddress) throws WsException {
        if (!token.equals(given)) {
            throw WsException.invalidToken();
        }
        return new Caller() {
            @Override
            public long userId() {
                return 2;
            }

            @Override
            public String username() {
                return "bench";
            }

            @Override
            public String service() {
                return "bench";
            }

            @Override
            public String remoteAddress() {
                return remoteAddress;
            }

            @Override
            public boolean canCall(String function) {
                return true;
            }

            @Override
            public boolean hasCapability(String capability) {
                return true;
            }
        };
    }
}
