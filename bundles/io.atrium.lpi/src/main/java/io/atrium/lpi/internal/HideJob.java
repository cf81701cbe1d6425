package io.atrium.lpi.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original's {@code local_lpi\task\hide_expired_modules}: every {@code periodSeconds}, hides
 * the course modules of files unclassified or queued for {@code hideAfterSeconds}, and of files
 * whose licence has ended ({@link Lpi#hideExpired}).
 */
@Component(service = HideJob.class, immediate = true, configurationPid = "io.atrium.lpi.hide")
@Designate(ocd = HideJob.Config.class)
public final class HideJob {

    @ObjectClassDefinition(name = "Atrium LPI hide job")
    public @interface Config {
        @AttributeDefinition(description = "Seconds between two runs")
        long periodSeconds() default 600;

        @AttributeDefinition(description = "Seconds a file may stay unclassified or in the licence queue before its module is hidden")
        long hideAfterSeconds() default 86400;
    }

    private static final Logger LOG = LoggerFactory.getLogger(HideJob.class);

    private final ScheduledExecutorService executor;

    @Activate
    public HideJob(Config config, @Reference Lpi lpi) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "atrium-lpi-hide");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, config.periodSeconds());
        long after = Math.max(0, config.hideAfterSeconds());
        executor.scheduleWithFixedDelay(() -> {
            try {
                int n = lpi.hideExpired(after);
                if (n > 0) {
                    LOG.info("LPI: hid the modules of {} file(s)", n);
                }
            } catch (RuntimeException e) {
                LOG.error("The LPI hide job failed", e);
            }
        }, period, period, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        executor.shutdownNow();
    }
}
