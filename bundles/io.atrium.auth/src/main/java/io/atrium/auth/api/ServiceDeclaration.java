package io.atrium.auth.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bundle's external service. Register an implementation as an OSGi service (a DS component):
 * while it is registered, the service exists with this definition, as Moodle installs the
 * services of a plugin's {@code db/services.php}. The first registration creates it (enabled as
 * defined); later ones update its name, required capability, user restriction, file flags and
 * functions, and keep what an administrator decided: whether it is enabled, its authorised
 * users and the functions added by hand. When the bundle stops the service stays, so its tokens
 * survive a redeploy; its functions are gone while their bundle is.
 * <p>
 * A declaration whose shortname or name another bundle or an administrator already uses is
 * rejected and reported on {@code /health}.
 */
@ConsumerType
public interface ServiceDeclaration {

    /** The service; return the same value each time. */
    ServiceDefinition definition();
}
