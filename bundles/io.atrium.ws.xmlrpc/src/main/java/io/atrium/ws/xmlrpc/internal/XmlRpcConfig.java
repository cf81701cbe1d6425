package io.atrium.ws.xmlrpc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Limits of the XML-RPC endpoint (PID {@value #PID}); a request beyond one gets an
 * {@code invalidparameter} fault that names the limit.
 */
@ObjectClassDefinition(name = "Atrium XML-RPC", description = "Limits on what an XML-RPC request may be.")
public @interface XmlRpcConfig {

    String PID = "io.atrium.ws.xmlrpc";

    @AttributeDefinition(description = "Largest request body, in bytes.")
    long maxBytes() default 16L * 1024 * 1024;

    @AttributeDefinition(description = "Deepest nesting of elements; a string member of a struct parameter is at "
            + "depth 8 (methodCall/params/param/value/struct/member/value/string).")
    int maxDepth() default 64;

    @AttributeDefinition(description = "Most elements in one request.")
    int maxElements() default 1_000_000;
}
