/**
 * What the {@code deploy/} directory holds and how each artifact fared.
 * <p>
 * Bundle jars and feature files dropped into {@code deploy/} are installed and started while
 * the server runs; replaced, they are updated; deleted, they are removed. A file that cannot
 * be deployed (not a bundle, unresolvable, a feature naming a bundle that cannot be found)
 * stays listed with the reason, and disturbs nothing else. {@link io.atrium.deploy.DeploymentRuntime}
 * publishes that state; {@code /health} reports it.
 */
@Export
@Version("1.0.0")
package io.atrium.deploy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
