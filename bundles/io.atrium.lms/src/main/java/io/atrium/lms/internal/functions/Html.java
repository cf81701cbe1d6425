package io.atrium.lms.internal.functions;

import java.util.regex.Pattern;

/** What Moodle's text formatting does to stored text on its way out that matters to clients. */
final class Html {

    /** An ampersand that does not start an entity. */
    private static final Pattern BARE_AMPERSAND = Pattern.compile("&(?!(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)");

    private Html() {
    }

    /** The text as Moodle's format_text/format_string give it: bare ampersands escaped. */
    static String formatted(String text) {
        return text == null ? "" : BARE_AMPERSAND.matcher(text).replaceAll("&amp;");
    }
}
