package io.atrium.admin.api;

import java.net.URL;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A page of the admin shell, at {@code /admin/<id>}. Only signed-in site administrators see it.
 * The shell draws the frame (navigation, sign-out) and puts {@link #body()} inside it; the page's
 * {@link #script()} runs after it and talks to the server through web-service functions, with
 * {@code Atrium.call(methodname, args)} (which posts to {@code /lib/ajax/service.php} with the
 * session's sesskey and resolves to the function's value or rejects with its error).
 * <p>
 * Pages are served under a Content-Security-Policy that allows scripts and styles from the
 * server only: no inline script, no inline event handlers.
 * <p>
 * A page whose id is invalid or taken (by a page of higher service ranking, or registered
 * earlier) is not shown; the shell and {@code /health} say why.
 */
@ConsumerType
public interface AdminPage {

    /** The page's address segment: 1 to 40 characters of a-z, 0-9 and '-', starting with a letter. */
    String id();

    /** The title, in the navigation and the page heading. */
    String title();

    /** Where it comes in the navigation, lowest first. */
    default int order() {
        return 100;
    }

    /**
     * The page's HTML, placed inside the shell's {@code main} element; called for each request.
     * Anything not written by the page itself must be escaped.
     */
    String body();

    /** The page's script (from the page's bundle), or {@code null} for none. */
    default URL script() {
        return null;
    }
}
