package io.atrium.ws.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The authenticated caller of a function: the user a token belongs to, in the external
 * service the token is for. Provided by the authentication bundle.
 */
@ProviderType
public interface Caller {

    /** The user's id. */
    long userId();

    /** The user's name. */
    String username();

    /** The shortname of the external service the token is for. */
    String service();

    /** The client's address, as the server saw it. */
    String remoteAddress();

    /** Whether the caller's service gives access to the function. */
    boolean canCall(String function);

    /** Whether the caller has the capability (in the system context). */
    boolean hasCapability(String capability);
}
