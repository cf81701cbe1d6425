/**
 * External services and web-service tokens, for the bundles that declare services and those that
 * administer them (the admin shell, scripts), and the one password check with its throttle. A token
 * is 32 hexadecimal characters, shown when it is created; the database keeps only its hash.
 */
@Export
@Version("1.1.0")
package io.atrium.auth.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
