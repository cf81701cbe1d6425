package io.atrium.ws.rest.internal;

import java.util.Collection;
import java.util.Map;

import io.atrium.ws.api.Descriptor;
import io.atrium.ws.api.MultipleStructure;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.api.ValueDescriptor;
import io.atrium.ws.api.WsException;
import io.atrium.ws.core.php.PhpValues;

/**
 * The XML of Moodle's REST server ({@code webservice/rest/locallib.php},
 * {@code webservice_rest_server::send_response}, {@code xmlize_result} and
 * {@code generate_error}), byte for byte.
 * <p>
 * Layout: every element closes with a newline; a {@code KEY} holds its content on the same
 * line as its opening tag ({@code <KEY name="id"><VALUE>2</VALUE>\n</KEY>\n}); a
 * {@code SINGLE} or {@code MULTIPLE} opens with a newline. A {@code SINGLE} lists every key
 * of its descriptor, in descriptor order, whether or not the value has it; an absent or null
 * scalar is {@code <VALUE null="null"/>}, an absent or empty list is
 * {@code <MULTIPLE>\n</MULTIPLE>\n}. Text is escaped as {@code htmlspecialchars(ENT_COMPAT)}:
 * {@code & < > "}, not {@code '}; UTF-8 stays raw.
 */
public final class MoodleXml {

    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n";

    private MoodleXml() {
    }

    /**
     * A successful call's body.
     *
     * @param value   the cleaned return value: {@code Map<String,?>} for a single structure (keys
     *                may be missing), {@code List<?>} for a multiple structure, {@code String},
     *                {@code Long} (or another integer type), {@code Double}, {@code Boolean} or
     *                {@code null} for a scalar
     * @param returns the function's returns descriptor, or {@code null} for a function that
     *                returns nothing
     * @return {@code <RESPONSE>\n</RESPONSE>\n} (after the XML declaration) when {@code returns}
     *         is {@code null}; otherwise the value inside {@code RESPONSE}. A {@code null} value
     *         with a descriptor prints as Moodle's {@code xmlize_result} prints it (a cleaned
     *         value is {@code null} only where the descriptor allows null): a scalar as
     *         {@code <VALUE null="null"/>}, a single structure as a {@code SINGLE} whose keys
     *         are all null, a multiple structure as an empty {@code MULTIPLE}
     * @throws IllegalArgumentException when a scalar is expected and the value is a map, a list
     *                                  or a Java type that stands for no PHP scalar
     */
    public static String response(Object value, Descriptor returns) {
        StringBuilder out = new StringBuilder(HEADER).append("<RESPONSE>\n");
        if (returns != null) {
            xmlize(out, value, returns);
        }
        return out.append("</RESPONSE>\n").toString();
    }

    /**
     * An error body: {@code <EXCEPTION class="..">} with {@code ERRORCODE}, {@code MESSAGE} and,
     * when {@code withDebuginfo} and the exception has some, {@code DEBUGINFO}.
     */
    public static String error(WsException e, boolean withDebuginfo) {
        StringBuilder out = new StringBuilder(HEADER);
        out.append("<EXCEPTION class=\"").append(escape(e.exceptionClass())).append("\">\n");
        out.append("<ERRORCODE>").append(escape(e.errorcode())).append("</ERRORCODE>\n");
        out.append("<MESSAGE>").append(escape(e.getMessage())).append("</MESSAGE>\n");
        if (withDebuginfo && e.debuginfo() != null) {
            out.append("<DEBUGINFO>").append(escape(e.debuginfo())).append("</DEBUGINFO>\n");
        }
        return out.append("</EXCEPTION>\n").toString();
    }

    /**
     * PHP's {@code htmlspecialchars($s, ENT_COMPAT, 'UTF-8')}: {@code &}, {@code <}, {@code >}
     * and {@code "} become entities; {@code '} stays. PHP returns an empty string for input that
     * is not valid UTF-8; a Java string with a lone surrogate is the counterpart and gives the
     * same.
     */
    static String escape(String s) {
        StringBuilder out = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String entity;
            switch (c) {
            case '&':
                entity = "&amp;";
                break;
            case '<':
                entity = "&lt;";
                break;
            case '>':
                entity = "&gt;";
                break;
            case '"':
                entity = "&quot;";
                break;
            default:
                if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        if (out != null) {
                            out.append(c).append(s.charAt(i + 1));
                        }
                        i++;
                        continue;
                    }
                    return "";
                }
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n + 16).append(s, 0, i);
            }
            out.append(entity);
        }
        return out == null ? s : out.toString();
    }

    private static void xmlize(StringBuilder out, Object value, Descriptor desc) {
        if (desc instanceof ValueDescriptor) {
            if (value == null) {
                out.append("<VALUE null=\"null\"/>\n");
            } else {
                out.append("<VALUE>").append(escape(scalar(value))).append("</VALUE>\n");
            }
        } else if (desc instanceof MultipleStructure multiple) {
            out.append("<MULTIPLE>\n");
            // PHP: if (!empty($returns)) foreach ($returns as $val): any array, in order.
            Collection<?> elements = value instanceof Collection<?> c ? c
                    : value instanceof Map<?, ?> m ? m.values() : null;
            if (elements != null) {
                for (Object element : elements) {
                    xmlize(out, element, multiple.content());
                }
            }
            out.append("</MULTIPLE>\n");
        } else if (desc instanceof SingleStructure single) {
            out.append("<SINGLE>\n");
            Map<?, ?> map = value instanceof Map<?, ?> m ? m : Map.of();
            for (Map.Entry<String, Descriptor> key : single.keys().entrySet()) {
                out.append("<KEY name=\"").append(escape(key.getKey())).append("\">");
                xmlize(out, map.get(key.getKey()), key.getValue());
                out.append("</KEY>\n");
            }
            out.append("</SINGLE>\n");
        }
    }

    /** A PHP scalar in string context; a bool is 1 or 0 (Moodle casts it to int first). */
    private static String scalar(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return String.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double d) {
            return PhpValues.floatToString(d);
        }
        if (value instanceof Float f) {
            return PhpValues.floatToString(Double.parseDouble(Float.toString(f)));
        }
        throw new IllegalArgumentException("a scalar was expected, not " + value.getClass().getName());
    }
}
