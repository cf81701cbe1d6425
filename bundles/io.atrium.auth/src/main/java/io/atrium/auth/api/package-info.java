/**
 * Web-service tokens, for the bundles that administer them (the admin shell, scripts). A token
 * is 32 hexadecimal characters, shown when it is created; the database keeps only its hash.
 */
@Export
@Version("1.0.0")
package io.atrium.auth.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
