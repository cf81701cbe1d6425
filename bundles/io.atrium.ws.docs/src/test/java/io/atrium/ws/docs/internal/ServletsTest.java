package io.atrium.ws.docs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The two servlets against minimal request and response stand-ins. */
class ServletsTest {

    /** What a servlet answered. */
    static final class Answer {
        int status = 200;
        String contentType;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static Answer call(HttpServlet servlet, String method, String scheme, String host, int port)
            throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass(HttpServletRequest.class),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                case "getMethod" -> method;
                case "getScheme" -> scheme;
                case "getServerName" -> host;
                case "getServerPort" -> port;
                case "getContextPath" -> "";
                default -> null;
                });
        Answer answer = new Answer();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                answer.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                getClass(HttpServletResponse.class), new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                    case "setStatus" -> answer.status = (Integer) args[0];
                    case "setContentType" -> answer.contentType = (String) args[0];
                    case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                    case "setContentLength" -> answer.headers.put("Content-Length", String.valueOf(args[0]));
                    case "getOutputStream" -> {
                        return out;
                    }
                    default -> {
                    }
                    }
                    return null;
                });
        servlet.service(request, response);
        return answer;
    }

    private static ClassLoader getClass(Class<?> c) {
        return c.getClassLoader();
    }

    @Test
    void docsPage() throws Exception {
        DocsServlet servlet = new DocsServlet(Fixtures.hello());
        Answer a = call(servlet, "GET", "https", "lms.example.org", 443);
        assertEquals(200, a.status);
        assertEquals("text/html; charset=utf-8", a.contentType);
        assertEquals(String.valueOf(a.body.size()), a.headers.get("Content-Length"));
        assertTrue(a.headers.get("Content-Security-Policy").contains("default-src 'none'"));
        assertTrue(a.text().contains("id=\"f-local_hello_greet\""));
        assertTrue(a.text().contains("curl &#39;https://lms.example.org/webservice/rest/server.php&#39;"),
                "the examples use the address the client used");
    }

    @Test
    void headHasTheHeadersButNoBody() throws Exception {
        DocsServlet servlet = new DocsServlet(Fixtures.hello());
        Answer get = call(servlet, "GET", "http", "localhost", 8080);
        Answer head = call(servlet, "HEAD", "http", "localhost", 8080);
        assertEquals(200, head.status);
        assertEquals(0, head.body.size());
        assertEquals(get.headers.get("Content-Length"), head.headers.get("Content-Length"));
    }

    @Test
    void otherMethodsAreRefusedWithJson() throws Exception {
        for (HttpServlet servlet : new HttpServlet[] {new DocsServlet(Fixtures.hello()),
                new OpenApiServlet(Fixtures.hello())}) {
            Answer a = call(servlet, "POST", "http", "localhost", 8080);
            assertEquals(405, a.status);
            assertEquals("application/json", a.contentType);
            assertEquals("GET, HEAD", a.headers.get("Allow"));
            assertEquals("POST is not allowed; use GET",
                    JsonParser.parseString(a.text()).getAsJsonObject().get("error").getAsString());
        }
    }

    @Test
    void openApiDocument() throws Exception {
        Answer a = call(new OpenApiServlet(Fixtures.hello()), "GET", "http", "localhost", 8080);
        assertEquals(200, a.status);
        assertEquals("application/json", a.contentType);
        JsonObject doc = JsonParser.parseString(a.text()).getAsJsonObject();
        assertEquals("3.1.0", doc.get("openapi").getAsString());
        assertEquals("http://localhost:8080", doc.getAsJsonArray("servers").get(0).getAsJsonObject().get("url")
                .getAsString());
        assertEquals(OpenApiServlet.FALLBACK_VERSION, doc.getAsJsonObject("info").get("version").getAsString());
        assertEquals(2, doc.getAsJsonObject("paths").size());
    }

    @Test
    void documentsAreLiveAndCachedByChangeCount() throws Exception {
        Fixtures.Runtime runtime = Fixtures.hello();
        DocsServlet servlet = new DocsServlet(runtime);
        call(servlet, "GET", "http", "localhost", 8080);
        call(servlet, "GET", "http", "localhost", 8080);
        assertEquals(1, runtime.reads.get(), "unchanged functions: the page is not rebuilt");
        runtime.functions.add(Fixtures.function("core_x_purge", Fixtures.PURGE));
        runtime.changes.incrementAndGet();
        Answer a = call(servlet, "GET", "http", "localhost", 8080);
        assertEquals(2, runtime.reads.get());
        assertTrue(a.text().contains("id=\"f-core_x_purge\""), "a new function is documented at once");
        call(servlet, "GET", "https", "other.example.org", 443);
        assertEquals(3, runtime.reads.get(), "another address: other examples");
    }

    @Test
    void baseUrls() throws Exception {
        assertEquals("http://[::1]:8080", io.atrium.ws.core.http.MoodleHttp.baseUrl(request("http", "::1", 8080)));
        assertEquals("https://h.example", io.atrium.ws.core.http.MoodleHttp.baseUrl(request("HTTPS", "h.example", 443)));
        assertEquals("http://h.example:443", io.atrium.ws.core.http.MoodleHttp.baseUrl(request("http", "h.example", 443)));
    }

    private static HttpServletRequest request(String scheme, String host, int port) {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass(HttpServletRequest.class),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                case "getScheme" -> scheme;
                case "getServerName" -> host;
                case "getServerPort" -> port;
                default -> null;
                });
    }
}
