package io.atrium.ws.xmlrpc.internal;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import io.atrium.ws.api.WsException;
import io.atrium.ws.core.php.PhpValues;

/**
 * Writes responses as Moodle's XML-RPC server does: PHP's xmlrpc extension (xmlrpc-epi)
 * called with {@code verbosity=no_white_space}, {@code escaping=markup},
 * {@code encoding=UTF-8}. Byte for byte:
 * <ul>
 * <li>no whitespace and no trailing newline; an element with no content is written
 * {@code <x/>} ({@code <string/>}, {@code <data/>}, {@code <params/>});</li>
 * <li>a {@code Map} is a PHP array: a {@code <struct>} of its members in order, unless all
 * its keys are integers (as PHP turns {@code "0"}, {@code "12"} into integers), which
 * includes the empty map: then, as for a {@code List}, an {@code <array><data>} of its
 * values;</li>
 * <li>{@code null} anywhere inside a value is {@code <string/>} (xmlrpc-epi "treat[s] null
 * value as empty string"); a {@code null} result is {@code <params/>};</li>
 * <li>{@code Long} is {@code <int>}, {@code Boolean} {@code <boolean>1</boolean>} or
 * {@code 0}, {@code Double} {@code <double>} written with PHP's {@code %.14G} (as PHP prints a
 * float: {@code 1}, {@code 0.1}, {@code 1.0E+25});</li>
 * <li>text escapes {@code & < > "} as the numeric references {@code &#38; &#60; &#62; &#34;},
 * as xmlrpc-epi's markup escaping does; everything else, non-ASCII included, is written
 * as UTF-8.</li>
 * </ul>
 * Two deliberate differences, where xmlrpc-epi writes XML no parser reads back the same:
 * a carriage return is written {@code &#13;} (raw, parsers would turn it into a line feed),
 * and a character XML 1.0 does not allow (control characters, unpaired surrogates, U+FFFE,
 * U+FFFF) is written as U+FFFD rather than raw. And an integer beyond 32 bits keeps its value
 * in {@code <int>}, where xmlrpc-epi would truncate it to a C {@code int}.
 */
final class XmlRpcEncoder {

    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private XmlRpcEncoder() {
    }

    /**
     * A successful response carrying {@code value}.
     *
     * @throws IllegalArgumentException for a Java type that stands for no PHP value
     */
    static String response(Object value) {
        StringBuilder out = new StringBuilder(256).append(DECLARATION).append("<methodResponse>");
        if (value == null) {
            out.append("<params/>");
        } else {
            out.append("<params><param><value>");
            appendValue(out, value);
            out.append("</value></param></params>");
        }
        return out.append("</methodResponse>").toString();
    }

    /**
     * A fault for an error, as {@code generate_error} builds it: the code derived from the error
     * code, and {@code message[ | DEBUG INFO: debuginfo] | ERRORCODE: errorcode} (the message
     * alone when there is no error code). Debugging information is shown whenever the exception
     * carries some: the pipeline removes it when debugging is off.
     */
    static String fault(WsException e) {
        String text = e.getMessage();
        if (FaultCodes.hasErrorcode(e.errorcode())) {
            if (e.debuginfo() != null) {
                text += " | DEBUG INFO: " + e.debuginfo();
            }
            text += " | ERRORCODE: " + e.errorcode();
        }
        return fault(FaultCodes.of(e.errorcode()), text);
    }

    /** A fault with this code and string. */
    static String fault(int code, String string) {
        StringBuilder out = new StringBuilder(256).append(DECLARATION)
                .append("<methodResponse><fault><value><struct>")
                .append("<member><name>faultCode</name><value><int>").append(code).append("</int></value></member>")
                .append("<member><name>faultString</name><value>");
        appendString(out, string);
        return out.append("</value></member></struct></value></fault></methodResponse>").toString();
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value == null || value instanceof String) {
            appendString(out, (String) value);
        } else if (value instanceof Boolean b) {
            out.append("<boolean>").append(b ? '1' : '0').append("</boolean>");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append("<int>").append(value).append("</int>");
        } else if (value instanceof Number n) {
            out.append("<double>").append(PhpValues.toPhpString(n)).append("</double>");
        } else if (value instanceof Map<?, ?> map) {
            if (isPhpList(map)) {
                appendArray(out, map.values());
            } else {
                appendStruct(out, map);
            }
        } else if (value instanceof Collection<?> list) {
            appendArray(out, list);
        } else {
            throw new IllegalArgumentException("no XML-RPC value for " + value.getClass().getName());
        }
    }

    private static void appendString(StringBuilder out, String s) {
        if (s == null || s.isEmpty()) {
            out.append("<string/>");
            return;
        }
        out.append("<string>");
        appendText(out, s);
        out.append("</string>");
    }

    private static void appendArray(StringBuilder out, Collection<?> values) {
        if (values.isEmpty()) {
            out.append("<array><data/></array>");
            return;
        }
        out.append("<array><data>");
        for (Object v : values) {
            out.append("<value>");
            appendValue(out, v);
            out.append("</value>");
        }
        out.append("</data></array>");
    }

    private static void appendStruct(StringBuilder out, Map<?, ?> map) {
        out.append("<struct>");
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            out.append("<member>");
            if (name.isEmpty()) {
                out.append("<name/>");
            } else {
                out.append("<name>");
                appendText(out, name);
                out.append("</name>");
            }
            out.append("<value>");
            appendValue(out, e.getValue());
            out.append("</value></member>");
        }
        out.append("</struct>");
    }

    /**
     * Whether PHP's xmlrpc extension sends this array as an {@code <array>}: every key is an
     * integer key (the empty array too). A mix of integer and string keys is a struct.
     */
    private static boolean isPhpList(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!isIntegerKey(key)) {
                return false;
            }
        }
        return true;
    }

    /** Whether PHP stores this array key as an integer: a canonical decimal within 64 bits. */
    private static boolean isIntegerKey(Object key) {
        if (key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return true;
        }
        if (!(key instanceof String s) || s.isEmpty() || s.length() > 20) {
            return false;
        }
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length() || (s.charAt(start) == '0' && s.length() > start + 1) || s.equals("-0")) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Character data: markup as numeric references, characters XML cannot carry as U+FFFD. */
    static void appendText(StringBuilder out, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&#38;");
                case '<' -> out.append("&#60;");
                case '>' -> out.append("&#62;");
                case '"' -> out.append("&#34;");
                case '\r' -> out.append("&#13;");
                case '\t', '\n' -> out.append(c);
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
