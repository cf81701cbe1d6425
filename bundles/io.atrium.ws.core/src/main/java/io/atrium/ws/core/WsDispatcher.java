package io.atrium.ws.core;

import org.osgi.annotation.versioning.ProviderType;

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
}
