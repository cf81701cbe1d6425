package io.atrium.soap.hook.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A SOAP hook plugin: register it as an OSGi service and its methods and types join the SOAP
 * endpoint's {@code client_id} dialect; unregister it (stop or update the bundle) and they
 * leave. A method whose name is already served (by {@code login}, {@code logout} or another
 * plugin) is not served, and the refusal is reported on {@code /health}; the first plugin
 * registered keeps the name.
 */
@ConsumerType
public interface SoapHookPlugin {

    /** The methods this plugin adds. Asked once, when the service registers. */
    List<SoapMethod> soapMethods();

    /**
     * The complex and simple types the methods use, referred to as {@code tns:<name>} in
     * parameter types. All types share the WSDL's one schema namespace. Asked once, when the
     * service registers.
     */
    default List<WsdlType> wsdlTypes() {
        return List.of();
    }
}
