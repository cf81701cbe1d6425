package io.atrium.auth.api;

import java.util.List;
import java.util.Objects;

/**
 * An external service as it is stored: what a token gives access to.
 *
 * @param id                 the service's id
 * @param component          the symbolic name of the bundle that declares it, or {@code null}
 *                           for a service an administrator created
 * @param definition         what it is
 * @param functions          the functions it gives access to now: those it defines, those whose
 *                           own spec names it, and those an administrator added, sorted; only
 *                           functions being served count
 */
public record ExternalService(long id, String component, ServiceDefinition definition, List<String> functions) {

    public ExternalService {
        Objects.requireNonNull(definition, "definition");
        functions = List.copyOf(functions);
    }

    /** The service's shortname. */
    public String shortname() {
        return definition.shortname();
    }

    /** Whether a bundle declares the service (its definition then belongs to the bundle). */
    public boolean declared() {
        return component != null;
    }
}
