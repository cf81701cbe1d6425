package io.atrium.ws.rest.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PHP's parsing of {@code application/x-www-form-urlencoded} data into {@code $_GET} and
 * {@code $_POST}, and {@code array_merge($_GET, $_POST)} as Moodle's REST server does it.
 * <p>
 * A PHP array is a {@code LinkedHashMap<String,Object>}: insertion-ordered, integer keys as
 * their decimal strings ({@code "0"}, {@code "1"}...), an assignment to an existing key
 * replacing the value in place. Leaves are {@code String}s.
 * <p>
 * Rules mirrored from php-src {@code main/php_variables.c} ({@code php_default_treat_data},
 * {@code add_post_var}, {@code php_register_variable_ex}) and {@code ext/standard/url.c}
 * ({@code php_url_decode}):
 * <ul>
 * <li>Pairs are split on {@code &}, name from value on the first {@code =}; a pair without
 * {@code =} has the value {@code ""}. Both are decoded: {@code +} is a space, {@code %XX} a
 * byte, a {@code %} not followed by two hex digits stays; the bytes are read as UTF-8
 * (malformed sequences become U+FFFD). The name ends at the first NUL ({@code %00}).</li>
 * <li>Leading spaces of the name are dropped. In the base name (up to the first {@code [}),
 * {@code ' '} and {@code .} become {@code _}. An empty base name drops the pair; so does a
 * base name that mangling turned into {@code __Host-...} or {@code __Secure-...}.</li>
 * <li>{@code name[a][b]} nests arrays; {@code name[]} appends at the next integer index
 * (one more than the largest integer key so far, 0 for none); a single white-space character
 * right after {@code [} is skipped when looking for {@code []}, but kept in a key. An element
 * that is not an array is replaced by an empty array in place. Anything after a {@code ]}
 * other than {@code [} is ignored.</li>
 * <li>A {@code [} with no {@code ]} after it: in the first bracket it becomes {@code _} and the
 * rest of the name is kept, with {@code ' '}, {@code .} and {@code [} turned into {@code _}
 * ({@code a[b.c=1} is {@code $_GET["a_b_c"]}); in a later bracket the rest is dropped and the
 * value goes to the key before it.</li>
 * <li>The last assignment to a key wins; the key keeps its first position.</li>
 * </ul>
 * PHP stops at {@code max_input_vars} pairs and drops a variable nested deeper than
 * {@code max_input_nesting_level} with a warning; here both throw a {@link LimitException}.
 */
public final class PhpQuery {

    private PhpQuery() {
    }

    /** Which limit a request exceeded. */
    public enum Limit {
        /** More pairs than {@code max_input_vars}. */
        VARIABLES,
        /** More brackets in one name than {@code max_input_nesting_level}. */
        DEPTH
    }

    /** The data exceeds {@code maxVariables} or {@code maxDepth}. */
    public static final class LimitException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final Limit limit;
        private final int max;

        LimitException(Limit limit, int max) {
            super(limit == Limit.VARIABLES
                    ? "Input variables exceeded " + max + " (max_input_vars)"
                    : "Input variable nesting level exceeded " + max + " (max_input_nesting_level)");
            this.limit = limit;
            this.max = max;
        }

        /**
         * A limit a caller enforces itself (such as the parameter count of a JSON body), with
         * its own message; {@link #limit()} is then {@code null} and {@link #max()} -1.
         */
        public LimitException(String message) {
            super(message);
            this.limit = null;
            this.max = -1;
        }

        /** Which limit was exceeded, or {@code null} for a caller's own limit. */
        public Limit limit() {
            return limit;
        }

        /** The limit's value, or -1 for a caller's own limit. */
        public int max() {
            return max;
        }
    }

    /**
     * Parses a query string or form body as PHP builds {@code $_GET} or {@code $_POST}.
     * Characters outside ASCII (not percent-encoded) are taken as their UTF-8 bytes.
     *
     * @param query        the data, without a leading {@code ?}; {@code null} or empty gives an
     *                     empty map
     * @param maxVariables PHP's {@code max_input_vars} (1000 by default): the most
     *                     {@code name=value} pairs allowed (empty pieces between {@code &} do not
     *                     count)
     * @param maxDepth     PHP's {@code max_input_nesting_level} (64 by default): the most
     *                     bracket pairs allowed in one name
     * @throws LimitException when a limit is exceeded
     */
    public static LinkedHashMap<String, Object> parse(String query, int maxVariables, int maxDepth) {
        return parse(query == null ? new byte[0] : query.getBytes(StandardCharsets.UTF_8), maxVariables, maxDepth);
    }

    /** {@link #parse(String, int, int)} over the raw bytes of a query string or form body. */
    public static LinkedHashMap<String, Object> parse(byte[] data, int maxVariables, int maxDepth) {
        Parser parser = new Parser(maxDepth);
        int count = 0;
        int start = 0;
        int n = data.length;
        while (start <= n) {
            int end = start;
            while (end < n && data[end] != '&') {
                end++;
            }
            if (end > start) {
                if (++count > maxVariables) {
                    throw new LimitException(Limit.VARIABLES, maxVariables);
                }
                int eq = start;
                while (eq < end && data[eq] != '=') {
                    eq++;
                }
                String name = decode(data, start, eq);
                String value = eq < end ? decode(data, eq + 1, end) : "";
                int nul = name.indexOf('\0');
                parser.register(nul >= 0 ? name.substring(0, nul) : name, value);
            }
            start = end + 1;
        }
        return parser.root;
    }

    /**
     * PHP's {@code array_merge($first, $second)}, as Moodle's REST server merges
     * {@code $_GET} and {@code $_POST}: string keys of {@code second} replace those of
     * {@code first} (keeping the first position); integer keys of both are renumbered from 0
     * in order, so none is replaced. Only the top level is merged; nested arrays are taken as
     * they are.
     */
    public static LinkedHashMap<String, Object> merge(Map<String, ?> first, Map<String, ?> second) {
        LinkedHashMap<String, Object> result = new LinkedHashMap<>();
        long next = 0;
        for (Map<String, ?> array : List.of(first, second)) {
            for (Map.Entry<String, ?> e : array.entrySet()) {
                if (integerKey(e.getKey()) != null) {
                    result.put(String.valueOf(next++), e.getValue());
                } else {
                    result.put(e.getKey(), e.getValue());
                }
            }
        }
        return result;
    }

    /**
     * The integer a PHP array key string stands for ({@code ZEND_HANDLE_NUMERIC_STR}): an
     * optional {@code -} and decimal digits without a leading zero ({@code "0"} itself is fine,
     * {@code "-0"} is not), within the 64-bit range; {@code null} for a string key.
     */
    static Long integerKey(String key) {
        int n = key.length();
        if (n == 0 || n > 20) {
            return null;
        }
        int i = key.charAt(0) == '-' ? 1 : 0;
        if (i == n) {
            return null;
        }
        if (key.charAt(i) == '0' && (n - i > 1 || i == 1)) {
            return null;
        }
        for (int j = i; j < n; j++) {
            char c = key.charAt(j);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    /** php_url_decode, then UTF-8. */
    private static String decode(byte[] data, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%' && i + 2 < to && hex(data[i + 1]) >= 0 && hex(data[i + 2]) >= 0) {
                bytes.write(hex(data[i + 1]) << 4 | hex(data[i + 2]));
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** C's isspace in the "C" locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** php_register_variable_ex over one tree, with each array's next free integer key. */
    private static final class Parser {

        final LinkedHashMap<String, Object> root = new LinkedHashMap<>();
        /** PHP's nNextFreeElement per array; absent is ZEND_LONG_MIN (no integer key yet). */
        private final Map<Map<String, Object>, Long> nextFree = new IdentityHashMap<>();
        private final int maxDepth;

        Parser(int maxDepth) {
            this.maxDepth = maxDepth;
        }

        void register(String rawName, String value) {
            int lead = 0;
            while (lead < rawName.length() && rawName.charAt(lead) == ' ') {
                lead++;
            }
            String name = rawName.substring(lead);
            int len = name.length();

            StringBuilder base = new StringBuilder(len);
            int bracket = -1;
            for (int i = 0; i < len; i++) {
                char c = name.charAt(i);
                if (c == ' ' || c == '.') {
                    base.append('_');
                } else if (c == '[') {
                    bracket = i;
                    break;
                } else {
                    base.append(c);
                }
            }
            String var = base.toString();
            if (mangledInto(var, name, "__Host-") || mangledInto(var, name, "__Secure-") || var.isEmpty()) {
                return;
            }

            Map<String, Object> table = root;
            String index = var;
            if (bracket >= 0) {
                int nest = 0;
                int ip = bracket;
                while (true) {
                    if (++nest > maxDepth) {
                        throw new LimitException(Limit.DEPTH, maxDepth);
                    }
                    int start = ip + 1;
                    int j = start;
                    if (j < len && isSpace(name.charAt(j))) {
                        j++;
                    }
                    String key;
                    int close;
                    if (j < len && name.charAt(j) == ']') {
                        key = null;
                        close = j;
                    } else {
                        close = name.indexOf(']', j);
                        if (close < 0) {
                            // Not an index: in the first bracket the '[' becomes '_' and the rest
                            // of the name joins the variable name; later, the rest is dropped.
                            if (nest == 1) {
                                StringBuilder joined = new StringBuilder(var).append('_');
                                for (int k = start; k < len; k++) {
                                    char c = name.charAt(k);
                                    joined.append(c == ' ' || c == '.' || c == '[' ? '_' : c);
                                }
                                index = joined.toString();
                            }
                            break;
                        }
                        key = name.substring(start, close);
                    }

                    Map<String, Object> child;
                    if (index == null) {
                        child = new LinkedHashMap<>();
                        if (!append(table, child)) {
                            return;
                        }
                    } else {
                        Object existing = table.get(index);
                        if (existing instanceof Map<?, ?>) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> map = (Map<String, Object>) existing;
                            child = map;
                        } else {
                            child = new LinkedHashMap<>();
                            put(table, index, child);
                        }
                    }
                    table = child;
                    index = key;

                    ip = close + 1;
                    if (ip >= len || name.charAt(ip) != '[') {
                        break;
                    }
                }
            }
            if (index == null) {
                append(table, value);
            } else {
                put(table, index, value);
            }
        }

        /** Whether mangling produced the prefix that the name itself did not have. */
        private static boolean mangledInto(String var, String name, String prefix) {
            return var.startsWith(prefix) && !name.startsWith(prefix);
        }

        private void put(Map<String, Object> table, String key, Object value) {
            table.put(key, value);
            Long h = integerKey(key);
            if (h != null) {
                Long next = nextFree.get(table);
                if (next == null || h >= next) {
                    nextFree.put(table, h < Long.MAX_VALUE ? h + 1 : Long.MAX_VALUE);
                }
            }
        }

        /** zend_hash_next_index_insert; false when the next key is taken (PHP drops the value). */
        private boolean append(Map<String, Object> table, Object value) {
            Long next = nextFree.get(table);
            long h = next == null ? 0 : next;
            String key = String.valueOf(h);
            if (table.containsKey(key)) {
                return false;
            }
            put(table, key, value);
            return true;
        }
    }
}
