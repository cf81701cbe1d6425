package io.atrium.ws.soap.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atrium.ws.core.php.PhpValues;

/**
 * Writes SOAP 1.1 rpc/encoded responses and faults as PHP's SoapServer does: one envelope that
 * declares every namespace the body uses (in the order PHP declares them: a type's namespace
 * when the value is finished, an array's before its items), {@code xsi:type} on every value,
 * {@code xsi:nil} for null, structs of a declared type with all their elements, undeclared
 * maps as Apache SOAP's {@code Map} ({@code item}/{@code key}/{@code value}) and lists as
 * SOAP-encoded arrays typed by their items.
 */
final class SoapWriter {

    static final String ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String ENC = "http://schemas.xmlsoap.org/soap/encoding/";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String MAP = "http://xml.apache.org/xml-soap";

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    /** An output part. */
    record Part(String name, SoapType type, Object value) {
    }

    private final StringBuilder body = new StringBuilder(512);
    private final Map<String, String> prefixes = new LinkedHashMap<>();
    private final Set<String> declared = new LinkedHashSet<>();

    private SoapWriter() {
    }

    /** A response: {@code <opResponse>} in {@code namespace} holding the parts. */
    static String response(String namespace, String operation, List<Part> parts) {
        SoapWriter w = new SoapWriter();
        String p = w.prefix(namespace);
        w.declare(namespace);
        String element = p + ":" + operation + "Response";
        if (parts.isEmpty()) {
            w.body.append('<').append(element).append("/>");
        } else {
            w.body.append('<').append(element).append('>');
            for (Part part : parts) {
                w.value(part.name(), part.type(), part.value());
            }
            w.body.append("</").append(element).append('>');
        }
        StringBuilder out = new StringBuilder(w.body.length() + 512).append(HEAD)
                .append("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"").append(ENV).append('"');
        for (String uri : w.declared) {
            out.append(" xmlns:").append(w.prefixes.get(uri)).append("=\"");
            Xml.attribute(out, uri).append('"');
        }
        return out.append(" SOAP-ENV:encodingStyle=\"").append(ENC).append("\"><SOAP-ENV:Body>").append(w.body)
                .append("</SOAP-ENV:Body></SOAP-ENV:Envelope>\n").toString();
    }

    /**
     * A fault.
     *
     * @param code   the fault code as written, such as {@code SOAP-ENV:Server}, {@code Receiver}
     *               (Moodle's) or {@code MOODLE:error}
     * @param actor  {@code faultactor}, or {@code null}
     * @param detail {@code detail} text, or {@code null}
     */
    static String fault(String code, String string, String actor, String detail) {
        StringBuilder out = new StringBuilder(512).append(HEAD).append("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"")
                .append(ENV).append("\"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>");
        Xml.text(out, code).append("</faultcode><faultstring>");
        Xml.text(out, string).append("</faultstring>");
        if (actor != null) {
            Xml.text(out.append("<faultactor>"), actor).append("</faultactor>");
        }
        if (detail != null) {
            Xml.text(out.append("<detail>"), detail).append("</detail>");
        }
        return out.append("</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>\n").toString();
    }

    /** The prefix of a namespace, given on first use: the well-known ones, then ns1, ns2, ... */
    private String prefix(String uri) {
        return prefixes.computeIfAbsent(uri, u -> switch (u) {
            case SoapType.XSD -> "xsd";
            case XSI -> "xsi";
            case ENC -> "SOAP-ENC";
            default -> "ns" + (1 + prefixes.keySet().stream()
                    .filter(k -> !k.equals(SoapType.XSD) && !k.equals(XSI) && !k.equals(ENC)).count());
        });
    }

    /** Declares a namespace on the envelope (once, in order of declaration). */
    private void declare(String uri) {
        prefix(uri);
        declared.add(uri);
    }

    private void value(String name, SoapType type, Object value) {
        if (type instanceof SoapType.Ref ref) {
            type = ref.resolve();
        }
        if (value == null) {
            body.append('<').append(name).append(' ').append(prefix(XSI)).append(":nil=\"true\"/>");
            declare(XSI);
            return;
        }
        if (type instanceof SoapType.Any) {
            type = typeOf(value);
        }
        if (type instanceof SoapType.Scalar s) {
            scalar(name, s, value);
        } else if (type instanceof SoapType.Struct s) {
            struct(name, s, value);
        } else if (type instanceof SoapType.Array a) {
            array(name, a.item(), value);
        } else {
            map(name, value);
        }
    }

    /** The type PHP's SoapServer gives a value without a declaration ({@code null}: an Apache Map). */
    private static SoapType typeOf(Object value) {
        if (value instanceof Boolean) {
            return SoapType.Scalar.BOOLEAN;
        }
        if (value instanceof Double || value instanceof Float) {
            return SoapType.Scalar.FLOAT;
        }
        if (value instanceof Number) {
            return SoapType.Scalar.INT;
        }
        if (value instanceof List<?> || value instanceof Map<?, ?> m && m.isEmpty()) {
            return new SoapType.Array(SoapType.ANY);
        }
        if (value instanceof Map<?, ?>) {
            return null;
        }
        return SoapType.Scalar.STRING;
    }

    private void scalar(String name, SoapType.Scalar type, Object value) {
        body.append('<').append(name).append(' ').append(prefix(XSI)).append(":type=\"").append(prefix(SoapType.XSD))
                .append(':').append(type.local()).append("\">");
        Xml.text(body, scalarText(type, value)).append("</").append(name).append('>');
        declare(SoapType.XSD);
        declare(XSI);
    }

    /** A scalar as PHP writes it for the declared type. */
    static String scalarText(SoapType.Scalar type, Object value) {
        if (type.local().equals("boolean")) {
            return truthy(value) ? "true" : "false";
        }
        if (type.integral()) {
            if (value instanceof Boolean b) {
                return b ? "1" : "0";
            }
            return value instanceof Number n ? Long.toString(n.longValue()) : PhpValues.toPhpString(value);
        }
        if (type.decimal()) {
            if (value instanceof Boolean b) {
                return b ? "1" : "0";
            }
            return value instanceof Number n ? PhpValues.floatToString(n.doubleValue()) : PhpValues.toPhpString(value);
        }
        return PhpValues.toPhpString(value);
    }

    private static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String s = PhpValues.toPhpString(value);
        return !s.isEmpty() && !s.equals("0") && !s.equalsIgnoreCase("false");
    }

    private void struct(String name, SoapType.Struct type, Object value) {
        body.append('<').append(name).append(' ').append(prefix(XSI)).append(":type=\"").append(prefix(type.namespace()))
                .append(':').append(type.name()).append("\">");
        Map<?, ?> map = value instanceof Map<?, ?> m ? m : Map.of();
        for (Map.Entry<String, SoapType> member : type.members().entrySet()) {
            value(member.getKey(), member.getValue(), map.get(member.getKey()));
        }
        body.append("</").append(name).append('>');
        declare(type.namespace());
        declare(XSI);
    }

    private void map(String name, Object value) {
        body.append('<').append(name).append(' ').append(prefix(XSI)).append(":type=\"").append(prefix(MAP))
                .append(":Map\">");
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            body.append("<item>");
            Object key = e.getKey();
            value("key", key instanceof Number ? SoapType.Scalar.INT : SoapType.Scalar.STRING, key);
            value("value", SoapType.ANY, e.getValue());
            body.append("</item>");
        }
        body.append("</").append(name).append('>');
        declare(MAP);
        declare(XSI);
    }

