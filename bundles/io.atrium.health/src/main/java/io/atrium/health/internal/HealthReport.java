package io.atrium.health.internal;

import java.util.ArrayList;
import java.util.List;

import io.atrium.health.api.HealthContributor;

/**
 * The health of the server, as served by {@code /health}. Built from plain facts so that the
 * rules are testable without a framework.
 * <ul>
 * <li>{@code DOWN} (HTTP 503): a bundle the server was launched with (or installed by hand) is
 * not active, or one of its components is missing a reference or failed to activate.</li>
 * <li>{@code DEGRADED} (HTTP 200): the platform is whole, but something dropped into
 * {@code deploy/} failed, or one of its components is unsatisfied.</li>
 * <li>{@code UP} (HTTP 200): everything is active.</li>
 * </ul>
 * A component waiting for a configuration it requires is listed but is not a problem: that is
 * how optional, configuration-driven components sit until an administrator configures them.
 *
 * @param status      UP, DEGRADED or DOWN
 * @param problems    one sentence per problem, most serious first
 * @param framework   the framework's identity and start level
 * @param features    the features the server was launched with
 * @param bundles     every bundle
 * @param components  every component that is not active or satisfied
 * @param deployments every artifact in the deploy directory
 */
record HealthReport(Status status, List<String> problems, Framework framework, List<String> features,
        List<BundleFact> bundles, List<ComponentFact> components, List<DeploymentFact> deployments) {

    enum Status {
        UP, DEGRADED, DOWN
    }

    /** The framework as a whole. */
    record Framework(String name, String version, int startLevel, int targetStartLevel) {
    }

    /**
     * One bundle.
     *
     * @param deployment the deploy/ file that owns the bundle, {@code null} for platform bundles
     * @param reason     why the bundle is not active; {@code null} when it is (or is a resolved fragment)
     */
    record BundleFact(long id, String symbolicName, String version, String state, String reason,
            String deployment) {
    }

    /** A reference a component is waiting for. */
    record MissingReference(String name, String interfaceName, String target) {
    }

    /**
     * A component that is not active or satisfied.
     *
     * @param state             as the DS runtime names it (UNSATISFIED_REFERENCE, FAILED_ACTIVATION, ...)
     * @param failure           the activation failure, for FAILED_ACTIVATION
     * @param missingReferences the references that have no matching service
     */
    record ComponentFact(String name, long bundleId, String bundle, String state, String failure,
            List<MissingReference> missingReferences) {

        boolean isProblem() {
            return !"UNSATISFIED_CONFIGURATION".equals(state);
        }
    }

    /** An artifact in the deploy directory. */
    record DeploymentFact(String name, String kind, String state, String reason, String featureId,
            long[] bundleIds) {
    }

    static HealthReport of(Framework framework, List<String> features, List<BundleFact> bundles,
            List<ComponentFact> components, List<DeploymentFact> deployments,
            List<HealthContributor.Problem> reported) {
        List<String> down = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        if (framework.startLevel() < framework.targetStartLevel()) {
            down.add("the framework is starting (start level " + framework.startLevel() + " of "
                    + framework.targetStartLevel() + ")");
        }
        for (BundleFact b : bundles) {
            // A deployed bundle's trouble is told once, by its deployment below.
            if (b.reason() != null && b.deployment() == null) {
                down.add("bundle " + b.symbolicName() + " " + b.version() + " [" + b.id() + "] is " + b.state()
                        + ": " + b.reason());
            }
        }
        for (ComponentFact c : components) {
            if (!c.isProblem()) {
                continue;
            }
            StringBuilder problem = new StringBuilder("component ").append(c.name()).append(" (")
                    .append(c.bundle()).append(") is ").append(c.state());
            if (c.failure() != null) {
                problem.append(": ").append(c.failure());
            }
            for (MissingReference r : c.missingReferences()) {
                problem.append(": missing ").append(r.name()).append(" (").append(r.interfaceName())
                        .append(r.target() == null ? "" : " " + r.target()).append(')');
            }
            boolean deployed = bundles.stream()
                    .anyMatch(b -> b.id() == c.bundleId() && b.deployment() != null);
            (deployed ? degraded : down).add(problem.toString());
        }
        for (HealthContributor.Problem p : reported) {
            boolean deployed = bundles.stream()
                    .anyMatch(b -> b.id() == p.bundleId() && b.deployment() != null);
            (deployed ? degraded : down).add(p.message());
        }
        for (DeploymentFact d : deployments) {
            if (d.reason() != null) {
                degraded.add("deploy/" + d.name() + " is " + d.state() + ": " + d.reason());
            }
        }
        Status status = !down.isEmpty() ? Status.DOWN : !degraded.isEmpty() ? Status.DEGRADED : Status.UP;
        List<String> problems = new ArrayList<>(down);
        problems.addAll(degraded);
        return new HealthReport(status, List.copyOf(problems), framework, List.copyOf(features), List.copyOf(bundles),
                List.copyOf(components), List.copyOf(deployments));
    }

    /** The HTTP status for this report: 503 when the platform is down. */
    int httpStatus() {
        return status == Status.DOWN ? 503 : 200;
    }
}
