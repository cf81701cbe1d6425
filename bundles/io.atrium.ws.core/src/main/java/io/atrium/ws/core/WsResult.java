package io.atrium.ws.core;

import io.atrium.ws.api.Descriptor;
import io.atrium.ws.api.WsException;

/**
 * The outcome of a call: a cleaned value with the descriptor it was cleaned against, or an
 * error.
 *
 * @param function the function called (as requested)
 * @param value    the cleaned return value: {@code Map} (keys in descriptor order), {@code List},
 *                 {@code String}, {@code Long}, {@code Double}, {@code Boolean} or {@code null}
 * @param returns  the returns descriptor, {@code null} for a function returning nothing
 * @param error    the error, or {@code null} on success
 */
public record WsResult(String function, Object value, Descriptor returns, WsException error) {

    public static WsResult success(String function, Object value, Descriptor returns) {
        return new WsResult(function, value, returns, null);
    }

    public static WsResult failure(String function, WsException error) {
        return new WsResult(function, null, null, error);
    }

    public boolean ok() {
        return error == null;
    }
}
