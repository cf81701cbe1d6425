package io.atrium.ws.docs.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.atrium.ws.api.Descriptor;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.core.WsRuntime;

/**
 * The documentation page: one self-contained HTML document (inline CSS, no script, no external
 * asset, so it works offline, behind a strict content security policy and printed) with every
 * function served, in the order and with the boxes of Moodle's API documentation page, plus
 * what Moodle's page lacks: the JSON answer, working {@code curl} commands for both endpoints,
 * calls over SOAP (PHP {@code SoapClient}) and XML-RPC (Python {@code xmlrpc.client}), the error
 * codes with the HTTP status of {@code /api/v1}, the providing bundle, and the function services
 * Atrium refused and why.
 * <p>
 * Every text is escaped with {@link Html#esc}.
 */
final class DocsPage {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;line-height:1.45;\
            max-width:75rem;margin:0 auto;padding:1rem 2rem 4rem}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.3rem;margin:0 0 .4rem}
            h3{font-size:1.05rem;color:#a0286f;margin:1.4rem 0 .4rem}h4{font-size:.9rem;margin:.8rem 0 .2rem}
            code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            pre{border:1px solid #dedede;padding:.5rem .75rem;overflow-x:auto;font-size:.82rem;margin:.2rem 0 .6rem;\
            white-space:pre}
            .structure pre{background:#fff1bc}.restparams pre{background:#feebe5}.json pre{background:#eef4fb}\
            .xml pre{background:#feebe5}.example pre{background:#f4f4f4}
            section.function{border-top:2px solid #ddd;padding-top:1.2rem;margin-top:2rem}
            .description{background:#e2e0e0;border:1px solid #dedede;padding:.4rem .6rem;white-space:pre-line}
            .badge{display:inline-block;background:#f0ad4e;color:#222;border-radius:.25rem;padding:0 .4rem;\
            font-size:.75rem;font-weight:600;vertical-align:middle}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.6rem 0}
            dl.facts dt{font-weight:600}dl.facts dd{margin:0}
            .arg{margin:.6rem 0 1rem 0;padding-left:.8rem;border-left:3px solid #eee}
            .arg p{margin:.2rem 0}.muted{color:#666}
            table{border-collapse:collapse;margin:.4rem 0}th,td{border:1px solid #ddd;padding:.25rem .5rem;\
            text-align:left;vertical-align:top}th{background:#f4f4f4}
            nav ul{columns:2 20rem;padding-left:1.2rem}nav li{break-inside:avoid}
            a{color:#0f6cbf}
            """;

    private DocsPage() {
    }

    /**
     * The page.
     *
     * @param functions the functions served (sorted by name here)
     * @param rejected  the function services refused
     * @param baseUrl   the site's address for the examples, such as {@code https://lms.example.org}
     */
    static String render(List<WsRuntime.Function> functions, List<WsRuntime.Rejected> rejected, String baseUrl) {
        List<WsRuntime.Function> sorted = functions.stream()
                .sorted(Comparator.comparing(WsRuntime.Function::name)).toList();
        StringBuilder out = new StringBuilder(16384 + sorted.size() * 8192);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Atrium web services: API documentation</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<header>\n<h1>Web services API documentation</h1>\n<p class=\"muted\">")
                .append(sorted.size()).append(sorted.size() == 1 ? " function" : " functions")
                .append(" served. Machine-readable: <a href=\"openapi.json\">OpenAPI 3.1</a>.</p>\n</header>\n");
        contents(out, sorted, rejected);
        usage(out, baseUrl);
        for (WsRuntime.Function f : sorted) {
            function(out, f, baseUrl);
        }
        errors(out);
        rejected(out, rejected);
        return out.append("</body>\n</html>\n").toString();
    }

    private static void contents(StringBuilder out, List<WsRuntime.Function> functions,
            List<WsRuntime.Rejected> rejected) {
        out.append("<nav>\n<h2>Contents</h2>\n<ul>\n<li><a href=\"#usage\">Calling a function</a></li>\n");
        Map<String, List<WsRuntime.Function>> byComponent = new TreeMap<>();
        for (WsRuntime.Function f : functions) {
            byComponent.computeIfAbsent(OpenApi.component(f.name()), k -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, List<WsRuntime.Function>> c : byComponent.entrySet()) {
            out.append("<li>").append(Html.esc(c.getKey())).append("\n<ul>\n");
            for (WsRuntime.Function f : c.getValue()) {
                out.append("<li><a href=\"#").append(Html.anchor("f-", f.name())).append("\">")
                        .append(Html.esc(f.name())).append("</a>");
                if (f.spec().deprecated()) {
                    out.append(" <span class=\"badge\">Deprecated</span>");
                }
                out.append("</li>\n");
            }
            out.append("</ul>\n</li>\n");
        }
        out.append("<li><a href=\"#errors\">Error codes</a></li>\n");
        out.append("<li><a href=\"#rejected\">Rejected function services</a> (").append(rejected.size())
                .append(")</li>\n</ul>\n</nav>\n");
    }

    private static void usage(StringBuilder out, String baseUrl) {
        out.append("<section id=\"usage\">\n<h2>Calling a function</h2>\n")
                .append("<p><b>Moodle REST</b>: POST (or GET) to <code>").append(Html.esc(baseUrl))
                .append("/webservice/rest/server.php</code> with <code>wstoken</code>, <code>wsfunction</code>, ")
                .append("<code>moodlewsrestformat=json</code> or <code>xml</code> (the default) and the parameters ")
                .append("as form fields named as in <i>REST (POST parameters)</i>. Errors come with HTTP 200 ")
                .append("and Moodle's error body.</p>\n")
                .append("<p><b>JSON API</b>: POST a JSON object of parameters to <code>").append(Html.esc(baseUrl))
                .append("/api/v1/</code><i>function</i> with <code>Authorization: Bearer</code> <i>token</i>. ")
                .append("Errors come with their HTTP status (see <a href=\"#errors\">Error codes</a>).</p>\n")
                .append("<p><b>SOAP</b> and <b>XML-RPC</b>: Moodle's dialects at <code>").append(Html.esc(baseUrl))
                .append("/webservice/soap/server.php?wstoken=</code><i>token</i> (its WSDL with ")
                .append("<code>&amp;wsdl=1</code>) and <code>").append(Html.esc(baseUrl))
                .append("/webservice/xmlrpc/server.php?wstoken=</code><i>token</i>: the function is the method, ")
                .append("its arguments are positional, in the order of <i>Arguments</i>.</p>\n")
                .append("</section>\n");
    }

    private static void function(StringBuilder out, WsRuntime.Function f, String baseUrl) {
        FunctionSpec spec = f.spec();
        out.append("<section class=\"function\" id=\"").append(Html.anchor("f-", f.name())).append("\">\n<h2>")
                .append(Html.esc(f.name())).append("</h2>\n");
        if (spec.deprecated()) {
            out.append("<p><span class=\"badge\">Deprecated</span> This function is deprecated; "
                    + "new clients should not use it.</p>\n");
        }
        if (!spec.description().isEmpty()) {
            out.append("<div class=\"description\">").append(Html.esc(spec.description())).append("</div>\n");
        }
        out.append("<dl class=\"facts\">\n<dt>Type</dt><dd>").append(spec.type().moodleName()).append("</dd>\n");
        out.append("<dt>Required capabilities</dt><dd>");
        if (spec.capabilities().isEmpty()) {
            out.append("None");
        } else {
            for (int i = 0; i < spec.capabilities().size(); i++) {
                String c = spec.capabilities().get(i);
                out.append(i == 0 ? "" : ", ").append("<code>").append(Html.esc(c)).append("</code>");
                String name = spec.capabilityName(c);
                if (!name.equals(c)) {
                    out.append(" (").append(Html.esc(name)).append(')');
                }
            }
        }
        out.append("</dd>\n<dt>Default services</dt><dd>");
        if (spec.services().isEmpty()) {
            out.append("None");
        } else {
            for (int i = 0; i < spec.services().size(); i++) {
                out.append(i == 0 ? "" : ", ").append("<code>").append(Html.esc(spec.services().get(i)))
                        .append("</code>");
            }
        }
        out.append("</dd>\n<dt>Provided by</dt><dd><code>").append(Html.esc(orUnknown(f.bundle())))
                .append("</code> ").append(Html.esc(orUnknown(f.bundleVersion()))).append("</dd>\n</dl>\n");

        out.append("<h3>Arguments</h3>\n");
        if (spec.parameters().keys().isEmpty()) {
            out.append("<p class=\"muted\">None.</p>\n");
        }
        for (Map.Entry<String, Descriptor> p : spec.parameters().keys().entrySet()) {
            Descriptor d = p.getValue();
            out.append("<div class=\"arg\">\n<p><b>").append(Html.esc(p.getKey())).append("</b> (")
                    .append(Html.esc(MoodleNotation.presence(d))).append(")</p>\n");
            if (!d.description().isEmpty()) {
                out.append("<p>").append(Html.esc(d.description())).append("</p>\n");
            }
            box(out, "structure", "General structure", MoodleNotation.generalStructure(d));
            box(out, "restparams", "REST (POST parameters)", MoodleNotation.restPostParameters(p.getKey(), d));
            out.append("</div>\n");
        }

        out.append("<h3>Response</h3>\n");
        Descriptor returns = spec.returns();
        if (returns == null) {
            out.append("<p class=\"muted\">This function returns nothing.</p>\n");
        } else {
            if (!returns.description().isEmpty()) {
                out.append("<p>").append(Html.esc(returns.description())).append("</p>\n");
            }
            box(out, "structure", "General structure", MoodleNotation.generalStructure(returns));
        }
        box(out, "json", "JSON (moodlewsrestformat=json and /api/v1)", Samples.jsonSkeleton(returns));
        box(out, "xml", "REST (XML)", MoodleNotation.xmlSkeleton(returns));

        out.append("<h3>Examples</h3>\n");
        box(out, "example", "REST (POST)", CurlExamples.rest(baseUrl, f.name(), spec.parameters()));
        box(out, "example", "JSON API (/api/v1)", CurlExamples.api(baseUrl, f.name(), spec.parameters()));
        box(out, "example", "SOAP (PHP SoapClient)", ProtocolExamples.soapPhp(baseUrl, f.name(), spec.parameters()));
        box(out, "example", "XML-RPC (Python xmlrpc.client)",
                ProtocolExamples.xmlrpcPython(baseUrl, f.name(), spec.parameters()));

        out.append("<h3>Errors</h3>\n<p>");
        List<ErrorCodes.ErrorCode> errors = ErrorCodes.of(spec);
        for (int i = 0; i < errors.size(); i++) {
            ErrorCodes.ErrorCode e = errors.get(i);
            out.append(i == 0 ? "" : ", ").append("<code>").append(e.errorcode()).append("</code> (")
                    .append(e.status()).append(')');
        }
        out.append(", and the function's own error codes; see <a href=\"#errors\">Error codes</a>.</p>\n")
                .append("</section>\n");
    }

    private static void box(StringBuilder out, String kind, String title, String text) {
        out.append("<div class=\"").append(kind).append("\">\n<h4>").append(Html.esc(title)).append("</h4>\n<pre>")
                .append(Html.esc(text)).append("</pre>\n</div>\n");
    }

    private static void errors(StringBuilder out) {
        out.append("<section id=\"errors\" class=\"function\">\n<h2>Error codes</h2>\n")
                .append("<p>Moodle's REST server answers every error with HTTP 200 and this body; ")
                .append("<code>/api/v1</code> answers with the status shown. Match on <code>errorcode</code>: ")
                .append("Moodle 4.5 renamed the exception classes. <code>debuginfo</code> is sent only when the ")
                .append("server is configured to send debugging information.</p>\n")
                .append("<table>\n<thead><tr><th>errorcode</th><th>exception</th><th>/api/v1 status</th>")
                .append("<th>When</th></tr></thead>\n<tbody>\n");
        for (ErrorCodes.ErrorCode e : ErrorCodes.COMMON) {
            out.append("<tr><td><code>").append(Html.esc(e.errorcode())).append("</code></td><td><code>")
                    .append(Html.esc(e.exception())).append("</code></td><td>").append(e.status())
                    .append("</td><td>").append(Html.esc(e.when())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        box(out, "json", "JSON", ErrorCodes.JSON_SAMPLE);
        box(out, "xml", "REST (XML)", ErrorCodes.XML_SAMPLE);
        out.append("</section>\n");
    }

    private static void rejected(StringBuilder out, List<WsRuntime.Rejected> rejected) {
        out.append("<section id=\"rejected\" class=\"function\">\n<h2>Rejected function services</h2>\n");
        if (rejected.isEmpty()) {
            out.append("<p class=\"muted\">None: every function service registered is served.</p>\n");
        } else {
            out.append("<p>These services provide a function that is not served.</p>\n<table>\n<thead><tr>")
                    .append("<th>Name</th><th>Bundle</th><th>Version</th><th>Service id</th><th>Reason</th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (WsRuntime.Rejected r : rejected) {
                out.append("<tr><td><code>").append(Html.esc(orUnknown(r.name()))).append("</code></td><td><code>")
                        .append(Html.esc(orUnknown(r.bundle()))).append("</code></td><td>")
                        .append(Html.esc(orUnknown(r.bundleVersion()))).append("</td><td>").append(r.serviceId())
                        .append("</td><td>").append(Html.esc(r.reason())).append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n");
        }
        out.append("</section>\n");
    }

    private static String orUnknown(String s) {
        return s == null || s.isEmpty() ? "(unknown)" : s;
    }
}
