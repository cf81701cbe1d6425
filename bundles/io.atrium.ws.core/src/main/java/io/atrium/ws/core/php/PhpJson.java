package io.atrium.ws.core.php;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.ws.api.WsException;

/**
 * PHP 8's {@code json_encode($value)} with the default flags, as Moodle's REST server prints
 * its JSON responses and errors.
 * <p>
 * Java values stand for PHP values: {@code null}; {@code Boolean}; {@code Long}, {@code Integer},
 * {@code Short}, {@code Byte} (PHP int); {@code Double}, {@code Float} (PHP float);
 * {@code String}; {@code Map} (a PHP array, keys in iteration order); {@code List} (a PHP list).
 * <p>
 * Rules mirrored from php-src {@code ext/json/json_encoder.c}:
 * <ul>
 * <li>A PHP array is printed as a JSON array when it is a list (its keys are 0, 1, 2... in
 * order, which includes the empty array, printed {@code []}), otherwise as an object. A
 * {@code Map} whose keys are {@code "0"}, {@code "1"}... in order is such a list, because PHP
 * turns those keys into integers.</li>
 * <li>Strings: {@code "} and {@code \} escaped, {@code /} as {@code \/}, {@code \b \f \n \r \t},
 * other control characters as {@code &#92;u00XX}, every non-ASCII character as {@code &#92;uXXXX}
 * (lowercase hex, UTF-16 surrogate pairs); {@code & ' < >} and DEL stay raw.</li>
 * <li>Floats: {@code serialize_precision = -1}, i.e. {@code zend_gcvt} with the shortest
 * round-trip digits and 17 as the exponent threshold; no {@code .0} is added to an integral
 * float (that needs {@code JSON_PRESERVE_ZERO_FRACTION}): {@code 1.0} prints {@code 1},
 * {@code 1e25} prints {@code 1.0e+25}, {@code 0.00001} prints {@code 1.0e-5}.</li>
 * </ul>
 * Where PHP's {@code json_encode} fails (NaN, infinity, a string that is not valid Unicode),
 * this class throws {@link IllegalArgumentException}.
 */
public final class PhpJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PhpJson() {
    }

    /**
     * What PHP 8's {@code json_encode($value)} prints, with the default flags.
     *
     * @throws IllegalArgumentException for NaN or infinite floats, lone UTF-16 surrogates, or a
     *                                  Java type that stands for no PHP value
     */
    public static String encode(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    /**
     * Moodle REST's JSON error body ({@code webservice_rest_server::generate_error}):
     * {@code {"exception":..,"errorcode":..,"message":..[,"debuginfo":..]}}.
     *
     * @param withDebuginfo whether the site sends debugging information; {@code debuginfo} is
     *                      added only when this is true and the exception has some
     */
    public static String encodeError(WsException e, boolean withDebuginfo) {
        return encode(errorMap(e, withDebuginfo));
    }

    /** The fields of Moodle's error body, in Moodle's order (also an element of a batch answer). */
    public static Map<String, Object> errorMap(WsException e, boolean withDebuginfo) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("exception", e.exceptionClass());
        error.put("errorcode", e.errorcode());
        error.put("message", e.getMessage());
        if (withDebuginfo && e.debuginfo() != null) {
            error.put("debuginfo", e.debuginfo());
        }
        return error;
    }

    /** Appends a string as PHP's json_encode quotes it. */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
            case '"':
                out.append("\\\"");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '/':
                out.append("\\/");
                break;
            case '\b':
                out.append("\\b");
                break;
            case '\f':
                out.append("\\f");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            default:
                if (c < 0x20) {
                    unicodeEscape(out, c);
                } else if (c < 0x80) {
                    out.append(c);
                } else if (Character.isHighSurrogate(c)) {
                    if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        unicodeEscape(out, c);
                        unicodeEscape(out, s.charAt(++i));
                    } else {
                        throw new IllegalArgumentException("malformed string: lone surrogate at index " + i);
                    }
                } else if (Character.isLowSurrogate(c)) {
                    throw new IllegalArgumentException("malformed string: lone surrogate at index " + i);
                } else {
                    unicodeEscape(out, c);
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Double d) {
            out.append(PhpJsonNumbers.jsonDouble(d));
        } else if (value instanceof Float f) {
            // A Float stands for the decimal it prints as, not for its binary widening.
            out.append(PhpJsonNumbers.jsonDouble(Double.parseDouble(Float.toString(f))));
        } else if (value instanceof String s) {
            appendString(out, s);
        } else if (value instanceof Map<?, ?> map) {
            appendMap(out, map);
        } else if (value instanceof List<?> list) {
            out.append('[');
            boolean first = true;
            for (Object element : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                append(out, element);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no PHP value for " + value.getClass().getName());
        }
    }

    private static void appendMap(StringBuilder out, Map<?, ?> map) {
        if (isList(map)) {
            out.append('[');
            boolean first = true;
            for (Object element : map.values()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                append(out, element);
            }
            out.append(']');
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, keyString(e.getKey()));
            out.append(':');
            append(out, e.getValue());
        }
        out.append('}');
    }

    /** PHP's zend_array_is_list: keys 0, 1, 2... in order (true for the empty array). */
    private static boolean isList(Map<?, ?> map) {
        long expected = 0;
        Iterator<?> keys = map.keySet().iterator();
        while (keys.hasNext()) {
            if (!String.valueOf(expected).equals(keyString(keys.next()))) {
                return false;
            }
            expected++;
        }
        return true;
    }

    private static String keyString(Object key) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return String.valueOf(((Number) key).longValue());
        }
        throw new IllegalArgumentException("no PHP array key for " + (key == null ? "null" : key.getClass().getName()));
    }
}
