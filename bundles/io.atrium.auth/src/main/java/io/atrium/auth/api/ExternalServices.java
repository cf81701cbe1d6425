package io.atrium.auth.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.WsException;

/**
 * The external services, for administration. Services that bundles declare
 * ({@link ServiceDeclaration}) may be enabled or disabled and be given extra functions here;
 * the rest of their definition belongs to the bundle.
 */
@ProviderType
public interface ExternalServices {

    /** A declaration that was not applied, and why. */
    record Rejected(String shortname, String bundle, String reason) {
    }

    /** Every service, by shortname. */
    List<ExternalService> list();

    /** The service with that shortname. */
    Optional<ExternalService> get(String shortname);

    /**
     * Creates a service (not declared by any bundle).
     *
     * @throws WsException {@code invalidparameter} when the shortname or name is taken or a
     *                     function does not exist
     */
    ExternalService create(ServiceDefinition definition) throws WsException;

    /**
     * Changes a service. For a declared service only {@code enabled}, {@code restrictedUsers} and
     * added functions may change.
     *
     * @throws WsException {@code invalidparameter} for an unknown service, a taken name, an
     *                     unknown function, or a change to what a bundle declares
     */
    ExternalService update(String shortname, ServiceDefinition definition) throws WsException;

    /**
     * Deletes a service an administrator created, with its tokens.
     *
     * @throws WsException {@code invalidparameter} for an unknown or declared service
     */
    void delete(String shortname) throws WsException;

    /**
     * Authorises a user for a restricted service, or withdraws the authorisation.
     *
     * @param validuntil    Unix seconds, 0 for no expiry
     * @param iprestriction addresses or CIDR ranges, comma-separated, or {@code null}
     * @throws WsException {@code invalidparameter} for an unknown service or user
     */
    void authorise(String shortname, long userid, boolean allowed, long validuntil, String iprestriction)
            throws WsException;

    /** Declarations not applied, with the reason. */
    List<Rejected> rejected();
}
