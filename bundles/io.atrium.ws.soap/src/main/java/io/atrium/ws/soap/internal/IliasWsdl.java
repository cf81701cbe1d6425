package io.atrium.ws.soap.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.atrium.soap.hook.api.WsdlType;

/**
 * The ILIAS dialect's WSDL, shaped as nusoap writes ILIAS's: service
 * {@code ILIASSoapWebservice} in {@code urn:ilUserAdministration}, messages
 * {@code <op>Request}/{@code <op>Response}, rpc/encoded, the core array types and every
 * plugin type in the one schema. Unlike ILIAS's, the address keeps {@code client_id}, so
 * clients need not override it.
 */
final class IliasWsdl {

    static final Map<String, String> LOGIN_IN = ordered("client", "xsd:string", "username", "xsd:string", "password",
            "xsd:string");
    static final Map<String, String> LOGIN_OUT = ordered("sid", "xsd:string");
    static final Map<String, String> LOGOUT_IN = ordered("sid", "xsd:string");
    static final Map<String, String> LOGOUT_OUT = ordered("success", "xsd:boolean");

    private static final String SERVICE = "ILIASSoapWebservice";
    private static final String NS = IliasSoap.NAMESPACE;

    private record Op(String name, Map<String, String> in, Map<String, String> out, String namespace, String doc) {
    }

    private final HookRegistry.Snapshot hooks;
    private final String address;

    IliasWsdl(HookRegistry.Snapshot hooks, String address) {
        this.hooks = hooks;
        this.address = address;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    String document() {
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("login", new Op("login", LOGIN_IN, LOGIN_OUT, NS,
                "Opens a session: returns the session id <session>::<client> that the other methods take as sid."));
        ops.put("logout", new Op("logout", LOGOUT_IN, LOGOUT_OUT, NS, "Ends the session."));
        hooks.methods().forEach((name, served) -> ops.put(name, new Op(name, served.method().inputParams(),
                served.method().outputParams(), served.method().serviceNamespace(), served.method().documentation())));

        StringBuilder out = new StringBuilder(8192);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<definitions "
                + "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\" xmlns:tns=\"" + NS + "\" "
                + "xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\" xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\" "
                + "xmlns=\"http://schemas.xmlsoap.org/wsdl/\" targetNamespace=\"" + NS + "\">\n");
        out.append("<types><xsd:schema targetNamespace=\"" + NS + "\">\n"
                + " <xsd:import namespace=\"http://schemas.xmlsoap.org/soap/encoding/\"/>\n"
                + " <xsd:import namespace=\"http://schemas.xmlsoap.org/wsdl/\"/>\n");
        for (String core : new String[] { "int", "string", "double" }) {
            type(out, WsdlType.array(core + "Array", "xsd:" + core));
        }
        for (WsdlType t : hooks.types().values()) {
            type(out, t);
        }
        out.append("</xsd:schema>\n</types>\n");
        for (Op op : ops.values()) {
            message(out, op.name() + "Request", op.in());
            message(out, op.name() + "Response", op.out());
        }
        out.append("<portType name=\"" + SERVICE + "PortType\">");
        for (Op op : ops.values()) {
            out.append("<operation name=\"").append(op.name()).append("\"><documentation>");
            Xml.text(out, op.doc()).append("</documentation><input message=\"tns:").append(op.name())
                    .append("Request\"/><output message=\"tns:").append(op.name()).append("Response\"/></operation>");
        }
        out.append("</portType>\n<binding name=\"" + SERVICE + "Binding\" type=\"tns:" + SERVICE + "PortType\">"
                + "<soap:binding style=\"rpc\" transport=\"http://schemas.xmlsoap.org/soap/http\"/>");
        for (Op op : ops.values()) {
            StringBuilder ns = Xml.attribute(new StringBuilder(), op.namespace());
            String body = "<soap:body use=\"encoded\" namespace=\"" + ns
                    + "\" encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"/>";
            out.append("<operation name=\"").append(op.name()).append("\"><soap:operation soapAction=\"").append(ns)
                    .append('#').append(op.name()).append("\" style=\"rpc\"/><input>").append(body)
                    .append("</input><output>").append(body).append("</output></operation>");
        }
        out.append("</binding>\n<service name=\"" + SERVICE + "\"><port name=\"" + SERVICE + "Port\" binding=\"tns:"
                + SERVICE + "Binding\"><soap:address location=\"");
        Xml.attribute(out, address).append("\"/></port></service>\n</definitions>\n");
        return out.toString();
    }

    private static void message(StringBuilder out, String name, Map<String, String> parts) {
        out.append("<message name=\"").append(name).append("\">");
        for (Map.Entry<String, String> p : parts.entrySet()) {
            out.append("<part name=\"");
            Xml.attribute(out, p.getKey()).append("\" type=\"");
            Xml.attribute(out, qualified(p.getValue())).append("\"/>");
        }
        out.append("</message>\n");
    }

    /** A bare type name is a schema type. */
    private static String qualified(String type) {
        return type.indexOf(':') < 0 ? "tns:" + type : type;
    }

    private static void type(StringBuilder out, WsdlType t) {
        if (t.typeClass() == WsdlType.TypeClass.SIMPLE_TYPE) {
            out.append(" <xsd:simpleType name=\"").append(t.name()).append("\"><xsd:restriction base=\"");
            Xml.attribute(out, t.restrictionBase().isEmpty() ? "xsd:string" : t.restrictionBase())
                    .append("\"/></xsd:simpleType>\n");
            return;
        }
        out.append(" <xsd:complexType name=\"").append(t.name()).append("\">");
        if (!t.restrictionBase().isEmpty()) {
            out.append("<xsd:complexContent><xsd:restriction base=\"");
            Xml.attribute(out, t.restrictionBase()).append("\">");
            for (WsdlType.Attribute a : t.attributes()) {
                out.append("<xsd:attribute ref=\"");
                Xml.attribute(out, a.ref()).append("\" wsdl:arrayType=\"");
                Xml.attribute(out, qualified(a.arrayType())).append("\"/>");
            }
            out.append("</xsd:restriction></xsd:complexContent>");
        } else {
            String group = switch (t.compositor()) {
                case ALL -> "all";
                case SEQUENCE, NONE -> "sequence";
                case CHOICE -> "choice";
            };
            out.append("<xsd:").append(group).append('>');
            for (WsdlType.Element e : t.elements()) {
                out.append("<xsd:element name=\"");
                Xml.attribute(out, e.name()).append("\" type=\"");
                Xml.attribute(out, qualified(e.type())).append('"');
                if (e.minOccurs() != 1) {
                    out.append(" minOccurs=\"").append(e.minOccurs()).append('"');
                }
                if (!"1".equals(e.maxOccurs())) {
                    out.append(" maxOccurs=\"");
                    Xml.attribute(out, e.maxOccurs()).append('"');
                }
                if (e.nillable()) {
                    out.append(" nillable=\"true\"");
                }
                out.append("/>");
            }
            out.append("</xsd:").append(group).append('>');
        }
        out.append("</xsd:complexType>\n");
    }
}
