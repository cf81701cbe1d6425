package io.atrium.lms.internal.functions;

import org.osgi.framework.BundleContext;

import io.atrium.lms.api.SiteConfig;

/** Where the site is, for the URLs functions return. */
final class Site {

    private Site() {
    }

    /**
     * The site's address: the {@code wwwroot} setting, else {@code atrium.wwwroot}, else the local
     * HTTP port.
     */
    static String wwwroot(BundleContext context, SiteConfig config) {
        String configured = config.get("wwwroot").orElse(context.getProperty("atrium.wwwroot"));
        if (configured != null && !configured.isBlank()) {
            return configured.replaceAll("/+$", "");
        }
        String port = context.getProperty("org.osgi.service.http.port");
        return "http://localhost" + (port == null || port.equals("80") ? "" : ":" + port);
    }
}
