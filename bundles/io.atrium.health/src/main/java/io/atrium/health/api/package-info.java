/**
 * What a bundle tells {@code /health} about itself beyond its state and its components: a
 * problem only it can see, such as a schema migration that failed.
 */
@Export
@Version("1.0.0")
package io.atrium.health.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
