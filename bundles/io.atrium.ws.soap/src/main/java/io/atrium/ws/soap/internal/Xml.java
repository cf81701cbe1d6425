package io.atrium.ws.soap.internal;

/**
 * Escaping for the XML this bundle writes, as libxml2 (behind PHP's SoapServer and DOM)
 * writes it: {@code & < >} and carriage returns in text; quotes and white space too in
 * attributes. Characters XML 1.0 cannot carry (most C0 controls, lone surrogates, U+FFFE/F)
 * become U+FFFD, so every document is well-formed whatever a function returned.
 */
final class Xml {

    private Xml() {
    }

    static StringBuilder text(StringBuilder out, String s) {
        return escape(out, s, false);
    }

    static StringBuilder attribute(StringBuilder out, String s) {
        return escape(out, s, true);
    }

    static String text(String s) {
        return escape(new StringBuilder(s.length() + 16), s, false).toString();
    }

    private static StringBuilder escape(StringBuilder out, String s, boolean attribute) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            out.append('\uFFFD');
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out;
    }
}
