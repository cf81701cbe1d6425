package io.atrium.ws.core;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.FunctionSpec;

/**
 * The functions the registry serves, and those it refused, in the manner of the OSGi runtime
 * services. A snapshot on each call: a hot-deployed function appears at once.
 */
@ProviderType
public interface WsRuntime {

    /** A function being served. */
    record Function(String name, FunctionSpec spec, String bundle, String bundleVersion, long serviceId) {
    }

    /** A function service that is not served, and why. */
    record Rejected(String name, String bundle, String bundleVersion, long serviceId, String reason) {
    }

    /** The functions being served, by name. */
    List<Function> functions();

    /** The function of that name, or {@code null}. */
    Function function(String name);

    /** The function services not served, with the reason. */
    List<Rejected> rejected();

    /** A number that changes whenever the functions change. */
    long changeCount();
}
