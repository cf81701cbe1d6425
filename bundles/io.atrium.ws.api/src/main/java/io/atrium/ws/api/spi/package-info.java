/**
 * What the platform plugs into the web-service pipeline: how a token becomes a
 * {@link io.atrium.ws.api.Caller}, who has which capability, and how a call runs in a transaction. The authentication and
 * data bundles provide these; without an authenticator every call fails with
 * {@code invalidtoken}, never anonymously.
 */
@Export
@Version("1.1.0")
package io.atrium.ws.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
