package io.atrium.health.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of problems for {@code /health}. Register it as a service; {@code /health} asks every
 * contributor on every request, so {@link #problems()} must be cheap and must not block.
 * A problem of a bundle deployed through {@code deploy/} degrades the platform; a problem of a
 * platform bundle takes it down.
 */
@ConsumerType
public interface HealthContributor {

    /**
     * A problem.
     *
     * @param bundleId the bundle the problem is about
     * @param message  one sentence saying what is wrong and, where known, what to do
     */
    record Problem(long bundleId, String message) {
    }

    /** The current problems; empty when all is well. */
    List<Problem> problems();
}
