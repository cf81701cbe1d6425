/**
 * What the protocol bundles share about HTTP: the headers Moodle's web-service servers send,
 * and the address a client reached the server at.
 */
@Export
@Version("1.0.0")
package io.atrium.ws.core.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
