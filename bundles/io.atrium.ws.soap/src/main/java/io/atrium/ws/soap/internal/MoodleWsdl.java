package io.atrium.ws.soap.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.ws.api.Descriptor;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.MultipleStructure;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.api.ValueDescriptor;
import io.atrium.ws.core.WsRuntime;

/**
 * The WSDL Moodle's {@code webservice_soap\wsdl} writes for a token: rpc/encoded, one operation
 * per function the token may call (by name), messages {@code <fn>In}/{@code <fn>Out} with the
 * output part {@code return}, single structures as complex types
 * {@code webservices_struct_class_NNNNNN} (numbered as Moodle numbers them: per function in
 * order, parameters before returns, a structure's inner structures before it), lists as
 * untyped {@code soap-enc:Array}, {@code int}/{@code bool} as {@code xsd:int}, {@code float} as
 * {@code xsd:double}, everything else as {@code xsd:string}. The namespace and the address are
 * the token's endpoint URL.
 */
final class MoodleWsdl {

    private static final String CLASS = "webservices_virtual_class_000000";

    /** The operations, by function name, each with its part types. */
    record Operation(String name, FunctionSpec spec, Map<String, SoapType> inputs, SoapType output) {
    }

    private final String namespace;
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final Map<SingleStructure, SoapType.Struct> structs = new IdentityHashMap<>();
    private final List<SoapType.Struct> ordered = new ArrayList<>();

    /**
     * @param namespace the token's endpoint URL ({@code .../server.php?wstoken=...})
     * @param functions the functions the token may call
     */
    MoodleWsdl(String namespace, List<WsRuntime.Function> functions) {
        this.namespace = namespace;
        List<WsRuntime.Function> sorted = new ArrayList<>(functions);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        for (WsRuntime.Function f : sorted) {
            Map<String, SoapType> inputs = new LinkedHashMap<>();
            for (Map.Entry<String, Descriptor> p : f.spec().parameters().keys().entrySet()) {
                inputs.put(p.getKey(), type(p.getValue()));
            }
            SoapType output = f.spec().returns() == null ? null : type(f.spec().returns());
            operations.put(f.name(), new Operation(f.name(), f.spec(), inputs, output));
        }
    }

    /** The operation of that name, or {@code null} when the token may not call it. */
    Operation operation(String name) {
        return operations.get(name);
    }

    String namespace() {
        return namespace;
    }

    private SoapType type(Descriptor d) {
        if (d instanceof ValueDescriptor v) {
            return v.type() == ParamType.INT || v.type() == ParamType.BOOL ? SoapType.Scalar.INT
                    : v.type() == ParamType.FLOAT ? SoapType.Scalar.DOUBLE : SoapType.Scalar.STRING;
        }
        if (d instanceof MultipleStructure) {
            return new SoapType.Array(SoapType.ANY);
        }
        SingleStructure s = (SingleStructure) d;
        SoapType.Struct known = structs.get(s);
        if (known != null) {
            return known;
        }
        Map<String, SoapType> members = new LinkedHashMap<>();
        for (Map.Entry<String, Descriptor> k : s.keys().entrySet()) {
            members.put(k.getKey(), type(k.getValue()));
        }
        SoapType.Struct struct = new SoapType.Struct(namespace,
                "webservices_struct_class_%06d".formatted(ordered.size()), members);
        structs.put(s, struct);
        ordered.add(struct);
        return struct;
    }

    /** The WSDL document, byte for byte as Moodle writes it. */
    String document() {
        StringBuilder out = new StringBuilder(4096 + operations.size() * 1500);
        out.append("<?xml version=\"1.0\"?>\n<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\" xmlns:tns=\"");
        Xml.attribute(out, namespace).append("\" xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\" "
                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
                + "xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\" name=\"" + CLASS + "\" targetNamespace=\"");
        Xml.attribute(out, namespace).append("\"><types><xsd:schema targetNamespace=\"");
        Xml.attribute(out, namespace).append('"');
        if (ordered.isEmpty()) {
            out.append("/>");
        } else {
            out.append('>');
            for (SoapType.Struct s : ordered) {
                out.append("<xsd:complexType name=\"").append(s.name()).append("\"><xsd:all>");
                for (Map.Entry<String, SoapType> m : s.members().entrySet()) {
                    out.append("<xsd:element name=\"");
                    Xml.attribute(out, m.getKey()).append("\" type=\"").append(typeName(m.getValue()))
                            .append("\" nillable=\"true\"/>");
                }
                out.append("</xsd:all></xsd:complexType>");
            }
            out.append("</xsd:schema>");
        }
        out.append("</types><portType name=\"" + CLASS + "Port\">");
        for (Operation op : operations.values()) {
            out.append("<operation name=\"").append(op.name()).append("\"><documentation>");
            Xml.text(out, op.spec().description()).append("</documentation><input message=\"tns:").append(op.name())
                    .append("In\"/><output message=\"tns:").append(op.name()).append("Out\"/></operation>");
        }
        out.append("</portType><binding name=\"" + CLASS + "Binding\" type=\"tns:" + CLASS + "Port\">"
                + "<soap:binding style=\"rpc\" transport=\"http://schemas.xmlsoap.org/soap/http\"/>");
        StringBuilder ns = Xml.attribute(new StringBuilder(), namespace);
        String body = "<soap:body use=\"encoded\" encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\" namespace=\""
                + ns + "\"/>";
        for (Operation op : operations.values()) {
            out.append("<operation name=\"").append(op.name()).append("\"><soap:operation soapAction=\"").append(ns)
                    .append('#').append(op.name()).append("\"/><input>").append(body).append("</input><output>")
                    .append(body).append("</output></operation>");
        }
        out.append("</binding><service name=\"" + CLASS + "Service\"><port name=\"" + CLASS + "Port\" binding=\"tns:"
                + CLASS + "Binding\"><soap:address location=\"").append(ns).append("\"/></port></service>");
        for (Operation op : operations.values()) {
            out.append("<message name=\"").append(op.name()).append("In\"");
            parts(out, op.inputs());
            out.append("<message name=\"").append(op.name()).append("Out\"");
            parts(out, op.output() == null ? Map.of() : Map.of("return", op.output()));
        }
        return out.append("</definitions>\n").toString();
    }

    private void parts(StringBuilder out, Map<String, SoapType> parts) {
        if (parts.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Map.Entry<String, SoapType> p : parts.entrySet()) {
            out.append("<part name=\"");
            Xml.attribute(out, p.getKey()).append("\" type=\"").append(typeName(p.getValue())).append("\"/>");
        }
        out.append("</message>");
    }

    private static String typeName(SoapType t) {
        if (t instanceof SoapType.Scalar s) {
            return "xsd:" + s.local();
        }
        if (t instanceof SoapType.Struct s) {
            return "tns:" + s.name();
        }
        return "soap-enc:Array";
    }
}
