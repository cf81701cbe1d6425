package io.atrium.ws.api;

/**
 * The type of a {@linkplain ValueDescriptor value}: Moodle's {@code PARAM_*} types, with
 * Moodle's cleaning rules. A parameter is valid when cleaning leaves it unchanged (so
 * {@code "05"} is not an {@link #INT} and {@code "true"} is not a {@link #BOOL}); a return
 * value is cleaned to the type.
 * <p>
 * Validated parameters reach a function as {@code Long} ({@link #INT}), {@code Double}
 * ({@link #FLOAT}), {@code Boolean} ({@link #BOOL}) or {@code String} (every other type).
 */
public enum ParamType {

    /** An integer: optional minus sign and digits, no leading zero. */
    INT("int", "int"),
    /** A floating point number. */
    FLOAT("float", "double"),
    /** 0 or 1 (also {@code true}/{@code false} as JSON booleans). */
    BOOL("bool", "int"),
    /** Text without tags except Moodle's multilang {@code <span lang>} and {@code <lang>}. */
    TEXT("text", "string"),
    /** Anything, unchanged. */
    RAW("raw", "string"),
    /** Anything, with leading and trailing white space removed. */
    RAW_TRIMMED("raw_trimmed", "string"),
    /** Letters a-z and A-Z. */
    ALPHA("alpha", "string"),
    /** Letters, {@code _}, {@code -}. */
    ALPHAEXT("alphaext", "string"),
    /** Letters and digits. */
    ALPHANUM("alphanum", "string"),
    /** Letters, digits, {@code _}, {@code -}. */
    ALPHANUMEXT("alphanumext", "string"),
    /** Text with every HTML tag removed. */
    NOTAGS("notags", "string"),
    /** An e-mail address, or empty. */
    EMAIL("email", "string"),
    /** A Moodle user name: lower case, restricted characters. */
    USERNAME("username", "string"),
    /** An absolute URL (http, https, ftp...) or empty. */
    URL("url", "string"),
    /** A URL on this site, absolute or relative. */
    LOCALURL("localurl", "string"),
    /** A file name, without path separators. */
    FILE("file", "string"),
    /** A relative path: no {@code ..}, normalised separators. */
    PATH("path", "string"),
    /** A directory name: letters, digits, {@code _}, {@code -}. */
    SAFEDIR("safedir", "string"),
    /** A relative path of safe directory names. */
    SAFEPATH("safepath", "string"),
    /** A comma-separated list of integers. */
    SEQUENCE("sequence", "string"),
    /** An installed language code, such as {@code en} or {@code pt_br}. */
    LANG("lang", "string"),
    /** A time zone name, such as {@code Europe/Madrid}, or {@code 99} for the server's. */
    TIMEZONE("timezone", "string"),
    /** A frankenstyle component name, such as {@code mod_forum}. */
    COMPONENT("component", "string"),
    /** A file area name, such as {@code attachment}. */
    AREA("area", "string"),
    /** A plugin name, such as {@code forum}. */
    PLUGIN("plugin", "string"),
    /** A capability name, such as {@code moodle/user:create}. */
    CAPABILITY("capability", "string"),
    /** Base64-encoded data. */
    BASE64("base64", "string"),
    /** A host name or IP address. */
    HOST("host", "string"),
    /** A tag name. */
    TAG("tag", "string");

    private final String moodleName;
    private final String scalarName;

    ParamType(String moodleName, String scalarName) {
        this.moodleName = moodleName;
        this.scalarName = scalarName;
    }

    /** The name Moodle gives the type ({@code PARAM_INT} is {@code "int"}), as error texts show it. */
    public String moodleName() {
        return moodleName;
    }

    /**
     * The scalar the wire formats use: {@code int}, {@code double} or {@code string}, as the
     * documentation's general structure and the WSDL show it.
     */
    public String scalarName() {
        return scalarName;
    }

    /**
     * Finds a type by its Moodle name; the aliases Moodle accepts ({@code integer},
     * {@code number}, {@code action}, {@code format}, {@code multilang}) too.
     *
     * @throws IllegalArgumentException for a name Atrium does not know
     */
    public static ParamType ofMoodleName(String name) {
        switch (name) {
        case "integer":
            return INT;
        case "number":
            return FLOAT;
        case "action":
        case "format":
            return ALPHANUMEXT;
        case "multilang":
            return TEXT;
        default:
            for (ParamType t : values()) {
                if (t.moodleName.equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown parameter type '" + name + "'");
        }
    }
}
