/**
 * What protocol bundles use: the {@link io.atrium.ws.core.WsDispatcher} that runs a call through
 * the pipeline, and the {@link io.atrium.ws.core.WsRuntime} that lists the functions (for
 * documentation, WSDL, OpenAPI). Plugin developers need {@code io.atrium.ws.api} only.
 */
@Export
@Version("1.2.0")
package io.atrium.ws.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
