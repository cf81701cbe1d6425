package io.atrium.ws.api;

import org.osgi.annotation.versioning.ProviderType;

/** One call of a function, as {@link WsFunction#execute} receives it. */
@ProviderType
public interface WsCall {

    /** The name of the function called. */
    String function();

    /** The parameters, validated and cleaned against the function's parameter descriptor. */
    Params params();

    /** Who calls. */
    Caller caller();

    /** The protocol the call came in by: {@code rest}, {@code soap}, {@code xmlrpc}. */
    String protocol();
}
