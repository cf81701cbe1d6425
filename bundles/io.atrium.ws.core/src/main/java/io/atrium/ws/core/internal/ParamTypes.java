package io.atrium.ws.core.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsException;

/**
 * Moodle's cleaning and validation of scalar values ({@code external_value}): {@code clean_param()}
 * for every {@link ParamType}, {@code validate_param()}, and the scalar parts of
 * {@code external_api::validate_parameters()} and {@code external_api::clean_returnvalue()}, with
 * Moodle's exact error texts.
 * <p>
 * Internally values are handled as PHP would see them: {@code null}, {@link Long} (int),
 * {@link Double} (float), {@link Boolean} and {@link String}. A parameter is valid when its PHP
 * string form is unchanged by cleaning (floats are checked with a regular expression instead).
 * <p>
 * Instances are immutable and thread-safe; site-dependent checks (installed languages, known
 * capabilities, the site URL) come from the constructor.
 */
public final class ParamTypes {

    /** Moodle's TAG_MAX_LENGTH. */
    private static final int TAG_MAX_LENGTH = 50;

    private static final String SCALAR_EXPECTED = "Scalar type expected, array or object received.";

    /**
     * validate_param()'s check of a float given as a string, {@code [+-]?[0-9]*\.?[0-9]*(e[-+]?[0-9]+)?},
     * written without ambiguity so that it runs in linear time.
     */
    private static final Pattern FLOAT_SYNTAX = php("^[+-]?[0-9]*+(?:\\.[0-9]*+)?+(?:e[-+]?[0-9]++)?+$", true);

    private static final Pattern NOT_ALPHA = Pattern.compile("[^a-zA-Z]");
    private static final Pattern NOT_ALPHAEXT = Pattern.compile("[^a-zA-Z_-]");
    private static final Pattern NOT_ALPHANUM = Pattern.compile("[^A-Za-z0-9]");
    private static final Pattern NOT_ALPHANUMEXT = Pattern.compile("[^A-Za-z0-9_-]");
    private static final Pattern NOT_SEQUENCE = Pattern.compile("[^0-9,]");
    private static final Pattern NOT_SAFEPATH = Pattern.compile("[^a-zA-Z0-9/_-]");
    private static final Pattern NOT_USERNAME = Pattern.compile("[^-.@_a-z0-9]");
    private static final Pattern FILE_FORBIDDEN = Pattern.compile("\\p{Cc}|[&<>\"`|':\\\\/]");
    private static final Pattern TAG_FORBIDDEN = Pattern.compile("\\p{Cc}|[<>`]");
    /** PCRE's \s with the u modifier (Unicode properties); controls are already gone at that point. */
    private static final Pattern TAG_SPACES = Pattern.compile("[\\p{Z}\\x{180E}\\t\\n\\x0B\\f\\r\\x{85}]+");
    private static final Pattern MULTIPLE_SLASHES = Pattern.compile("//+");
    private static final Pattern CURRENT_DIRS = Pattern.compile("/(?:\\./)++");

    /**
     * PARAM_COMPONENT's {@code [a-z][a-z0-9]*(_[a-z][a-z0-9_]*)?[a-z0-9]+}, rewritten without
     * ambiguity (same language, linear time); matched against {@link #pcreSubject(String)}.
     */
    private static final Pattern COMPONENT = Pattern.compile("[a-z](?:[a-z0-9]+|[a-z0-9]*_[a-z][a-z0-9_]*[a-z0-9])");
    /**
     * The shape of is_valid_plugin_name()'s {@code [a-z](?:[a-z0-9_](?!__))*[a-z0-9]+}; its
     * look-ahead is checked separately (no "__" from the third character on).
     */
    private static final Pattern PLUGIN_NAME = Pattern.compile("[a-z][a-z0-9_]*[a-z0-9]");
    /** PARAM_TIMEZONE's numeric alternatives; the named one is checked by {@link #isTimezoneName(String)}. */
    private static final Pattern TIMEZONE_OFFSET = Pattern.compile(
            "[+-]?(0?[0-9](\\.[5|0])?|1[0-3](\\.0)?|1[0-2]\\.5)|99");
    /** The syntax of a capability name such as moodle/user:create (exact, no trailing newline). */
    private static final Pattern CAPABILITY = Pattern.compile("[a-z][a-z0-9_]*/[a-z][a-z0-9_]*:[a-z][a-z0-9_]*");

