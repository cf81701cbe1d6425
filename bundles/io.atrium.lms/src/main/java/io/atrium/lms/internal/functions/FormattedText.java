package io.atrium.lms.internal.functions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Moodle's web services return for a stored text with its format (their
 * {@code util::format_text}): HTML ready to show, whose format is then always 1 (HTML).
 * <p>
 * This is a small subset of Moodle's cleaning, enough for descriptions: HTML keeps its tags but
 * loses scripts and styles, and a bare {@code &} becomes {@code &amp;} as HTML Purifier writes
 * it (Moodle answers {@code <p>a & b</p>} with {@code <p>a &amp; b</p>}); plain text is escaped
 * with its line breaks kept; Moodle's auto-format is HTML with line breaks, in Moodle's
 * {@code text_to_html} wrapper. Markdown is escaped like plain text, not rendered.
 */
final class FormattedText {

    /** Moodle's FORMAT_HTML. */
    static final int HTML = 1;

    private static final Pattern ACTIVE = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
    /** An ampersand that does not start a character reference. */
    private static final Pattern BARE_AMP = Pattern.compile("&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)");

    private FormattedText() {
    }

    /** The text as HTML to return, for its stored format (0, 1, 2 or 4). */
    static String of(String text, int format) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        switch (format) {
        case 1:
            return cleanHtml(text);
        case 0:
            return "<div class=\"text_to_html\">" + lineBreaks(cleanHtml(text)) + "</div>";
        default:
            return lineBreaks(escape(text).replace("  ", "&nbsp; "));
        }
    }

    static String cleanHtml(String html) {
        return bareAmpersands(ACTIVE.matcher(html).replaceAll(""));
    }

    /**
     * Every {@code &} that does not start a character reference written as {@code &amp;}, as
     * Moodle's HTML cleaning and {@code format_string} write it; the rest unchanged. Empty for
     * {@code null}.
     */
    static String bareAmpersands(String text) {
        return text == null ? "" : BARE_AMP.matcher(text).replaceAll(Matcher.quoteReplacement("&amp;"));
    }

    /** PHP's {@code htmlspecialchars} with quotes, as Moodle's {@code s()}. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
            case '&' -> b.append("&amp;");
            case '<' -> b.append("&lt;");
            case '>' -> b.append("&gt;");
            case '"' -> b.append("&quot;");
            case '\'' -> b.append("&#039;");
            default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** PHP's {@code nl2br}: a {@code <br />} before every line break. */
    private static String lineBreaks(String s) {
        return s.replaceAll("(\r\n|\n\r|\n|\r)", "<br />$1");
    }
}
