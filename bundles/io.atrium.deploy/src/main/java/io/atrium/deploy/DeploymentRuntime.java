package io.atrium.deploy;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The runtime state of hot deployment, in the manner of the OSGi runtime services
 * ({@code ServiceComponentRuntime}, {@code HttpServiceRuntime}): a snapshot of DTOs.
 */
@ProviderType
public interface DeploymentRuntime {

    /**
     * Returns the state of every artifact in the deploy directory that Atrium handles
     * ({@code *.jar} and {@code *.json}), sorted by file name. The states of the bundles are
     * read at the time of the call.
     *
     * @return a snapshot; never {@code null}
     */
    DeploymentDTO[] getDeployments();
}
