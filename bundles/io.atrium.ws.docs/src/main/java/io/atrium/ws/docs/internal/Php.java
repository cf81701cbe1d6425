package io.atrium.ws.docs.internal;

import java.util.List;
import java.util.Map;

import io.atrium.ws.core.php.PhpValues;

/**
 * The few PHP conversions the documentation needs, so that a default value reads as Moodle's
 * page prints it ({@code print_r($default, true)}) and as a REST client would send it in a form.
 */
final class Php {

    private Php() {
    }

    /**
     * PHP's {@code print_r($value, true)}: {@code true} is {@code 1}, {@code false} and
     * {@code null} are empty, floats have PHP's 14 significant digits, lists and maps print as
     * {@code Array ( [key] => value )}.
     */
    static String printR(Object value) {
        return printR(value, "");
    }

    private static String printR(Object value, String pad) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("Array\n").append(pad).append("(\n");
            map.forEach((k, v) -> entry(out, pad, String.valueOf(k), v));
            return out.append(pad).append(")\n").toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("Array\n").append(pad).append("(\n");
            for (int i = 0; i < list.size(); i++) {
                entry(out, pad, String.valueOf(i), list.get(i));
            }
            return out.append(pad).append(")\n").toString();
        }
        return string(value);
    }

    private static void entry(StringBuilder out, String pad, String key, Object value) {
        out.append(pad).append("    [").append(key).append("] => ").append(printR(value, pad + "        "));
        out.append('\n');
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            out.append('\n');
        }
    }

    /**
     * A scalar in PHP string context ({@code (string) $value}), which is also what a REST form
     * field carries: {@code true} is {@code 1}, {@code false} and {@code null} are empty.
     */
    static String string(Object value) {
        return PhpValues.toPhpString(value);
    }
}