    private static final Pattern BASE64_CHARS = php("^([\\s\\w/+=]+)$", false);
    private static final Pattern BASE64_SPLIT = Pattern.compile("\\s+");

    private static final Pattern DOMAIN_NAME = php(
            "^(([a-zA-Z0-9](([a-zA-Z0-9-]{0,61})[a-zA-Z0-9])?\\.)*([a-zA-Z](([a-zA-Z0-9-]*)[a-zA-Z0-9])?))$", true);

    private static final Pattern LANG_OPEN = Pattern.compile("<lang lang=\"[a-zA-Z0-9_-]+\"\\s*>",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPAN_OPEN = Pattern.compile(
            "<span(\\s+lang=\"[a-zA-Z0-9_-]+\"|\\s+class=\"multilang\"){2}\\s*>", Pattern.UNICODE_CHARACTER_CLASS);

    /** PARAM_URL: validateUrlSyntax($url, 's?H?S?F?E-u-P-a?I?p?f?q?r?'). */
    private static final Pattern URL = UrlSyntax.compile("s?H?S?F?E-u-P-a?I?p?f?q?r?");
    /** PARAM_LOCALURL's check of a relative URL: validateUrlSyntax('/' . $url, 's-u-P-a-p-f+q?r?'). */
    private static final Pattern RELATIVE_URL = UrlSyntax.compile("s-u-P-a-p-f+q?r?");
    /**
     * The word "javascript" (as PCRE's \b sees words, on bytes); a relative URL is refused when a
     * ':' or '/' follows it.
     */
    private static final Pattern JAVASCRIPT = Pattern.compile(
            "(?<![A-Za-z0-9_])javascript(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE);

    private static final Pattern EMAIL = EmailSyntax.PATTERN;

    private final Predicate<String> knownCapability;
    private final Predicate<String> installedLanguage;
    private final String siteUrl;
    private final boolean extendedUsernameChars;

    /**
     * @param knownCapability   whether a capability exists on this site (Moodle's
     *                          {@code get_capability_info()}); only called for syntactically
     *                          valid names
     * @param installedLanguage whether a language pack is installed (Moodle's
     *                          {@code translation_exists()})
     */
    public ParamTypes(Predicate<String> knownCapability, Predicate<String> installedLanguage) {
        this(knownCapability, installedLanguage, null, false);
    }

    /** Capabilities checked for syntax only (such as {@code moodle/user:create}); only "en" installed. */
    public ParamTypes() {
        this(c -> true, Set.of("en")::contains);
    }

    private ParamTypes(Predicate<String> knownCapability, Predicate<String> installedLanguage, String siteUrl,
            boolean extendedUsernameChars) {
        this.knownCapability = Objects.requireNonNull(knownCapability, "knownCapability");
        this.installedLanguage = Objects.requireNonNull(installedLanguage, "installedLanguage");
        this.siteUrl = siteUrl;
        this.extendedUsernameChars = extendedUsernameChars;
    }

    /**
     * A copy that knows the site's address ({@code $CFG->wwwroot}, such as
     * {@code https://lms.example.org}, without a trailing slash), so that
     * {@link ParamType#LOCALURL} accepts absolute URLs on this site. Without it only relative
     * URLs are local.
     */
    public ParamTypes withSiteUrl(String siteUrl) {
        return new ParamTypes(knownCapability, installedLanguage, siteUrl, extendedUsernameChars);
    }

    /**
     * A copy with Moodle's {@code $CFG->extendedusernamechars} set: {@link ParamType#USERNAME} then
     * only trims and lower-cases.
     */
    public ParamTypes withExtendedUsernameChars(boolean enabled) {
        return new ParamTypes(knownCapability, installedLanguage, siteUrl, enabled);
    }

    // ------------------------------------------------------------------ public API

    /**
     * Moodle's {@code clean_param($value, $type)} for a string value; returns the cleaned string
     * (for INT, FLOAT and BOOL the PHP result converted to a string the way PHP would).
     * A {@code null} value is cleaned as PHP's null.
     */
    public String clean(ParamType type, String value) {
        return PhpStrings.toPhpString(cleanValue(type, value));
    }

    /**
     * Moodle's {@code external_api::validate_parameters()} for an {@code external_value}, including
     * its call of {@code validate_param()}.
     *
     * @param value a String (form or query parameters), a Long/Integer/Double/Boolean (JSON), null,
     *              or a Map/List (always refused)
     * @return Long for INT, Double for FLOAT, Boolean for BOOL, String otherwise; null when the
     *         value is null and allowed to be
     * @throws WsException {@code invalidparameter} with Moodle's debuginfo
     */
    public Object validateParameter(ParamType type, Object value, boolean allowNull) throws WsException {
        Objects.requireNonNull(type, "type");
        if (value == null && allowNull) {
            return null;
        }
        if (!isScalar(value)) {
            throw WsException.invalidParameter(SCALAR_EXPECTED);
        }
        Object php = toPhp(value);
        if (type == ParamType.BOOL && isBoolSpecialCase(php)) {
            return boolSpecialCase(php);
        }
        String debuginfo = "Invalid external api parameter: the value is \"" + PhpStrings.toPhpString(php)
                + "\", the server was expecting \"" + type.moodleName() + "\" type";
        Object result = validateParam(type, php, allowNull);
        if (result == INVALID) {
            throw WsException.invalidParameter(debuginfo);
        }
        return result;
    }

    /**
     * Moodle's {@code external_api::clean_returnvalue()} for an {@code external_value}: the
     * PARAM_BOOL special case, then {@code validate_param()}.
     *
     * @param value what a Java function returned: String, Long, Integer, Short, Byte, Double,
     *              Float, Boolean, BigDecimal, BigInteger or null; anything else is refused
     * @return Long for INT, Double for FLOAT, Boolean for BOOL, String otherwise; null when the
     *         value is null and allowed to be
     * @throws WsException {@code invalidresponse} with Moodle's debuginfo
     */
    public Object cleanReturn(ParamType type, Object value, boolean allowNull) throws WsException {
        Objects.requireNonNull(type, "type");
        if (value == null && allowNull) {
            return null;
        }
        if (!isScalar(value)) {
            throw WsException.invalidResponse(SCALAR_EXPECTED);
        }
        Object php = toPhp(value);
        if (type == ParamType.BOOL && isBoolSpecialCase(php)) {
            return boolSpecialCase(php);
        }
        Object result = validateParam(type, php, allowNull);
        if (result == INVALID) {
            // Built only on failure: this runs for every value every function returns.
            throw WsException.invalidResponse("Invalid external api response: the value is \""
                    + PhpStrings.toPhpString(php) + "\" of PHP type \"" + phpTypeName(php)
                    + "\", the server was expecting \"" + type.moodleName() + "\" type");
        }
        // clean_param() returns PARAM_RAW unchanged, so a returned number or boolean stays one
        // (Moodle's JSON shows "value":1 for a RAW key); parameters still reach functions as text.
        if (type == ParamType.RAW && !(php instanceof String)) {
            return php;
        }
        return result;
    }

    // ------------------------------------------------------------------ validate_param

    /** Marks a failed validate_param(); never returned to callers. */
    private static final Object INVALID = new Object();

    /**
     * Moodle's {@code validate_param()} on a PHP value; returns the cleaned value as the Java type
     * of the type, null, or {@link #INVALID}.
     */
    private Object validateParam(ParamType type, Object php, boolean allowNull) {
        if (php == null) {
            return allowNull ? null : INVALID;
        }
        Object cleaned = cleanValue(type, php);
        if (type == ParamType.FLOAT) {
            if (!(php instanceof Long || php instanceof Double)) {
                String s = PhpStrings.toPhpString(php);
                if (!(php instanceof String) || !PhpStrings.isNumeric(s) || !FLOAT_SYNTAX.matcher(s).find()) {
                    return INVALID;
                }
            }
        } else if (!PhpStrings.toPhpString(php).equals(PhpStrings.toPhpString(cleaned))) {
            return INVALID;
        }
        switch (type) {
        case INT:
            return cleaned;
        case FLOAT:
            return cleaned;
        case BOOL:
            return ((Long) cleaned) != 0;
        default:
            return PhpStrings.toPhpString(cleaned);
        }
    }

    /** The values validate_parameters() and clean_returnvalue() turn into a boolean directly. */
    private static boolean isBoolSpecialCase(Object php) {
        if (php instanceof Boolean) {
            return true;
        }
        if (php instanceof Long l) {
            return l == 0 || l == 1;
        }
        return "0".equals(php) || "1".equals(php);
    }

    private static Boolean boolSpecialCase(Object php) {
        if (php instanceof Boolean b) {
            return b;
        }
        return !("0".equals(php) || Long.valueOf(0).equals(php));
    }

    // ------------------------------------------------------------------ Java values as PHP values

    private static boolean isScalar(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character;
    }

    /** The PHP value a Java scalar stands for. */
    private static Object toPhp(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            // The decimal value the Java code meant (0.1f is 0.1, not 0.100000001490116).
            return Double.parseDouble(Float.toString(f));
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        // Other numbers (such as a JSON parser's lazily parsed ones): an integer if they look like one.
        String s = value.toString();
        if (s.matches("-?[0-9]{1,19}")) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                // Too large: a float, as in PHP.
            }
        }
        return ((Number) value).doubleValue();
    }

