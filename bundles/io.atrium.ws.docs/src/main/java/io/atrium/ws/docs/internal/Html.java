package io.atrium.ws.docs.internal;

/**
 * Escaping for the documentation page. Every text on it comes from function services that any
 * installed bundle may register (descriptions, key names, capability names, rejection reasons),
 * so every one goes through here: the page must not run a script a plugin put in a description.
 */
final class Html {

    private Html() {
    }

    /** Text for element content and quoted attribute values: {@code & < > " '} as entities. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String entity = switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
            };
            if (entity == null) {
                if (out != null) {
                    out.append(c);
                }
            } else {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(entity);
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * A fragment identifier for a name: letters, digits, {@code _}, {@code -} and {@code .}
     * kept, anything else replaced, so the id needs no escaping in {@code id} or {@code href}.
     */
    static String anchor(String prefix, String name) {
        StringBuilder out = new StringBuilder(prefix);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
                    || c == '-' || c == '.';
            out.append(plain ? c : '-');
        }
        return out.toString();
    }
}
