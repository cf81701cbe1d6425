package io.atrium.ws.docs.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.core.WsRuntime;

class DocsPageTest {

    private static final String BASE = "https://lms.example.org";

    private static String page(List<WsRuntime.Function> functions, List<WsRuntime.Rejected> rejected) {
        return DocsPage.render(functions, rejected, BASE);
    }

    @Test
    void documentsEveryFunctionSortedByName() {
        String html = page(Fixtures.hello().functions(), List.of());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        int echo = html.indexOf("<section class=\"function\" id=\"f-local_hello_echo\">");
        int greet = html.indexOf("<section class=\"function\" id=\"f-local_hello_greet\">");
        assertTrue(echo > 0 && greet > echo, "sorted by name");
        assertTrue(html.contains("<a href=\"#f-local_hello_greet\">local_hello_greet</a>"), "contents");
        assertTrue(html.contains("<li>local_hello\n<ul>"), "contents grouped by component");
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("src="));
    }

    @Test
    void greetSection() {
        String html = page(Fixtures.hello().functions(), List.of());
        String greet = html.substring(html.indexOf("id=\"f-local_hello_greet\""));
        greet = greet.substring(0, greet.indexOf("</section>"));
        assertTrue(greet.contains("<div class=\"description\">Greets people by name.</div>"));
        assertTrue(greet.contains("<dt>Type</dt><dd>read</dd>"));
        assertTrue(greet.contains("<code>local/hello:greet</code> (Greet people)"));
        assertTrue(greet.contains("<dt>Default services</dt><dd><code>local_hello</code></dd>"));
        assertTrue(greet.contains("<code>io.atrium.examples.hello</code> 0.1.0.SNAPSHOT"));
        assertTrue(greet.contains("<p><b>people</b> (Required)</p>\n<p>The people to greet</p>"));
        assertTrue(greet.contains("<p><b>punctuation</b> (Default to &quot;!&quot;)</p>"));
        assertTrue(greet.contains("<pre>people[0][firstname]= string\npeople[0][lastname]= string\n</pre>"));
        assertTrue(greet.contains("lastname string  Optional //Last name"));
        assertTrue(greet.contains("&lt;KEY name=&quot;fullname&quot;&gt;"));
        assertTrue(greet.contains("--data-urlencode &#39;people[0][firstname]=string&#39;"));
        assertTrue(greet.contains("curl &#39;https://lms.example.org/api/v1/local_hello_greet&#39;"));
        assertTrue(greet.contains("<code>nopermissions</code> (403)"));
    }

    @Test
    void everyFunctionHasSoapAndXmlrpcExamples() {
        String html = page(Fixtures.hello().functions(), List.of());
        assertEquals(2, count(html, "<h4>SOAP (PHP SoapClient)</h4>"));
        assertEquals(2, count(html, "<h4>XML-RPC (Python xmlrpc.client)</h4>"));
        String echo = html.substring(html.indexOf("id=\"f-local_hello_echo\""));
        echo = echo.substring(0, echo.indexOf("</section>"));
        assertTrue(echo.contains("<div class=\"example\">\n<h4>SOAP (PHP SoapClient)</h4>\n<pre>"
                + Html.esc(ProtocolExamples.soapPhp(BASE, "local_hello_echo", Fixtures.ECHO.parameters()))
                + "</pre>\n</div>\n"), echo);
        assertTrue(echo.contains("<div class=\"example\">\n<h4>XML-RPC (Python xmlrpc.client)</h4>\n<pre>"
                + Html.esc(ProtocolExamples.xmlrpcPython(BASE, "local_hello_echo", Fixtures.ECHO.parameters()))
                + "</pre>\n</div>\n"), echo);
        assertTrue(echo.contains("<pre>$client = new SoapClient(&#39;https://lms.example.org/webservice/soap/"
                + "server.php?wsdl=1&amp;wstoken=YOUR_TOKEN&#39;, [&#39;cache_wsdl&#39; =&gt; WSDL_CACHE_NONE]);\n"
                + "$result = $client-&gt;local_hello_echo([\n    &#39;id&#39; =&gt; 0,\n"));
        assertTrue(echo.contains("<pre>import xmlrpc.client\nserver = xmlrpc.client.ServerProxy(&#39;"
                + "https://lms.example.org/webservice/xmlrpc/server.php?wstoken=YOUR_TOKEN&#39;)\n"
                + "print(server.local_hello_echo({\n    &#39;id&#39;: 0,\n"));
        int soap = echo.indexOf("<h4>SOAP (PHP SoapClient)</h4>");
        assertTrue(echo.indexOf("<h4>JSON API (/api/v1)</h4>") < soap
                && soap < echo.indexOf("<h4>XML-RPC (Python xmlrpc.client)</h4>")
                && echo.indexOf("<h4>XML-RPC (Python xmlrpc.client)</h4>") < echo.indexOf("<h3>Errors</h3>"),
                "after the curl examples, before the errors");
        assertTrue(html.contains("/webservice/soap/server.php?wstoken=</code><i>token</i>"), "usage");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void functionWithoutParametersReturningNothing() {
        String html = page(List.of(Fixtures.function("core_x_purge", Fixtures.PURGE)), List.of());
        assertTrue(html.contains("<span class=\"badge\">Deprecated</span>"));
        assertTrue(html.contains("<dt>Type</dt><dd>write</dd>"));
        assertTrue(html.contains("<h3>Arguments</h3>\n<p class=\"muted\">None.</p>"));
        assertTrue(html.contains("This function returns nothing."));
        assertTrue(html.contains("<pre>null</pre>"));
        assertTrue(html.contains("<pre>&lt;?xml version=&quot;1.0&quot; encoding=&quot;UTF-8&quot; ?&gt;\n"
                + "&lt;RESPONSE&gt;\n&lt;/RESPONSE&gt;\n</pre>"));
    }

    @Test
    void everyTextIsEscaped() {
        String evil = "<script>alert('x')</script>";
        FunctionSpec spec = FunctionSpec.builder()
                .description(evil)
                .capability("local/x:do", evil)
                .services(evil)
                .parameters(single(key("k", value(ParamType.TEXT, evil).withDefault(evil))))
                .returns(value(ParamType.TEXT, evil))
                .build();
        String html = page(List.of(new WsRuntime.Function("local_x_evil", spec, evil, evil, 1)),
                List.of(new WsRuntime.Rejected(evil, evil, evil, 2, evil)));
        assertFalse(html.contains("<script"), "no tag from a description survives");
        assertFalse(html.contains("alert('x')"));
        assertTrue(html.contains("$result = $client-&gt;local_x_evil(&#39;&lt;script&gt;alert(\\&#39;x\\&#39;)"
                + "&lt;/script&gt;&#39;);"), "the PHP example");
        assertTrue(html.contains("print(server.local_x_evil(&#39;&lt;script&gt;alert(\\&#39;x\\&#39;)"
                + "&lt;/script&gt;&#39;))"), "the Python example");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("<section id=\"rejected\""));
    }

    @Test
    void namesThatAreNotIdentifiersMakeSafeAnchors() {
        assertEquals("f-a-b-c", Html.anchor("f-", "a\"b<c"));
        assertEquals("&amp;&lt;&gt;&quot;&#39;", Html.esc("&<>\"'"));
    }

    @Test
    void rejectedServicesAreListedWithTheirReasons() {
        String html = page(List.of(), List.of(new WsRuntime.Rejected("local_x_dup", "io.example.x", "1.0.0", 77,
                "local_x_dup is provided by service 12 already")));
        assertTrue(html.contains("<td><code>local_x_dup</code></td><td><code>io.example.x</code></td><td>1.0.0</td>"
                + "<td>77</td><td>local_x_dup is provided by service 12 already</td>"));
        assertTrue(html.contains("0 functions served"));
        String none = page(List.of(), List.of());
        assertTrue(none.contains("None: every function service registered is served."));
    }

    @Test
    void errorCodesTable() {
        String html = page(List.of(), List.of());
        for (ErrorCodes.ErrorCode e : ErrorCodes.COMMON) {
            assertTrue(html.contains("<tr><td><code>" + e.errorcode() + "</code></td>"), e.errorcode());
        }
        assertTrue(html.contains("<td>401</td>"));
    }
}
