package io.atrium.ws.core;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.Caller;
import io.atrium.ws.api.WsException;

/**
 * Runs web-service calls through the pipeline: authenticate the token, resolve the function
 * in the caller's service, validate the parameters, check capabilities, execute (in a
 * transaction), clean the return value. Each step fails with the error Moodle raises at that
 * step. Protocol bundles parse requests into {@link WsRequest}s and encode {@link WsResult}s.
 */
@ProviderType
public interface WsDispatcher {

    /**
     * Runs one call. Never throws for a bad call: the error is in the result.
     */
    WsResult call(WsRequest request);

    /**
     * Runs one call for a caller the protocol has already authenticated by other means (a
     * signed-in session, say): the token in the request is ignored, and so is the protocol
     * capability, which belongs to token protocols. The caller's
     * {@link Caller#canCall} and the function's capabilities are checked as
     * for any call. Never throws for a bad call: the error is in the result.
     */
    WsResult call(WsRequest request, Caller caller);

    /**
     * Authenticates a token the way a call does, including the protocol capability
     * ({@code webservice/<protocol>:use}), for protocols that need the caller before they
     * know the call: SOAP builds the WSDL of exactly the functions a token may call, and
     * reports a bad token differently from a failed call. Pass the caller to
     * {@link #call(WsRequest, Caller)} afterwards.
     *
     * @param protocol {@code soap}, {@code xmlrpc}, ...
     * @throws WsException {@code invalidtoken} or {@code accessexception}, with debuginfo only
     *                     when {@link #debugging()} is on
     */
    Caller authenticate(String protocol, String token, String remoteAddress) throws WsException;

    /**
     * Whether errors carry debugging information (Moodle's DEVELOPER debugging): results then
     * keep their debuginfo, and protocols that show more when debugging (SOAP's fault text)
     * do so.
     */
    boolean debugging();
}
