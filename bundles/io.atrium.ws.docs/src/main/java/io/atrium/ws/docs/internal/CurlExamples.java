package io.atrium.ws.docs.internal;

import io.atrium.ws.api.SingleStructure;

/**
 * Ready-to-copy {@code curl} commands for a function: one for Moodle's REST endpoint, one for
 * {@code /api/v1}. Moodle's page shows only the shapes of the parameters; a working command is
 * what a developer wants first, and it shows the two calling conventions side by side (form
 * fields and {@code wstoken} against a JSON body and {@code Authorization: Bearer}).
 * <p>
 * Every argument is single-quoted for a POSIX shell, so nothing in a key, a default or a URL
 * is interpreted by the shell.
 */
final class CurlExamples {

    /** What the examples put where the caller's token goes. */
    static final String TOKEN = "YOUR_TOKEN";

    private CurlExamples() {
    }

    /**
     * {@code curl} against {@code /webservice/rest/server.php} with {@code --data-urlencode}
     * fields: {@code wstoken}, {@code wsfunction}, {@code moodlewsrestformat=json}, then the
     * parameters as PHP-style names ({@code people[0][firstname]=string}).
     *
     * @param baseUrl the site's address, such as {@code https://lms.example.org} (no trailing slash)
     */
    static String rest(String baseUrl, String function, SingleStructure parameters) {
        StringBuilder out = new StringBuilder("curl ").append(quote(baseUrl + "/webservice/rest/server.php"));
        field(out, "wstoken", TOKEN);
        field(out, "wsfunction", function);
        field(out, "moodlewsrestformat", "json");
        for (Samples.FormField f : Samples.formParameters(parameters)) {
            field(out, f.name(), f.value());
        }
        return out.append('\n').toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(" \\\n    --data-urlencode ").append(quote(name + "=" + value));
    }

    /**
     * {@code curl} against {@code /api/v1/<function>} with the token as a bearer token and the
     * parameters as a JSON object body.
     */
    static String api(String baseUrl, String function, SingleStructure parameters) {
        return "curl " + quote(baseUrl + "/api/v1/" + function) + " \\\n"
                + "    -H " + quote("Authorization: Bearer " + TOKEN) + " \\\n"
                + "    -H " + quote("Content-Type: application/json") + " \\\n"
                + "    --data-raw " + quote(Samples.pretty(Samples.jsonParameters(parameters))) + "\n";
    }

    /** A single-quoted shell word: {@code '} becomes {@code '\''}. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
