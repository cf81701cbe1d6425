package io.atrium.ws.core.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.ws.core.php.PhpValues;

/**
 * The PHP string behaviour that Moodle's parameter cleaning relies on, re-implemented for Java
 * strings: PHP's conversions between strings and numbers, {@code trim()}, {@code strip_tags()},
 * {@code is_numeric()}, {@code empty()}, and Moodle's {@code fix_utf8()}.
 * <p>
 * Values are the "PHP values" {@link ParamTypes} works with: {@code null}, {@link Long} (PHP int),
 * {@link Double} (PHP float), {@link Boolean} and {@link String}. Everything here is stateless.
 */
final class PhpStrings {


    /**
     * The numeric prefix PHP recognises in a string (leading white space, sign, digits with an
     * optional fraction, or a fraction alone, then an exponent only when digits follow it).
     */
    private static final Pattern NUMERIC_PREFIX = Pattern.compile(
            "^[ \\t\\n\\r\\x0B\\f]*([+-]?(?:([0-9]+)(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?)");


    private PhpStrings() {
    }

    // ------------------------------------------------------------------ conversions to string

    /** PHP's {@code (string)} conversion; see {@link PhpValues#toPhpString(Object)}. */
    static String toPhpString(Object value) {
        return PhpValues.toPhpString(value);
    }

    // ------------------------------------------------------------------ conversions to numbers

