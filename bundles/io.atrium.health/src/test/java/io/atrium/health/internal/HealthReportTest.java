package io.atrium.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atrium.health.api.HealthContributor;
import io.atrium.health.internal.HealthReport.BundleFact;
import io.atrium.health.internal.HealthReport.ComponentFact;
import io.atrium.health.internal.HealthReport.DeploymentFact;
import io.atrium.health.internal.HealthReport.Framework;
import io.atrium.health.internal.HealthReport.MissingReference;
import io.atrium.health.internal.HealthReport.Status;

class HealthReportTest {

    private static final Framework STARTED = new Framework("org.apache.felix.framework", "7.0.5", 20, 20);
    private static final BundleFact ACTIVE = new BundleFact(1, "a", "1.0.0", "ACTIVE", null, null);

    private static HealthReport report(List<BundleFact> bundles, List<ComponentFact> components,
            List<DeploymentFact> deployments) {
        return HealthReport.of(STARTED, List.of("platform"), bundles, components, deployments, List.of());
    }

    @Test
    void allActiveIsUp() {
        HealthReport r = report(List.of(ACTIVE), List.of(), List.of());
        assertEquals(Status.UP, r.status());
        assertEquals(200, r.httpStatus());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void aPlatformBundleThatIsNotActiveIsDown() {
        BundleFact stopped = new BundleFact(2, "b", "2.0.0", "RESOLVED", "stopped", null);
        HealthReport r = report(List.of(ACTIVE, stopped), List.of(), List.of());
        assertEquals(Status.DOWN, r.status());
        assertEquals(503, r.httpStatus());
        assertEquals(List.of("bundle b 2.0.0 [2] is RESOLVED: stopped"), r.problems());
    }

    @Test
    void aFailedDeploymentDegradesButLeavesThePlatformHealthy() {
        BundleFact broken = new BundleFact(3, "c", "1.0.0", "INSTALLED", "missing requirement x", "c.jar");
        DeploymentFact d = new DeploymentFact("c.jar", "bundle", "FAILED", "Unable to resolve c", null, new long[] {3});
        HealthReport r = report(List.of(ACTIVE, broken), List.of(), List.of(d));
        assertEquals(Status.DEGRADED, r.status());
        assertEquals(200, r.httpStatus());
        assertEquals(List.of("deploy/c.jar is FAILED: Unable to resolve c"), r.problems());
    }

    @Test
    void unsatisfiedComponentsCountWhereTheirBundleBelongs() {
        BundleFact deployed = new BundleFact(4, "d", "1.0.0", "ACTIVE", null, "d.jar");
        ComponentFact platform = new ComponentFact("p.C", 1, "a", "UNSATISFIED_REFERENCE", null,
                List.of(new MissingReference("store", "x.Store", null)));
        ComponentFact plugin = new ComponentFact("d.C", 4, "d", "FAILED_ACTIVATION", "boom", List.of());
        assertEquals(Status.DEGRADED, report(List.of(ACTIVE, deployed), List.of(plugin), List.of()).status());
        HealthReport down = report(List.of(ACTIVE, deployed), List.of(platform, plugin), List.of());
        assertEquals(Status.DOWN, down.status());
        assertEquals("component p.C (a) is UNSATISFIED_REFERENCE: missing store (x.Store)", down.problems().get(0));
    }

    @Test
    void aComponentWaitingForItsConfigurationIsNoProblem() {
        ComponentFact waiting = new ComponentFact("w.C", 1, "a", "UNSATISFIED_CONFIGURATION", null, List.of());
        assertEquals(Status.UP, report(List.of(ACTIVE), List.of(waiting), List.of()).status());
    }

    @Test
    void aFrameworkStillStartingIsDown() {
        HealthReport r = HealthReport.of(new Framework("f", "7", 5, 20), List.of(), List.of(ACTIVE), List.of(),
                List.of(), List.of());
        assertEquals(Status.DOWN, r.status());
        assertEquals("the framework is starting (start level 5 of 20)", r.problems().get(0));
    }

    @Test
    void aContributedProblemDegradesForADeployedBundleAndTakesThePlatformDownOtherwise() {
        BundleFact deployed = new BundleFact(7, "x.deployed", "1", "ACTIVE", null, "x.jar");
        HealthReport r = HealthReport.of(STARTED, List.of(), List.of(ACTIVE, deployed), List.of(), List.of(),
                List.of(new HealthContributor.Problem(7, "migration V2 of x.deployed failed")));
        assertEquals(Status.DEGRADED, r.status());
        assertEquals(List.of("migration V2 of x.deployed failed"), r.problems());
        r = HealthReport.of(STARTED, List.of(), List.of(ACTIVE, deployed), List.of(), List.of(),
                List.of(new HealthContributor.Problem(ACTIVE.id(), "migration V2 failed")));
        assertEquals(Status.DOWN, r.status());
    }

    @Test
    void anActivationFailureIsToldByWhatTheComponentThrewWithoutTheStackTrace() {
        String trace = "java.lang.reflect.InvocationTargetException\n\tat a.B.c(B.java:1)\n"
                + "Caused by: java.sql.SQLException: cannot open the database jdbc:postgresql://x/y: Connection refused\n"
                + "\tat d.E.f(E.java:2)\n"
                + "Caused by: java.net.ConnectException: Connection refused\n";
        assertEquals("java.sql.SQLException: cannot open the database jdbc:postgresql://x/y: Connection refused",
                FrameworkInspector.condense(trace));
        assertEquals("java.lang.IllegalStateException: boom",
                FrameworkInspector.condense("java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)"));
    }
}
