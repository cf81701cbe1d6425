package io.atrium.ws.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A web-service function. Register it as a Declarative Services component providing this
 * interface, named with {@link WsFunctionName}; it is served as soon as its bundle starts and
 * withdrawn when it stops, with calls in flight allowed to finish.
 * <p>
 * Before {@link #execute} runs, Atrium has authenticated the caller, checked that the
 * caller's service includes the function and that the caller has every
 * {@linkplain FunctionSpec#capabilities() capability} it requires, and validated the
 * parameters against {@link FunctionSpec#parameters()}. Afterwards it cleans the return value
 * against {@link FunctionSpec#returns()}. {@code execute} runs in a transaction (read-only for
 * {@link FunctionType#READ} functions) when a transaction provider is installed: throwing
 * rolls everything back.
 */
@ConsumerType
public interface WsFunction {

    /**
     * What the function is. Called when the function is registered and whenever the
     * documentation is shown; return the same, immutable spec each time.
     */
    FunctionSpec spec();

    /**
     * Runs the function.
     *
     * @param call the validated parameters and the caller
     * @return plain data matching {@link FunctionSpec#returns()}: {@code Map}s (or records) for
     *         single structures, {@code List}s (or arrays) for multiple structures, and
     *         {@code String}, {@code Number} or {@code Boolean} values; {@code null} for a
     *         function that returns nothing. Keys the descriptor does not name are dropped.
     * @throws WsException to fail with one of Moodle's error codes; any other exception is
     *                     reported to the client as an unexpected error and logged
     */
    Object execute(WsCall call) throws WsException;
}
