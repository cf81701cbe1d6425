/**
 * The platform's database, as bundles see it.
 * <p>
 * {@link io.atrium.store.api.Store} runs work in a transaction and hands it a
 * {@link io.atrium.store.api.Db}; code called inside a transaction joins it through
 * {@link io.atrium.store.api.Store#current()}. Every web-service call already runs in one
 * (read-only for {@code read} functions), so a function's code simply calls
 * {@code store.current()}. No bundle opens connections of its own.
 * <p>
 * A bundle that owns tables ships its schema as Flyway SQL migrations
 * ({@code V1__create_tables.sql}, {@code V2__...}) and names their folder with
 * {@link io.atrium.store.api.Migrations}. The store applies them when the bundle starts and then
 * registers a {@link io.atrium.store.api.Schema} service for it; components that use the tables
 * reference that service, so they never run against a schema that is missing or half-migrated.
 */
@Export
@Version("1.1.0")
package io.atrium.store.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
