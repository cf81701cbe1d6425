package io.atrium.ws.xmlrpc.internal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.ws.core.xml.XmlElement;

/**
 * Reads an XML-RPC {@code methodCall}, already parsed by {@code SafeXml}, into a method name
 * and Java values: {@code <string>} or bare text in {@code <value>} → {@code String};
 * {@code <int>}, {@code <i4>}, {@code <i8>} → {@code Long}; {@code <boolean>} (0 or 1) →
 * {@code Boolean}; {@code <double>} → {@code Double}; {@code <nil/>} → {@code null};
 * {@code <struct>} → {@code LinkedHashMap} (member order; a repeated name keeps the last
 * value); {@code <array>} → {@code ArrayList}; {@code <base64>} → {@code String} (the bytes as
 * UTF-8); {@code <dateTime.iso8601>} → {@code Long} Unix seconds (UTC unless the text has an
 * offset). Elements are matched by local name. Anything else is {@link Malformed}, with a
 * message that says where.
 */
final class XmlRpcDecoder {

    /** A method call: the method's name and its parameters, in order. */
    record MethodCall(String method, List<Object> params) {
    }

    /** A request that is not a well-formed XML-RPC call; the message says what is wrong and where. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DOUBLE = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    /** The spec's 19980717T14:08:55, and the extended ISO 8601 forms clients also send. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "([0-9]{4})-?([0-9]{2})-?([0-9]{2})T([0-9]{2}):?([0-9]{2}):?([0-9]{2})(\\.[0-9]+)?"
                    + "(Z|[+-][0-9]{2}:?[0-9]{2})?");

    private XmlRpcDecoder() {
    }

    /** The call in a {@code methodCall} document element. */
    static MethodCall methodCall(XmlElement root) throws Malformed {
        if (!root.name().equals("methodCall")) {
            throw new Malformed("The request is not an XML-RPC methodCall: its document element is <" + root.name()
                    + ">");
        }
        String method = null;
        List<Object> params = new ArrayList<>();
        boolean paramsSeen = false;
        for (XmlElement child : root.children()) {
            switch (child.name()) {
                case "methodName" -> {
                    if (method != null) {
                        throw new Malformed("The methodCall has more than one <methodName>");
                    }
                    noChildren(child, "<methodName>");
                    method = child.text().strip();
                }
                case "params" -> {
                    if (paramsSeen) {
                        throw new Malformed("The methodCall has more than one <params>");
                    }
                    paramsSeen = true;
                    readParams(child, params);
                }
                default -> throw new Malformed("Unexpected <" + child.name() + "> in <methodCall>");
            }
        }
        if (method == null || method.isEmpty()) {
            throw new Malformed("The methodCall has no <methodName>");
        }
        onlyWhitespace(root, "<methodCall>");
        return new MethodCall(method, params);
    }

    private static void readParams(XmlElement params, List<Object> into) throws Malformed {
        onlyWhitespace(params, "<params>");
        int n = 0;
        for (XmlElement param : params.children()) {
            n++;
            if (!param.name().equals("param")) {
                throw new Malformed("Unexpected <" + param.name() + "> in <params>");
            }
            String where = "parameter " + n;
            into.add(value(single(param, "value", where), where));
        }
    }

