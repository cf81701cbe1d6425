package io.atrium.ws.docs.internal;

import java.util.Map;

import io.atrium.ws.api.Descriptor;
import io.atrium.ws.api.MultipleStructure;
import io.atrium.ws.api.Presence;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.api.ValueDescriptor;

/**
 * The texts of Moodle's API documentation page ({@code admin/webservice/documentation.php},
 * rendered by {@code core_webservice_renderer} in {@code webservice/renderer.php}), as plain
 * text: a line break where Moodle writes {@code <br />}, no styling. Moodle developers read
 * these boxes every day, so Atrium prints them the same way, quirks included (a key whose
 * description is empty shows no {@code Optional} marker and no line break, and a list closes
 * with {@code )} directly followed by the next key), rather than inventing a notation.
 * <p>
 * The texts are not HTML: the page escapes them.
 */
final class MoodleNotation {

    /** Moodle's REST XML declaration, as the documentation page prints it (with the space). */
    static final String XML_HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n";

    private MoodleNotation() {
    }

    /**
     * "Required", "Optional" or {@code Default to "x"}: what the page shows after an argument's
     * name ({@code users (Required)}), the default printed by PHP's {@code print_r}, a
     * {@code null} default as {@code null}.
     */
    static String presence(Descriptor d) {
        switch (d.presence()) {
        case OPTIONAL:
            return "Optional";
        case DEFAULT:
            return "Default to \"" + defaultText(d.defaultValue()) + "\"";
        default:
            return "Required";
        }
    }

    private static String defaultText(Object value) {
        return value == null ? "null" : Php.printR(value);
    }

    /**
     * The "General structure" box ({@code detailed_description_html}):
     * {@code list of ( object { name type Optional //description ... } )}, scalars as
     * {@code int}, {@code double} or {@code string}. A described element starts with its
     * presence and description and a line break; an element without description shows neither.
     */
    static String generalStructure(Descriptor d) {
        StringBuilder out = new StringBuilder();
        general(out, d);
        return out.toString();
    }

    private static void general(StringBuilder out, Descriptor d) {
        if (d instanceof MultipleStructure m) {
            describe(out, d);
            out.append("list of ( \n");
            general(out, m.content());
            out.append(')');
        } else if (d instanceof SingleStructure s) {
            describe(out, d);
            out.append("object {\n");
            for (Map.Entry<String, Descriptor> key : s.keys().entrySet()) {
                out.append(key.getKey()).append(' ');
                general(out, key.getValue());
            }
            out.append("} \n");
        } else {
            out.append(((ValueDescriptor) d).type().scalarName()).append(' ');
            describe(out, d);
        }
    }

    /** The {@code " Optional //description"} part and its line break, only for a described element. */
    private static void describe(StringBuilder out, Descriptor d) {
        if (d.description().isEmpty()) {
            return;
        }
        String marker = d.presence() == Presence.REQUIRED ? "" : presence(d);
        out.append(' ').append(marker).append(' ').append("//").append(d.description()).append('\n');
    }

    /**
     * The "REST (POST parameters)" box ({@code rest_param_description_html}): one line per
     * scalar, {@code users[0][username]= string}, lists shown by their first index.
     *
     * @param name the argument's name, which starts every line
     */
    static String restPostParameters(String name, Descriptor d) {
        StringBuilder out = new StringBuilder();
        rest(out, name, d);
        return out.toString();
    }

    private static void rest(StringBuilder out, String path, Descriptor d) {
        if (d instanceof MultipleStructure m) {
            rest(out, path + "[0]", m.content());
        } else if (d instanceof SingleStructure s) {
            for (Map.Entry<String, Descriptor> key : s.keys().entrySet()) {
                rest(out, path + "[" + key.getKey() + "]", key.getValue());
            }
        } else {
            out.append(path).append("= ").append(((ValueDescriptor) d).type().scalarName()).append('\n');
        }
    }

    /**
     * The REST XML response skeleton ({@code description_in_indented_xml_format} inside
     * {@code RESPONSE}): indented by four spaces a level, scalars as {@code <VALUE>int</VALUE>}.
     * For a function that returns nothing, an empty {@code RESPONSE}, which is what Moodle's
     * REST server sends for it (Moodle's page shows no box then).
     */
    static String xmlSkeleton(Descriptor returns) {
        StringBuilder out = new StringBuilder(XML_HEADER).append("<RESPONSE>\n");
        if (returns != null) {
            xml(out, returns, "");
        }
        return out.append("</RESPONSE>\n").toString();
    }

    private static void xml(StringBuilder out, Descriptor d, String outer) {
        String indent = outer + "    ";
        if (d instanceof MultipleStructure m) {
            out.append(indent).append("<MULTIPLE>\n");
            xml(out, m.content(), indent);
            out.append(indent).append("</MULTIPLE>\n");
        } else if (d instanceof SingleStructure s) {
            out.append(indent).append("<SINGLE>\n");
            String keyIndent = indent + "    ";
            for (Map.Entry<String, Descriptor> key : s.keys().entrySet()) {
                out.append(keyIndent).append("<KEY name=\"").append(xmlEscape(key.getKey())).append("\">\n");
                xml(out, key.getValue(), keyIndent);
                out.append(keyIndent).append("</KEY>\n");
            }
            out.append(indent).append("</SINGLE>\n");
        } else {
            out.append(indent).append("<VALUE>").append(((ValueDescriptor) d).type().scalarName())
                    .append("</VALUE>\n");
        }
    }

    /** As the REST server escapes a key name ({@code htmlspecialchars}, ENT_COMPAT). */
    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
