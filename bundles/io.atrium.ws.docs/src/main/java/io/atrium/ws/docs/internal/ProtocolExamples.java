package io.atrium.ws.docs.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.atrium.ws.api.SingleStructure;

/**
 * Ready-to-copy calls of a function over Moodle's SOAP and XML-RPC endpoints, in the clients
 * most used with them: PHP's {@code SoapClient} and Python's {@code xmlrpc.client}. Both
 * protocols pass the parameters positionally, in the order the function declares them; the
 * values are those of {@link Samples#jsonParameters}, so every example of a function sends the
 * same thing.
 * <p>
 * Values are written as source literals: strings single-quoted with {@code \} and {@code '}
 * escaped (and, for Python, whose quoted strings cannot span lines, control characters as
 * escapes), structures as PHP associative arrays or Python dicts with one key a line, lists
 * inline. The function's name is written as it is, as the method called: the runtime serves only
 * names of lowercase letters, digits and underscores, which both languages take as identifiers.
 */
final class ProtocolExamples {

    private ProtocolExamples() {
    }

    /**
     * PHP's {@code SoapClient} against {@code /webservice/soap/server.php}, the token in the
     * WSDL's address.
     *
     * @param baseUrl the site's address, such as {@code https://lms.example.org} (no trailing slash)
     */
    static String soapPhp(String baseUrl, String function, SingleStructure parameters) {
        Literals php = Literals.PHP;
        return "$client = new SoapClient("
                + php.string(baseUrl + "/webservice/soap/server.php?wsdl=1&wstoken=" + CurlExamples.TOKEN)
                + ", ['cache_wsdl' => WSDL_CACHE_NONE]);\n"
                + "$result = $client->" + function + "(" + php.arguments(parameters) + ");\n"
                + "print_r($result);\n";
    }

    /** Python's {@code xmlrpc.client} against {@code /webservice/xmlrpc/server.php}, the token in the address. */
    static String xmlrpcPython(String baseUrl, String function, SingleStructure parameters) {
        Literals python = Literals.PYTHON;
        return "import xmlrpc.client\n"
                + "server = xmlrpc.client.ServerProxy("
                + python.string(baseUrl + "/webservice/xmlrpc/server.php?wstoken=" + CurlExamples.TOKEN) + ")\n"
                + "print(server." + function + "(" + python.arguments(parameters) + "))\n";
    }

    /** Source literals of one language for the JSON values {@link Samples} makes. */
    enum Literals {
        PHP("true", "false", "null", "[", " => ", "]"),
        PYTHON("True", "False", "None", "{", ": ", "}");

        private final String yes;
        private final String no;
        private final String nothing;
        private final String open;
        private final String arrow;
        private final String close;

        Literals(String yes, String no, String nothing, String open, String arrow, String close) {
            this.yes = yes;
            this.no = no;
            this.nothing = nothing;
            this.open = open;
            this.arrow = arrow;
            this.close = close;
        }

        /** The sample values of the parameters, as positional arguments: {@code 'string', ['string']}. */
        String arguments(SingleStructure parameters) {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, JsonElement> p : Samples.jsonParameters(parameters).entrySet()) {
                out.add(literal(p.getValue(), ""));
            }
            return String.join(", ", out);
        }

        /**
         * A value as source, its continuation lines starting with {@code indent}: a structure
         * with one key a line, indented by four more spaces, a list on the line it starts on.
         */
        String literal(JsonElement value, String indent) {
            if (value instanceof JsonObject o) {
                if (o.isEmpty()) {
                    return open + close;
                }
                String inner = indent + "    ";
                StringBuilder out = new StringBuilder(open).append('\n');
                for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                    out.append(inner).append(string(e.getKey())).append(arrow)
                            .append(literal(e.getValue(), inner)).append(",\n");
                }
                return out.append(indent).append(close).toString();
            }
            if (value instanceof JsonArray a) {
                List<String> items = new ArrayList<>();
                a.forEach(v -> items.add(literal(v, indent)));
                return "[" + String.join(", ", items) + "]";
            }
            if (value instanceof JsonPrimitive p) {
                if (p.isBoolean()) {
                    return p.getAsBoolean() ? yes : no;
                }
                if (p.isNumber()) {
                    return number(p.getAsNumber());
                }
                return string(p.getAsString());
            }
            return nothing;
        }

        /** A number as Java writes it ({@code 0}, {@code 0.0}, {@code 1.0E20}); a float with a point or exponent. */
        private static String number(Number n) {
            String s = n.toString();
            boolean fractional = n instanceof Double || n instanceof Float || n instanceof BigDecimal;
            return !fractional || s.indexOf('.') >= 0 || s.indexOf('E') >= 0 ? s : s + ".0";
        }

        /**
         * A single-quoted string: {@code \} and {@code '} escaped; for Python also line breaks,
         * tabs and other control characters, which a quoted Python string cannot hold as they are.
         */
        String string(String s) {
            StringBuilder out = new StringBuilder(s.length() + 2).append('\'');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' || c == '\'') {
                    out.append('\\').append(c);
                } else if (this == PYTHON && (c < 0x20 || c == 0x7f)) {
                    switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format("\\x%02x", (int) c));
                    }
                } else {
                    out.append(c);
                }
            }
            return out.append('\'').toString();
        }
    }
}