    /** PHP's gettype() of a PHP value. */
    private static String phpTypeName(Object php) {
        if (php == null) {
            return "NULL";
        }
        if (php instanceof Long) {
            return "integer";
        }
        if (php instanceof Double) {
            return "double";
        }
        if (php instanceof Boolean) {
            return "boolean";
        }
        return "string";
    }

    // ------------------------------------------------------------------ clean_param

    /**
     * Moodle's {@code clean_param()} on a PHP value: Long for INT, Double for FLOAT, Long 0/1 for
     * BOOL, the unchanged non-string value for RAW, a String otherwise.
     */
    private Object cleanValue(ParamType type, Object v) {
        switch (type) {
        case INT:
            return PhpStrings.toInt(v);
        case FLOAT:
            return PhpStrings.toFloat(v);
        case BOOL:
            return cleanBool(v);
        case RAW:
            return v instanceof String s ? PhpStrings.fixUtf8(s) : v;
        case RAW_TRIMMED:
            return PhpStrings.trim(PhpStrings.fixUtf8(str(v)));
        case TEXT:
            return cleanText(PhpStrings.fixUtf8(str(v)));
        case NOTAGS:
            return PhpStrings.stripTags(PhpStrings.fixUtf8(str(v)));
        case ALPHA:
            return keepOnly(str(v), NOT_ALPHA, "");
        case ALPHAEXT:
            return keepOnly(str(v), NOT_ALPHAEXT, "_-");
        case ALPHANUM:
            return keepOnly(str(v), NOT_ALPHANUM, "0123456789");
        case ALPHANUMEXT:
        case SAFEDIR:
            return keepOnly(str(v), NOT_ALPHANUMEXT, "0123456789_-");
        case SAFEPATH:
            return keepOnly(str(v), NOT_SAFEPATH, "0123456789/_-");
        case SEQUENCE:
            return keepOnly(str(v), NOT_SEQUENCE, null);
        case EMAIL: {
            String s = PhpStrings.fixUtf8(str(v));
            return isValidEmail(s) ? s : "";
        }
        case USERNAME:
            return cleanUsername(str(v));
        case URL:
            return cleanUrl(str(v));
        case LOCALURL:
            return cleanLocalUrl(str(v));
        case FILE:
            return cleanFile(str(v));
        case PATH:
            return cleanPath(str(v));
        case LANG: {
            String lang = keepOnly(str(v), NOT_ALPHANUMEXT, "0123456789_-");
            return installedLanguage.test(lang) ? lang : "";
        }
        case TIMEZONE: {
            String s = PhpStrings.fixUtf8(str(v));
            String subject = pcreSubject(s);
            return TIMEZONE_OFFSET.matcher(subject).matches() || isTimezoneName(subject) ? s : "";
        }
        case COMPONENT:
            return cleanComponent(str(v));
        case AREA:
        case PLUGIN: {
            String s = str(v);
            String subject = pcreSubject(s);
            return PLUGIN_NAME.matcher(subject).matches() && subject.indexOf("__", 2) < 0 ? s : "";
        }
        case CAPABILITY: {
            String s = str(v);
            return CAPABILITY.matcher(s).matches() && knownCapability.test(s) ? s : "";
        }
        case BASE64:
            return cleanBase64(v);
        case HOST:
            // is_domain_name() refuses anything but a string; no IPv4 address is the string of a number.
            return v instanceof String s && (isDomainName(s) || isIpv4(s)) ? s : "";
        case TAG:
            return cleanTag(str(v));
        default:
            throw new IllegalArgumentException("unsupported parameter type " + type);
        }
    }

