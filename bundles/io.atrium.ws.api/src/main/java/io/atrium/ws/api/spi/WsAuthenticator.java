package io.atrium.ws.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

import io.atrium.ws.api.Caller;
import io.atrium.ws.api.WsException;

/**
 * Turns a token into a caller. The pipeline uses the highest-ranked service; with none, every
 * call fails with {@code invalidtoken}.
 */
@ConsumerType
public interface WsAuthenticator {

    /**
     * Authenticates a token.
     *
     * @param token         the token as the client sent it (never logged)
     * @param remoteAddress the client's address
     * @return the caller
     * @throws WsException {@code invalidtoken} for an unknown token; {@code accessexception}
     *                     for a token that may not be used (expired, wrong address, disabled service)
     */
    Caller authenticate(String token, String remoteAddress) throws WsException;
}
