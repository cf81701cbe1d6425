package io.atrium.ws.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call as a protocol parsed it.
 *
 * @param protocol      {@code rest}, {@code soap}, {@code xmlrpc}
 * @param token         the token, or {@code null} when none was sent
 * @param function      the function's name, or {@code null}/empty when none was named
 * @param parameters    the parameters as sent: values are {@code String}s (form and query
 *                      parameters), JSON scalars ({@code Number}, {@code Boolean}), {@code null},
 *                      {@code Map}s (nested keys) and {@code List}s; validation turns them
 *                      into typed values
 * @param remoteAddress the client's address
 */
public record WsRequest(String protocol, String token, String function, Map<String, Object> parameters,
        String remoteAddress) {

    public WsRequest {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
