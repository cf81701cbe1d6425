package io.atrium.ws.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds descriptors the way Moodle's external API reads:
 *
 * <pre>
 * import static io.atrium.ws.api.Descriptors.*;
 *
 * SingleStructure parameters = single(
 *         key("users", multiple(single(
 *                 key("username", value(ParamType.USERNAME, "Username")),
 *                 key("email", value(ParamType.EMAIL, "E-mail address").optional()),
 *                 key("auth", value(ParamType.PLUGIN, "Authentication").withDefault("manual"))))));
 * </pre>
 */
public final class Descriptors {

    private Descriptors() {
    }

    /** A key of a {@link SingleStructure}. */
    public record Key(String name, Descriptor descriptor) {
    }

    /** A required key. */
    public static Key key(String name, Descriptor descriptor) {
        return new Key(name, descriptor);
    }

    /** A required scalar that accepts {@code null}, as Moodle's {@code external_value} by default. */
    public static ValueDescriptor value(ParamType type, String description) {
        return new ValueDescriptor(type, description, Presence.REQUIRED, null, true);
    }

    /** A required structure with these keys, in this order. */
    public static SingleStructure single(Key... keys) {
        return single("", keys);
    }

    /** A required, described structure with these keys, in this order. */
    public static SingleStructure single(String description, Key... keys) {
        Map<String, Descriptor> map = new LinkedHashMap<>();
        for (Key k : keys) {
            if (map.put(k.name(), k.descriptor()) != null) {
                throw new IllegalArgumentException("the key '" + k.name() + "' is given twice");
            }
        }
        return new SingleStructure(map, description, Presence.REQUIRED, null, false);
    }

    /** A required list of {@code content}. */
    public static MultipleStructure multiple(Descriptor content) {
        return multiple(content, "");
    }

    /** A required, described list of {@code content}. */
    public static MultipleStructure multiple(Descriptor content, String description) {
        return new MultipleStructure(content, description, Presence.REQUIRED, null, false);
    }

    /**
     * Moodle's {@code external_warnings}: an optional list of {@code item}, {@code itemid},
     * {@code warningcode} and {@code message}, for functions that report per-item problems
     * without failing.
     */
    public static MultipleStructure warnings() {
        return multiple(single("warning",
                key("item", value(ParamType.TEXT, "item").optional()),
                key("itemid", value(ParamType.INT, "item id").optional()),
                key("warningcode", value(ParamType.ALPHANUM,
                        "the warning code can be used by the client app to implement specific behaviour")),
                key("message", value(ParamType.RAW, "untranslated english message to explain the warning"))),
                "list of warnings").optional();
    }
}
