package io.atrium.ws.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits of the REST endpoints (PID {@value #PID}); a request beyond one gets {@code invalidparameter}. */
@ObjectClassDefinition(name = "Atrium REST", description = "Limits on what a REST request may carry.")
public @interface RestConfig {

    String PID = "io.atrium.ws.rest";

    @AttributeDefinition(description = "Largest request body, in bytes.")
    int maxBodyBytes() default 8 * 1024 * 1024;

    @AttributeDefinition(description = "Most parameters (leaf values) in one request, as PHP's max_input_vars.")
    int maxParameters() default 10000;

    @AttributeDefinition(description = "Deepest nesting of parameters (users[0][preferences][0][type] is 4).")
    int maxDepth() default 32;

    @AttributeDefinition(description = "Most calls in one batch request.")
    int maxBatchCalls() default 100;
}
