/**
 * The records of local_lpi, for bundles that audit them: the intellectual-property metadata
 * teachers give course files, the state each is in, and the file itself.
 */
@Export
@Version("1.0.0")
package io.atrium.lpi.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
