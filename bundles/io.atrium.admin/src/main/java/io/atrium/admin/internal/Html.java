package io.atrium.admin.internal;

import java.util.List;

/** HTML escaping and the shell's frame. */
final class Html {

    private Html() {
    }

    /** Escapes text for an element's content or a quoted attribute. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A link in the navigation. */
    record Link(String href, String title, boolean current) {
    }

    /**
     * A whole page.
     *
     * @param user     who is signed in, or {@code null} on the sign-in page
     * @param sesskey  the session's sesskey, or {@code null}
     * @param nav      the navigation (empty on the sign-in page)
     * @param body     the page's HTML
     * @param scripts  script addresses, run in order after the body
     */
    static String page(String title, String user, String sesskey, List<Link> nav, String body, List<String> scripts) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" - Atrium</title>\n");
        if (sesskey != null) {
            h.append("<meta name=\"sesskey\" content=\"").append(esc(sesskey)).append("\">\n");
        }
        h.append("<link rel=\"stylesheet\" href=\"/admin/assets/admin.css\">\n</head>\n<body>\n<header>\n")
                .append("<a class=\"brand\" href=\"/admin/\">Atrium administration</a>\n");
        if (user != null) {
            h.append("<form class=\"signout\" method=\"post\" action=\"/admin/logout\">")
                    .append("<span class=\"user\">").append(esc(user)).append("</span> ")
                    .append("<input type=\"hidden\" name=\"sesskey\" value=\"").append(esc(sesskey)).append("\">")
                    .append("<button type=\"submit\">Sign out</button></form>\n");
        }
        h.append("</header>\n");
        if (!nav.isEmpty()) {
            h.append("<nav><ul>\n");
            for (Link l : nav) {
                h.append("<li><a href=\"").append(esc(l.href())).append('"')
                        .append(l.current() ? " aria-current=\"page\"" : "").append('>').append(esc(l.title()))
                        .append("</a></li>\n");
            }
            h.append("</ul></nav>\n");
        }
        h.append("<main>\n<h1>").append(esc(title)).append("</h1>\n").append(body).append("\n</main>\n");
        for (String s : scripts) {
            h.append("<script src=\"").append(esc(s)).append("\"></script>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }
}
