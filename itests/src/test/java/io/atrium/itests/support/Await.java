package io.atrium.itests.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling for something that happens asynchronously (hot deploy, reconfiguration). */
public final class Await {

    private Await() {
    }

    /**
     * Polls until the value satisfies the condition.
     *
     * @return the first value that does
     * @throws AssertionError naming what was awaited and the last value seen
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + timeout.toMillis() + " ms waiting for " + what
                        + "; last seen: " + last);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
            last = probe.get();
        }
        return last;
    }
}