    /**
     * The Java value of a {@code <value>} element.
     *
     * @param where where the value is, for messages ("parameter 2", "parameter 2, member users")
     */
    static Object value(XmlElement value, String where) throws Malformed {
        if (!value.name().equals("value")) {
            throw new Malformed("Expected <value> in " + where + ", found <" + value.name() + ">");
        }
        if (value.children().isEmpty()) {
            return value.text(); // no type: a string, whitespace and all
        }
        if (value.children().size() > 1) {
            throw new Malformed("The <value> of " + where + " holds more than one element");
        }
        onlyWhitespace(value, "the <value> of " + where);
        XmlElement typed = value.children().get(0);
        String type = typed.name();
        switch (type) {
            case "struct":
                return struct(typed, where);
            case "array":
                return array(typed, where);
            case "nil":
                noChildren(typed, "<nil>");
                if (!typed.text().isBlank()) {
                    throw new Malformed("The <nil/> of " + where + " has content");
                }
                return null;
            default:
                break;
        }
        noChildren(typed, "the <" + type + "> of " + where);
        String text = typed.text();
        switch (type) {
            case "string":
                return text;
            case "int", "i4", "i8": {
                String t = text.strip();
                if (!INTEGER.matcher(t).matches()) {
                    throw new Malformed("The <" + type + "> of " + where + " is not an integer: '" + clip(text) + "'");
                }
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new Malformed("The <" + type + "> of " + where + " is out of range: " + clip(t));
                }
            }
            case "boolean": {
                String t = text.strip();
                if (t.equals("0") || t.equals("1")) {
                    return t.equals("1");
                }
                throw new Malformed("The <boolean> of " + where + " is not 0 or 1: '" + clip(text) + "'");
            }
            case "double": {
                String t = text.strip();
                if (!DOUBLE.matcher(t).matches()) {
                    throw new Malformed("The <double> of " + where + " is not a number: '" + clip(text) + "'");
                }
                double d = Double.parseDouble(t);
                if (Double.isInfinite(d)) {
                    throw new Malformed("The <double> of " + where + " is out of range: " + clip(t));
                }
                return d;
            }
            case "base64": {
                try {
                    byte[] bytes = Base64.getDecoder().decode(text.replaceAll("[ \t\r\n]", ""));
                    return new String(bytes, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new Malformed("The <base64> of " + where + " is not base64: " + e.getMessage());
                }
            }
            case "dateTime.iso8601":
                return dateTime(text.strip(), where);
            default:
                throw new Malformed("Unknown XML-RPC type <" + type + "> in " + where);
        }
    }

    private static Map<String, Object> struct(XmlElement struct, String where) throws Malformed {
        onlyWhitespace(struct, "the <struct> of " + where);
        Map<String, Object> map = new LinkedHashMap<>();
        for (XmlElement member : struct.children()) {
            if (!member.name().equals("member")) {
                throw new Malformed("Unexpected <" + member.name() + "> in the <struct> of " + where);
            }
            onlyWhitespace(member, "a <member> of " + where);
            XmlElement name = null;
            XmlElement value = null;
            for (XmlElement part : member.children()) {
                if (part.name().equals("name") && name == null) {
                    name = part;
                } else if (part.name().equals("value") && value == null) {
                    value = part;
                } else {
                    throw new Malformed("Unexpected <" + part.name() + "> in a <member> of " + where);
                }
            }
            if (name == null || value == null) {
                throw new Malformed("A <member> of " + where + " lacks its " + (name == null ? "<name>" : "<value>"));
            }
            noChildren(name, "a <name> in " + where);
            String key = name.text();
            map.put(key, value(value, where + ", member " + key));
        }
        return map;
    }

    private static List<Object> array(XmlElement array, String where) throws Malformed {
        onlyWhitespace(array, "the <array> of " + where);
        XmlElement data = single(array, "data", where);
        onlyWhitespace(data, "the <data> of " + where);
        List<Object> list = new ArrayList<>(data.children().size());
        int i = 0;
        for (XmlElement value : data.children()) {
            list.add(value(value, where + ", element " + i++));
        }
        return list;
    }

    private static Long dateTime(String text, String where) throws Malformed {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            throw new Malformed("The <dateTime.iso8601> of " + where + " is not a date and time such as "
                    + "19980717T14:08:55: '" + clip(text) + "'");
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)));
            String zone = m.group(8);
            ZoneOffset offset = zone == null || zone.equals("Z") ? ZoneOffset.UTC
                    : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
            return local.toEpochSecond(offset);
        } catch (DateTimeException e) {
            throw new Malformed("The <dateTime.iso8601> of " + where + " is not a valid date and time: '"
                    + clip(text) + "'");
        }
    }

    /** The one child of that name, and no other element. */
    private static XmlElement single(XmlElement parent, String name, String where) throws Malformed {
        List<XmlElement> children = parent.children();
        if (children.size() != 1 || !children.get(0).name().equals(name)) {
            throw new Malformed("<" + parent.name() + "> in " + where + " must hold exactly one <" + name + ">");
        }
        onlyWhitespace(parent, "<" + parent.name() + "> in " + where);
        return children.get(0);
    }

    private static void noChildren(XmlElement e, String what) throws Malformed {
        if (!e.children().isEmpty()) {
            throw new Malformed(what + " holds an element (<" + e.children().get(0).name() + ">) instead of text");
        }
    }

    /** Text beside elements is only indentation. */
    private static void onlyWhitespace(XmlElement e, String what) throws Malformed {
        if (!e.text().isBlank()) {
            throw new Malformed(what + " has text beside its elements: '" + clip(e.text().strip()) + "'");
        }
    }

    /** A piece of client text short enough for a message. */
    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
