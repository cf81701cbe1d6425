package io.atrium.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the framework's own messages (resolver, start-level, bundle errors) to the log. */
final class FelixLogger extends org.apache.felix.framework.Logger {

    private final Logger log = LoggerFactory.getLogger("org.apache.felix.framework");

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        String text = bundle == null ? msg : bundle.getSymbolicName() + " [" + bundle.getBundleId() + "]: " + msg;
        switch (level) {
        case LOG_ERROR -> log.error(text, throwable);
        case LOG_WARNING -> log.warn(text, throwable);
        case LOG_INFO -> log.info(text, throwable);
        default -> log.debug(text, throwable);
        }
    }
}
