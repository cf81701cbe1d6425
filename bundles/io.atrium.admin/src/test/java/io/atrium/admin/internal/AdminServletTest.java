package io.atrium.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminServletTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "/admin/services, /admin/services",
            "/admin, /admin",
            "/system/console/bundles, /system/console/bundles",
            "null, /admin/",
            "https://evil.example/, /admin/",
            "//evil.example/admin, /admin/",
            "/admin//evil.example, /admin/",
            "/admin/../login.php, /admin/",
            "/admin/..,/admin/",
            "/webservice/rest/server.php, /admin/",
            "/admin/x?y=1, /admin/",
            "'/admin/\\evil', /admin/" })
    void onlyLocalShellAndConsolePathsAreReturnedTo(String requested, String expected) {
        assertEquals(expected, AdminServlet.returnPath(requested));
    }

    @Test
    void textIsEscapedForContentAndAttributes() {
        assertEquals("&lt;script&gt;&amp;&quot;&#39;", Html.esc("<script>&\"'"));
        assertEquals("", Html.esc(null));
    }

    @Test
    void theFrameEscapesWhatItIsGivenAndCarriesTheSesskey() {
        String page = Html.page("A <b>", "ad\"min", "abc123", List.of(new Html.Link("/admin/x", "X & Y", true)),
                "<p>body</p>", List.of("/admin/assets/admin.js"));
        assertTrue(page.contains("<title>A &lt;b&gt; - Atrium</title>"));
        assertTrue(page.contains("<meta name=\"sesskey\" content=\"abc123\">"));
        assertTrue(page.contains("<span class=\"user\">ad&quot;min</span>"));
        assertTrue(page.contains("<a href=\"/admin/x\" aria-current=\"page\">X &amp; Y</a>"));
        assertTrue(page.contains("<main>\n<h1>A &lt;b&gt;</h1>\n<p>body</p>"));
        String signIn = Html.page("Sign in", null, null, List.of(), "", List.of());
        assertFalse(signIn.contains("sesskey"));
        assertFalse(signIn.contains("<nav>"));
    }
}
