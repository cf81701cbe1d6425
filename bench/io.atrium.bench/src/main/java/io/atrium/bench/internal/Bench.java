package io.atrium.bench.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** What bench/rest configures (PID {@value #PID}) for the bare servlet. */
@ObjectClassDefinition(name = "Atrium bench", description = "Set by bench/rest; not for production.")
public @interface Bench {

    String PID = "io.atrium.bench";

    @AttributeDefinition(description = "The bytes the bare servlet answers, base64.")
    String body() default "";

    @AttributeDefinition(description = "The content type the bare servlet answers with.")
    String contentType() default "application/json";
}
