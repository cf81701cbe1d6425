package io.atrium.soap.hook.api;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One SOAP operation a {@link SoapHookPlugin} adds (ILIAS's {@code ilSoapMethod}).
 */
@ConsumerType
public interface SoapMethod {

    /** The operation's name, unique among everything the endpoint serves. */
    String name();

    /**
     * The input parts, in order: name to XSD type, such as {@code "sid" -> "xsd:string"},
     * {@code "ref_id" -> "xsd:int"} or {@code "data" -> "tns:myStruct"}. Use an ordered map.
     */
    Map<String, String> inputParams();

    /** The output parts, in order, as {@link #inputParams()}. Usually one. */
    Map<String, String> outputParams();

    /**
     * The namespace of the operation's body elements and of its SOAPAction
     * ({@code <namespace>#<name>}), such as {@code urn:myplugin}.
     */
    String serviceNamespace();

    /** The binding style: {@code rpc}, the only one served. */
    default String serviceStyle() {
        return "rpc";
    }

    /** The body use: {@code encoded}, the only one served. */
    default String serviceUse() {
        return "encoded";
    }

    /** What the operation does, for the WSDL's {@code documentation}. */
    String documentation();

    /**
     * Runs the operation.
     *
     * @return the value of the only output part; for several output parts, a
     *         {@code Map<String, Object>} keyed by part name; {@code null} for none
     * @throws SoapPluginException for a fault the client should see; any other exception is
     *                             logged and becomes a {@code SOAP-ENV:Server} fault without
     *                             its details
     */
    Object execute(SoapCall call) throws SoapPluginException;
}
