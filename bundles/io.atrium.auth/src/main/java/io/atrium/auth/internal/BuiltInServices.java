package io.atrium.auth.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.atrium.auth.api.ServiceDeclaration;
import io.atrium.auth.api.ServiceDefinition;

/** The services this bundle declares. */
final class BuiltInServices {

    private BuiltInServices() {
    }

    /**
     * {@code moodle_mobile_app}: what existing Moodle clients ask for by default. Its functions
     * name it in their own specs.
     */
    @Component
    public static final class Mobile implements ServiceDeclaration {
        private static final ServiceDefinition DEFINITION = new ServiceDefinition(TokenService.MOBILE,
                "Moodle mobile web service", true, false, null, true, true, List.of());

        @Override
        public ServiceDefinition definition() {
            return DEFINITION;
        }
    }

    /**
     * {@code atrium_admin}: scripted administration, for site administrators only. Besides the
     * functions that name it, the two a script needs to create an integration user.
     */
    @Component
    public static final class Admin implements ServiceDeclaration {
        private static final ServiceDefinition DEFINITION = new ServiceDefinition(TokenFunctions.SERVICE,
                "Atrium administration", true, false, TokenFunctions.CAPABILITY, false, false,
                List.of("core_user_create_users", "core_user_get_users_by_field"));

        @Override
        public ServiceDefinition definition() {
            return DEFINITION;
        }
    }
}