    private static String str(Object v) {
        return PhpStrings.toPhpString(v);
    }

    private static long cleanBool(Object v) {
        String lower = PhpStrings.asciiLower(str(v));
        if (lower.equals("on") || lower.equals("yes") || lower.equals("true")) {
            return 1;
        }
        if (lower.equals("off") || lower.equals("no") || lower.equals("false")) {
            return 0;
        }
        return PhpStrings.isEmpty(v) ? 0 : 1;
    }

    /** PARAM_TEXT: every tag stripped, except well-formed multilang {@code <lang>} or {@code <span>}. */
    private static String cleanText(String s) {
        if (s.contains("</lang>")) {
            String kept = PhpStrings.stripTags(s, "<lang>");
            return multilangBalanced(kept, "</lang>", LANG_OPEN) ? kept : PhpStrings.stripTags(kept);
        }
        if (s.contains("</span>")) {
            String kept = PhpStrings.stripTags(s, "<span>");
            return multilangBalanced(kept, "</span>", SPAN_OPEN) ? kept : PhpStrings.stripTags(kept);
        }
        return PhpStrings.stripTags(s);
    }

    /**
     * Whether the tags left ({@code <} to the next {@code >}, as {@code /<.*>/suU} finds them) are
     * correctly nested multilang opening and closing tags.
     */
    private static boolean multilangBalanced(String s, String closing, Pattern opening) {
        boolean any = false;
        boolean open = false;
        int from = 0;
        while (true) {
            int start = s.indexOf('<', from);
            int end = start < 0 ? -1 : s.indexOf('>', start + 1);
            if (end < 0) {
                break;
            }
            from = end + 1;
            any = true;
            String tag = s.substring(start, end + 1);
            if (tag.equals(closing)) {
                if (!open) {
                    return false;
                }
                open = false;
            } else if (opening.matcher(tag).matches()) {
                open = true;
            } else {
                return false;
            }
        }
        return any && !open;
    }

