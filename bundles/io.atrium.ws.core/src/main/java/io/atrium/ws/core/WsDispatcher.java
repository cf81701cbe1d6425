package io.atrium.ws.core;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.Caller;

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
}
