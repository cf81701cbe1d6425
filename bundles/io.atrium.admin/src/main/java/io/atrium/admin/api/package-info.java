/**
 * The admin shell's page whiteboard: a bundle adds a page to {@code /admin/} by registering an
 * {@link io.atrium.admin.api.AdminPage} service, and removes it by going away.
 */
@Export
@Version("1.0.0")
package io.atrium.admin.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