    private String cleanUsername(String value) {
        String s = PhpStrings.trim(PhpStrings.fixUtf8(value));
        s = s.toLowerCase(java.util.Locale.ROOT);
        if (!extendedUsernameChars) {
            s = s.replace(" ", "");
            s = NOT_USERNAME.matcher(s).replaceAll("");
        }
        return s;
    }

    private static String cleanFile(String value) {
        String s = FILE_FORBIDDEN.matcher(PhpStrings.fixUtf8(value)).replaceAll("");
        return s.equals(".") || s.equals("..") ? "" : s;
    }

    private static String cleanPath(String value) {
        String s = PhpStrings.fixUtf8(value).replace('\\', '/');
        String[] crumbs = s.split("/", -1);
        List<String> cleaned = new ArrayList<>(crumbs.length);
        for (int i = 0; i < crumbs.length; i++) {
            cleaned.add(i == 0 && crumbs[i].equals(".") ? crumbs[i] : cleanFile(crumbs[i]));
        }
        s = String.join("/", cleaned);
        s = MULTIPLE_SLASHES.matcher(s).replaceAll("/");
        return CURRENT_DIRS.matcher(s).replaceAll("/");
    }

    /**
     * {@code s} without the characters {@code remove} matches: {@code s} itself when every
     * character is an ASCII letter or one of {@code extra} (with {@code letters} null: only
     * {@code extra}), which is the common case and needs no regex engine; else the regex, so
     * the result is always the regex's.
     *
     * @param extra the characters besides ASCII letters that {@code remove} keeps; for
     *              {@link #NOT_SEQUENCE} (no letters) pass null and the class is digits and comma
     */
    private static String keepOnly(String s, Pattern remove, String extra) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            boolean kept = extra == null ? c >= '0' && c <= '9' || c == ','
                    : c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || extra.indexOf(c) >= 0;
            if (!kept) {
                return remove.matcher(s).replaceAll("");
            }
        }
        return s;
    }

    private static String cleanComponent(String s) {
        if (!COMPONENT.matcher(pcreSubject(s)).matches() || s.contains("__")) {
            return "";
        }
        if (s.startsWith("mod_") && s.chars().filter(c -> c == '_').count() != 1) {
            return "";
        }
        return s;
    }

    /**
     * Checked URLs, remembered: the URL syntax is the most expensive rule, and functions return
     * the same few URLs (the site's, a user's picture) over and over. Bounded; a full cache is
     * simply emptied.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> validUrls =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int VALID_URLS_MAX = 4096;

    private String cleanUrl(String value) {
        String s = PhpStrings.fixUtf8(value);
        if (PhpStrings.isEmpty(s)) {
            return "";
        }
        Boolean valid = validUrls.get(s);
        if (valid == null) {
            valid = UrlSyntax.matches(URL, s);
            if (validUrls.size() >= VALID_URLS_MAX) {
                validUrls.clear();
            }
            validUrls.put(s, valid);
        }
        return valid ? s : "";
    }

    private String cleanLocalUrl(String value) {
        String s = cleanUrl(value);
        if (PhpStrings.isEmpty(s)) {
            return s;
        }
        if (siteUrl != null && s.equals(siteUrl)) {
            return s;
        }
        if (s.startsWith("/")) {
            return s;
        }
        if (siteUrl != null && startsWithIgnoreAsciiCase(s, siteUrl + "/")) {
            return s;
        }
        if (UrlSyntax.matches(RELATIVE_URL, "/" + s) && !hasJavascriptTrick(s)) {
            return s;
        }
        return "";
    }

    /** PARAM_LOCALURL's {@code /\bjavascript\b[\s\S]*?(?:\:|\/)/i} on the rawurldecode()d URL. */
    private static boolean hasJavascriptTrick(String url) {
        String decoded = PhpStrings.rawUrlDecodeBytes(url);
        Matcher m = JAVASCRIPT.matcher(decoded);
        if (!m.find()) {
            return false;
        }
        return decoded.indexOf(':', m.end()) >= 0 || decoded.indexOf('/', m.end()) >= 0;
    }

    private static boolean startsWithIgnoreAsciiCase(String s, String prefix) {
        return s.length() >= prefix.length()
                && PhpStrings.asciiLower(s.substring(0, prefix.length())).equals(PhpStrings.asciiLower(prefix));
    }

    private static String cleanBase64(Object v) {
        if (PhpStrings.isEmpty(v)) {
            return "";
        }
        String s = str(v);
        if (!BASE64_CHARS.matcher(PhpStrings.trim(s)).find()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (String line : BASE64_SPLIT.split(s)) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            int length = PhpStrings.strlen(lines.get(i));
            if (i + 1 == lines.size() ? length > 64 : length != 64) {
                return "";
            }
        }
        return String.join("\n", lines);
    }

    private static String cleanTag(String value) {
        String s = PhpStrings.fixUtf8(value);
        s = TAG_FORBIDDEN.matcher(s).replaceAll("");
        s = TAG_SPACES.matcher(s).replaceAll(" ");
        return PhpStrings.firstCodePoints(PhpStrings.trim(s), TAG_MAX_LENGTH);
    }

    // ------------------------------------------------------------------ e-mail, host

    /**
     * Moodle's {@code validate_email()}: PHPMailer's default check (no line breaks, then PHP's
     * {@code FILTER_VALIDATE_EMAIL}), and no {@code <} or {@code >}.
     */
    private static boolean isValidEmail(String s) {
        if (s.isEmpty() || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return false;
        }
        if (s.indexOf('<') >= 0 || s.indexOf('>') >= 0) {
            return false;
        }
        String bytes = PhpStrings.utf8Bytes(s);
        if (bytes.length() > 320) {
            return false;
        }
        try {
            return EMAIL.matcher(bytes).matches();
        } catch (StackOverflowError e) {
            return false; // PCRE would give up as well
        }
    }

    /** Moodle's {@code ip_utils::is_domain_name()}. */
    private static boolean isDomainName(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        String name = s.substring(0, end);
        return PhpStrings.strlen(name) <= 253 && DOMAIN_NAME.matcher(name).find();
    }

    /** PHP's {@code filter_var($s, FILTER_VALIDATE_IP, FILTER_FLAG_IPV4)}. */
    static boolean isIpv4(String s) {
        if (s.indexOf(':') >= 0 || s.indexOf('.') < 0) {
            return false;
        }
        int i = 0;
        int n = s.length();
        for (int part = 0; part < 4; part++) {
            if (i >= n || s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
            boolean leadingZero = s.charAt(i) == '0';
            int num = s.charAt(i++) - '0';
            int digits = 1;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                num = num * 10 + s.charAt(i++) - '0';
                if (num > 255 || ++digits > 3) {
                    return false;
                }
            }
            if (leadingZero && (num != 0 || digits > 1)) {
                return false;
            }
            if (part < 3) {
                if (i >= n || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        return i == n;
    }

    /**
     * What a PCRE pattern ending in {@code $} (without the D modifier) has to match: the string
     * without one final newline, as PCRE's {@code $} also matches before it.
     */
    private static String pcreSubject(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * PARAM_TIMEZONE's named alternative {@code [[:alnum:]]+(\/?[[:alpha:]_-])+}, checked in linear
     * time: some ASCII letters and digits (all digits among them), then a non-empty rest of ASCII
     * letters, '_', '-' and single '/' not at its end.
     */
    private static boolean isTimezoneName(String s) {
        int lastDigit = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                lastDigit = i;
            }
        }
        int split = Math.max(1, lastDigit + 1);
        if (split >= s.length()) {
            return false;
        }
        for (int i = 0; i < split; i++) {
            if (!isAsciiAlnum(s.charAt(i))) {
                return false;
            }
        }
        for (int i = split; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/') {
                if (i + 1 >= s.length() || s.charAt(i + 1) == '/') {
                    return false;
                }
            } else if (!(isAsciiAlnum(c) && !(c >= '0' && c <= '9')) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /**
     * A PCRE-like pattern: {@code $} matches at the end or before a final newline (PCRE's default,
     * which Moodle's patterns rely on), and only ASCII is case-folded.
     */
    private static Pattern php(String regex, boolean caseInsensitive) {
        return Pattern.compile(regex, Pattern.UNIX_LINES | (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0));
    }

    // ------------------------------------------------------------------ helpers with patterns

    /**
     * Moodle's {@code validateUrlSyntax($url, $options)} (lib/validateurlsyntax.php), as one
     * case-insensitive pattern built from the options. Unbounded repetitions are possessive where
     * that cannot change the result, so that long input cannot make the matcher backtrack
     * for ever.
     */
    static final class UrlSyntax {

        private static final String UNRESERVED = "a-zA-Z0-9_.!~*'()\\-";
        private static final String ESCAPED = "%[0-9a-fA-F]{2}";

        private UrlSyntax() {
        }

        static boolean matches(Pattern p, String url) {
            try {
                return p.matcher(url).find();
            } catch (StackOverflowError e) {
                return false; // PCRE would fail with a limit error; Moodle treats that as no match
            }
        }

        static Pattern compile(String options) {
            String s = option(options, 's', "?");
            String h = option(options, 'H', "?");
            String ss = option(options, 'S', "?");
            String e = option(options, 'E', "-");
            String f = option(options, 'F', "-");
            String u = option(options, 'u', "?");
            String pw = option(options, 'P', "?");
            String a = option(options, 'a', "+");
            String ip = option(options, 'I', "?");
            String port = option(options, 'p', "?");
            String path = option(options, 'f', "?");
            String q = option(options, 'q', "?");
            String r = option(options, 'r', "?");

            String scheme;
            if (h.isEmpty()) {
                scheme = "(http://)";
            } else if (ss.isEmpty()) {
                scheme = "(https://)";
            } else if (e.isEmpty()) {
                scheme = "(mailto:)";
            } else if (f.isEmpty()) {
                scheme = "(ftp://)";
            } else {
                List<String> alternatives = new ArrayList<>();
                if (h.equals("?")) {
                    alternatives.add("(http://)");
                }
                if (ss.equals("?")) {
                    alternatives.add("(https://)");
                }
                if (e.equals("?")) {
                    alternatives.add("(mailto:)");
                }
                if (f.equals("?")) {
                    alternatives.add("(ftp://)");
                }
                scheme = "(" + String.join("|", alternatives) + ")";
            }
            scheme += s;

            String userChars = "(?:[" + UNRESERVED + ";&=+$,]++|" + ESCAPED + ")++";
            String passwordChars = "(?:[" + UNRESERVED + ";:&=+$,]++|" + ESCAPED + ")++";
            String userinfo = "(" + userChars + "(:" + passwordChars + ")" + pw + "@)" + u;

            String octet = "((2(([0-4][0-9])|(5[0-5])))|([01]?[0-9]?[0-9]))";
            String ipAddress = "((" + octet + "\\.){3}" + octet + ")";
            String tertiary = "([a-zA-Z0-9](([a-zA-Z0-9-]{0,62})[a-zA-Z0-9])?\\.)*";
            String topLevel = "([a-zA-Z](([a-zA-Z0-9-]*)[a-zA-Z0-9])?)";
            String address;
            if (ip.equals("{0}")) {
                address = "(" + tertiary + topLevel + ")";
            } else if (ip.isEmpty()) {
                address = "(" + ipAddress + ")";
            } else {
                address = "((" + ipAddress + ")|(" + tertiary + topLevel + "))";
            }
            address += a;

            String portNumber = "(:(([0-5]?[0-9]{1,4})|(6[0-4][0-9]{3})|(65[0-4][0-9]{2})|(655[0-2][0-9])"
                    + "|(6553[0-5])))" + port;
            String segmentChars = "(?:[" + UNRESERVED + ":@&=+$,]++|" + ESCAPED + ")++";
            String pathPart = "(/(;?" + segmentChars + "/?)*+)" + path;
            String queryChars = "(?:[;/?:@&=+$," + UNRESERVED + "]++|" + ESCAPED + ")*+";
            String query = "(\\?" + queryChars + ")" + q;
            String fragment = "(#" + queryChars + ")" + r;

            String regex = "^" + scheme + userinfo + address + portNumber + pathPart + query + fragment + "$";
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNIX_LINES);
        }

        /** An option's quantifier: "-" is {0}, "+" is required (nothing), "?" is optional. */
        private static String option(String options, char key, String def) {
            int i = options.indexOf(key);
            String value = i < 0 ? def : options.substring(i + 1, i + 2);
            switch (value) {
            case "-":
                return "{0}";
            case "+":
                return "";
            default:
                return value;
            }
        }
    }

    /**
     * PHP's {@code FILTER_VALIDATE_EMAIL} (without FILTER_FLAG_EMAIL_UNICODE), matched against the
     * UTF-8 bytes of the address (one char per byte), case-insensitively. The domain's nested
     * label repetition is written as one possessive repetition, which accepts the same addresses.
     */
    static final class EmailSyntax {

        private static final String ATOM = "[\\x21\\x23-\\x27\\x2A\\x2B\\x2D\\x2F-\\x39\\x3D\\x3F\\x5E-\\x7E]+";
        private static final String QUOTED =
                "\\x22(?:[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\x21\\x23-\\x5B\\x5D-\\x7F]|\\x5C[\\x00-\\x7F])*\\x22";
        private static final String WORD = "(?:" + ATOM + "|" + QUOTED + ")";
        private static final String LOCAL_CHAR = "(?:\\x22?\\x5C[\\x00-\\x7E]\\x22?|\\x22?[^\\x5C\\x22]\\x22?)";
        private static final String LABEL = "(?:xn--)?[a-z0-9]+(?:-+[a-z0-9]+)*";
        private static final String DOMAIN = "(?!.*[^.]{64,})(?:" + LABEL + "\\.)++"
                + "(?:[a-z][a-z0-9]*|xn--[a-z0-9]+)(?:-+[a-z0-9]+)*";
        private static final String IPV4 = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
                + "(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}";
        private static final String H16 = "[a-f0-9]{1,4}";
        private static final String IPV6_FULL = H16 + "(?::" + H16 + "){7}";
        private static final String IPV6_COMP = "(?!(?:.*[a-f0-9][:\\]]){7,})(?:" + H16 + "(?::" + H16 + "){0,5})?::(?:"
                + H16 + "(?::" + H16 + "){0,5})?";
        private static final String IPV6V4_FULL = H16 + "(?::" + H16 + "){5}:";
        private static final String IPV6V4_COMP = "(?!(?:.*[a-f0-9]:){5,})(?:" + H16 + "(?::" + H16 + "){0,3})?::(?:"
                + H16 + "(?::" + H16 + "){0,3}:)?";
        private static final String LITERAL = "\\[(?:IPv6:(?:" + IPV6_FULL + "|" + IPV6_COMP + ")|(?:IPv6:(?:"
                + IPV6V4_FULL + "|" + IPV6V4_COMP + "))?" + IPV4 + ")\\]";

        static final Pattern PATTERN = Pattern.compile("(?!" + LOCAL_CHAR + "{255,})(?!" + LOCAL_CHAR + "{65,}@)"
                + WORD + "(?:\\." + WORD + ")*@(?:" + DOMAIN + "|" + LITERAL + ")",
                Pattern.CASE_INSENSITIVE | Pattern.UNIX_LINES);

        private EmailSyntax() {
        }
    }
}
