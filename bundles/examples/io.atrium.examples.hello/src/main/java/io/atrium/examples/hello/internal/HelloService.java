package io.atrium.examples.hello.internal;

import org.osgi.service.component.annotations.Component;

import io.atrium.auth.api.ServiceDeclaration;
import io.atrium.auth.api.ServiceDefinition;

/**
 * The external service {@code local_hello}: while this bundle runs, a token for it reaches the
 * functions that name it ({@link Greet}, {@link Echo}) and, here, the site information too.
 */
@Component
public final class HelloService implements ServiceDeclaration {

    private static final ServiceDefinition DEFINITION = ServiceDefinition.of("local_hello", "Hello (example)",
            "core_webservice_get_site_info");

    @Override
    public ServiceDefinition definition() {
        return DEFINITION;
    }
}
