package io.atrium.ws.soap.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Atrium SOAP", description = "The SOAP endpoint /webservice/soap/server.php: "
        + "Moodle's dialect (?wstoken=) and the ILIAS-style SOAP hook dialect (?client_id=).")
@interface SoapConfig {

    String PID = "io.atrium.ws.soap";

    @AttributeDefinition(description = "The client id of the ILIAS dialect: requests name it as ?client_id= and "
            + "login(client, ...) as its first argument; any other client id is refused with a fault.")
    String clientId() default "default";

    @AttributeDefinition(description = "The largest request envelope accepted, in bytes.")
    long maxBytes() default 16L << 20;

    @AttributeDefinition(description = "The deepest nesting of elements accepted in a request envelope.")
    int maxDepth() default 64;
}