    /** PHP's {@code (int)} cast. */
    static long toInt(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Double d) {
            return doubleToInt(d);
        }
        return stringToInt(toPhpString(value));
    }

    /** PHP's {@code (float)} cast. */
    static double toFloat(Object value) {
        if (value == null) {
            return 0.0;
        }
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Long l) {
            return l.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        Matcher m = NUMERIC_PREFIX.matcher(toPhpString(value));
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }

    /**
     * PHP's {@code (int)} cast of a string: the leading numeric part counts, the rest is ignored;
     * a float-looking or too large number is converted with saturation.
     */
    static long stringToInt(String s) {
        Matcher m = NUMERIC_PREFIX.matcher(s);
        if (!m.find()) {
            return 0;
        }
        String number = m.group(1);
        if (m.group(2) != null && m.group(3) == null && m.group(4) == null) {
            try {
                return Long.parseLong(number);
            } catch (NumberFormatException overflow) {
                // Falls through: PHP treats it as a float.
            }
        }
        double d = Double.parseDouble(number);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return 0;
        }
        if (!fitsLong(d)) {
            return d > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return (long) d;
    }

    /** PHP's {@code (int)} cast of a float (64-bit, out-of-range values wrap modulo 2^64). */
    static long doubleToInt(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return 0;
        }
        if (fitsLong(d)) {
            return (long) d;
        }
        BigInteger whole = new BigDecimal(d).toBigInteger();
        return whole.longValue(); // two's complement wrap, as PHP's modular conversion
    }

    private static boolean fitsLong(double d) {
        return d >= -9.223372036854775808E18 && d < 9.223372036854775808E18;
    }

    /** PHP 8's {@code is_numeric()} for a string: white space around a decimal number is allowed. */
    static boolean isNumeric(String s) {
        Matcher m = NUMERIC_PREFIX.matcher(s);
        if (!m.find()) {
            return false;
        }
        for (int i = m.end(); i < s.length(); i++) {
            if (!isCSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** PHP's {@code empty()} of a scalar: null, false, 0, 0.0, "" and "0" are empty. */
    static boolean isEmpty(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof String s) {
            return s.isEmpty() || s.equals("0");
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof Long l) {
            return l == 0;
        }
        if (value instanceof Double d) {
            return d == 0.0;
        }
        return false;
    }

    // ------------------------------------------------------------------ strings

    /** PHP's {@code trim()} with its default characters: space, \t, \n, \r, \0 and \x0B. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isTrimChar(s.charAt(start))) {
            start++;
        }
        while (end > start && isTrimChar(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isTrimChar(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\u000B';
    }

    /** C's {@code isspace()} in the C locale. */
    static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
    }

    /** PHP 8's {@code strtolower()}: ASCII letters only. */
    static String asciiLower(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * Moodle's {@code fix_utf8()} for a Java string: null bytes are removed, and so is whatever
     * is not valid UTF-16 (unpaired surrogates), as iconv's //IGNORE drops invalid UTF-8.
     */
    static String fixUtf8(String s) {
        StringBuilder sb = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean drop;
            if (c == '\0') {
                drop = true;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (sb != null) {
                        sb.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                drop = true;
            } else {
                drop = Character.isLowSurrogate(c);
            }
            if (drop) {
                if (sb == null) {
                    sb = new StringBuilder(n).append(s, 0, i);
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** The bytes of the UTF-8 encoding of {@code s}, one char per byte, for byte-oriented regexes. */
    static String utf8Bytes(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The number of bytes of the UTF-8 encoding of {@code s}: PHP's {@code strlen()}. */
    static int strlen(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** PHP's {@code mb_substr($s, 0, $length)}: the first {@code length} code points. */
    static String firstCodePoints(String s, int length) {
        if (s.codePointCount(0, s.length()) <= length) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, length));
    }

    /**
     * PHP's {@code rawurldecode()}, with the result as bytes (one char per byte, see
     * {@link #utf8Bytes(String)}): %XX sequences are decoded, anything else is kept.
     */
    static String rawUrlDecodeBytes(String s) {
        String bytes = utf8Bytes(s);
        StringBuilder sb = new StringBuilder(bytes.length());
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            if (c == '%' && i + 2 < bytes.length() && hex(bytes.charAt(i + 1)) >= 0
                    && hex(bytes.charAt(i + 2)) >= 0) {
                sb.append((char) (hex(bytes.charAt(i + 1)) * 16 + hex(bytes.charAt(i + 2))));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    // ------------------------------------------------------------------ strip_tags

    /** PHP's {@code strip_tags($s)}. */
    static String stripTags(String s) {
        return stripTags(s, null);
    }

    /**
     * PHP's {@code strip_tags($s, $allowed)}: PHP's state machine (text, tag, PHP code,
     * comment-like {@code <!...>}, and {@code <!-- -->} comments), including its rules that a
     * {@code <} followed by white space is text, that quotes inside a tag hide {@code <} and
     * {@code >}, and that nested {@code <} inside a tag need their own {@code >}.
     *
     * @param allowed allowed tags such as {@code "<lang>"}, or {@code null} for none
     */
    static String stripTags(String s, String allowed) {
        String allow = allowed == null ? null : asciiLower(allowed);
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        StringBuilder tag = allow == null ? null : new StringBuilder();
        int state = 0;
        int depth = 0;
        int br = 0;
        char inQ = 0;
        char lc = 0;
        boolean isXml = false;
        for (int p = 0; p < n; p++) {
            char c = s.charAt(p);
            char prev = p > 0 ? s.charAt(p - 1) : 0;
            switch (state) {
            case 0:
                if (c == '\0') {
                    break;
                }
                if (c == '<') {
                    if (inQ != 0) {
                        break;
                    }
                    if (isCSpace(p + 1 < n ? s.charAt(p + 1) : '\0')) {
                        out.append(c);
                        break;
                    }
                    lc = '<';
                    state = 1;
                    if (tag != null) {
                        tag.append('<');
                    }
                } else if (c == '>') {
                    if (depth > 0) {
                        depth--;
                    } else if (inQ == 0) {
                        out.append(c);
                    }
                } else {
                    out.append(c);
                }
                break;
            case 1:
                switch (c) {
                case '\0':
                    break;
                case '<':
                    if (inQ != 0) {
                        break;
                    }
                    if (isCSpace(p + 1 < n ? s.charAt(p + 1) : '\0')) {
                        appendTag(tag, c);
                        break;
                    }
                    depth++;
                    break;
                case '>':
                    if (depth > 0) {
                        depth--;
                        break;
                    }
                    if (inQ != 0) {
                        break;
                    }
                    lc = '>';
                    if (isXml && prev == '-') {
                        break;
                    }
                    inQ = 0;
                    state = 0;
                    isXml = false;
                    if (tag != null) {
                        tag.append('>');
                        if (tagAllowed(tag, allow)) {
                            out.append(tag);
                        }
                        tag.setLength(0);
                    }
                    break;
                case '"':
                case '\'':
                    if (p != 0 && (inQ == 0 || c == inQ)) {
                        inQ = inQ != 0 ? 0 : c;
                    }
                    appendTag(tag, c);
                    break;
                case '!':
                    if (prev == '<') {
                        state = 3;
                        lc = c;
                    } else {
                        appendTag(tag, c);
                    }
                    break;
                case '?':
                    if (prev == '<') {
                        br = 0;
                        state = 2;
                    } else {
                        appendTag(tag, c);
                    }
                    break;
                default:
                    appendTag(tag, c);
                    break;
                }
                break;
            case 2:
                switch (c) {
                case '(':
                    if (lc != '"' && lc != '\'') {
                        lc = '(';
                        br++;
                    }
                    break;
                case ')':
                    if (lc != '"' && lc != '\'') {
                        lc = ')';
                        br--;
                    }
                    break;
                case '>':
                    if (depth > 0) {
                        depth--;
                        break;
                    }
                    if (inQ != 0) {
                        break;
                    }
                    if (br == 0 && p >= 1 && lc != '"' && prev == '?') {
                        inQ = 0;
                        state = 0;
                        resetTag(tag);
                    }
                    break;
                case '"':
                case '\'':
                    if (p >= 1 && prev != '\\') {
                        if (lc == c) {
                            lc = 0;
                        } else if (lc != '\\') {
                            lc = c;
                        }
                        if (inQ == 0 || c == inQ) {
                            inQ = inQ != 0 ? 0 : c;
                        }
                    }
                    break;
                case 'l':
                case 'L':
                    if (p > 4 && (prev == 'm' || prev == 'M')
                            && (s.charAt(p - 2) == 'x' || s.charAt(p - 2) == 'X')
                            && s.charAt(p - 3) == '?' && s.charAt(p - 4) == '<') {
                        state = 1;
                        isXml = true;
                    }
                    break;
                default:
                    break;
                }
                break;
            case 3:
                switch (c) {
                case '>':
                    if (depth > 0) {
                        depth--;
                        break;
                    }
                    if (inQ != 0) {
                        break;
                    }
                    inQ = 0;
                    state = 0;
                    resetTag(tag);
                    break;
                case '"':
                case '\'':
                    if (p != 0 && prev != '\\' && (inQ == 0 || c == inQ)) {
                        inQ = inQ != 0 ? 0 : c;
                    }
                    break;
                case '-':
                    if (p >= 2 && prev == '-' && s.charAt(p - 2) == '!') {
                        state = 4;
                    }
                    break;
                case 'E':
                case 'e':
                    if (p > 6 && asciiLower(s.substring(p - 6, p)).equals("doctyp")) {
                        state = 1;
                    }
                    break;
                default:
                    break;
                }
                break;
            default: // 4: inside <!-- -->
                if (c == '>' && inQ == 0 && p >= 2 && prev == '-' && s.charAt(p - 2) == '-') {
                    inQ = 0;
                    state = 0;
                    resetTag(tag);
                }
                break;
            }
        }
        return out.toString();
    }

    private static void appendTag(StringBuilder tag, char c) {
        if (tag != null) {
            tag.append(c);
        }
    }

    private static void resetTag(StringBuilder tag) {
        if (tag != null) {
            tag.setLength(0);
        }
    }

    /**
     * Whether a recorded tag (from its {@code <} to its {@code >}) is in the allowed set: the tag
     * is reduced to {@code <name>} (lower case, no attributes, no closing slash) and looked up
     * as a substring of the set, as PHP does.
     */
    private static boolean tagAllowed(CharSequence tag, String allow) {
        StringBuilder norm = new StringBuilder();
        boolean started = false;
        for (int t = 0; t < tag.length(); t++) {
            char c = tag.charAt(t);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c == '<') {
                norm.append(c);
            } else if (c == '>') {
                break;
            } else if (!isCSpace(c)) {
                started = true;
                char before = t > 0 ? tag.charAt(t - 1) : 0;
                char after = t + 1 < tag.length() ? tag.charAt(t + 1) : 0;
                if (c != '/' || (before != '<' && after != '>')) {
                    norm.append(c);
                }
            } else if (started) {
                break;
            }
        }
        norm.append('>');
        return allow.contains(norm);
    }
}