    private void array(String name, SoapType item, Object value) {
        List<?> items = value instanceof List<?> l ? l
                : value instanceof Map<?, ?> m ? new ArrayList<>(m.values()) : List.of(value);
        if (item instanceof SoapType.Ref ref) {
            item = ref.resolve();
        }
        String itemType;
        String itemNamespace;
        if (item instanceof SoapType.Any) {
            String[] common = commonType(items);
            itemNamespace = common[0];
            itemType = common[1];
        } else {
            if (item instanceof SoapType.Scalar s) {
                itemNamespace = SoapType.XSD;
                itemType = s.local();
            } else if (item instanceof SoapType.Struct s) {
                itemNamespace = s.namespace();
                itemType = s.name();
            } else {
                itemNamespace = ENC;
                itemType = "Array";
            }
        }
        body.append('<').append(name).append(' ').append(prefix(ENC)).append(":arrayType=\"")
                .append(prefix(itemNamespace)).append(':').append(itemType).append('[').append(items.size())
                .append("]\" ").append(prefix(XSI)).append(":type=\"").append(prefix(ENC)).append(":Array\"");
        declare(itemNamespace);
        declare(ENC);
        declare(XSI);
        if (items.isEmpty()) {
            body.append("/>");
            return;
        }
        body.append('>');
        for (Object o : items) {
            value("item", item, o);
        }
        body.append("</").append(name).append('>');
    }

    /** The namespace and name of the type all items share, else {@code xsd:ur-type}. */
    private static String[] commonType(List<?> items) {
        String[] common = null;
        for (Object o : items) {
            SoapType t = o == null ? null : typeOf(o);
            String[] qname = t == null ? (o == null ? null : new String[] { MAP, "Map" })
                    : t instanceof SoapType.Scalar s ? new String[] { SoapType.XSD, s.local() }
                    : new String[] { ENC, "Array" };
            if (qname == null || common != null && !(common[0].equals(qname[0]) && common[1].equals(qname[1]))) {
                return new String[] { SoapType.XSD, "ur-type" };
            }
            common = qname;
        }
        return common == null ? new String[] { SoapType.XSD, "ur-type" } : common;
    }
}
