package io.atrium.store.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by the store for each bundle whose migrations it applied, while that bundle is
 * active. A component that uses its bundle's tables references it, so that it is only active
 * on a migrated schema:
 *
 * <pre>
 * &#64;Activate
 * public Courses(&#64;Reference(target = "(atrium.schema.bundle=io.atrium.lms)") Schema schema, ...)
 * </pre>
 *
 * When a migration fails, the service is not registered, those components stay unsatisfied and
 * {@code /health} names the migration and the error.
 */
@ProviderType
public interface Schema {

    /** The service property holding the bundle symbolic name of the migrated bundle. */
    String BUNDLE = "atrium.schema.bundle";

    /** The service property holding the version of the last applied migration. */
    String VERSION = "atrium.schema.version";

    /** The bundle symbolic name of the bundle whose schema this is. */
    String bundle();

    /** The version of the last migration applied, {@code "0"} when the bundle has none yet. */
    String version();
}
