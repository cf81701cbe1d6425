/**
 * PHP's value conversions and its json_encode, for bundles that must produce Moodle's bytes.
 */
@Export
@Version("1.1.0")
package io.atrium.ws.core.php;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
