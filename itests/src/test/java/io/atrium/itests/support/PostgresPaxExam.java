package io.atrium.itests.support;

import java.lang.reflect.Method;

import org.junit.Test;
import org.junit.runner.Description;
import org.junit.runner.Runner;
import org.junit.runner.notification.RunNotifier;
import org.junit.runners.model.InitializationError;
import org.ops4j.pax.exam.junit.PaxExam;

/**
 * Pax Exam for the PostgreSQL twins of the data tests. Where no PostgreSQL server answers and
 * none is required ({@code CI} is not {@code true}), the class's tests are reported as skipped
 * without booting a framework. (Pax Exam reports an assumption that fails inside the container
 * as a pass, which would make tests that never ran look green.)
 */
public final class PostgresPaxExam extends Runner {

    private final Class<?> klass;
    private Runner exam;

    public PostgresPaxExam(Class<?> klass) throws InitializationError {
        this.klass = klass;
        if (Databases.required() || Databases.reachable()) {
            exam = new PaxExam(klass);
        }
    }

    @Override
    public Description getDescription() {
        if (exam != null) {
            return exam.getDescription();
        }
        Description suite = Description.createSuiteDescription(klass);
        for (Method m : klass.getMethods()) {
            if (m.isAnnotationPresent(Test.class)) {
                suite.addChild(Description.createTestDescription(klass, m.getName()));
            }
        }
        return suite;
    }

    @Override
    public void run(RunNotifier notifier) {
        if (exam != null) {
            exam.run(notifier);
            return;
        }
        System.err.println(klass.getSimpleName() + ": skipped, no PostgreSQL at " + Databases.url()
                + " (set ATRIUM_TEST_PG_URL, or run with CI=true to require it)");
        for (Description test : getDescription().getChildren()) {
            notifier.fireTestIgnored(test);
        }
    }
}
