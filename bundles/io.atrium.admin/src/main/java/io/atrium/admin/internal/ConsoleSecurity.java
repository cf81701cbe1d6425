package io.atrium.admin.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.auth.api.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Felix Web Console's security: only a signed-in site administrator gets in; anyone else is
 * sent to the admin sign-in page, which brings them back. The console's own user and password
 * are never used: the launcher requires this provider ({@code felix.webconsole.security.providers}),
 * so the console answers nothing until it is registered.
 */
@Component(property = { SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurity.ID, "service.ranking:Integer=1000" })
public final class ConsoleSecurity implements SecurityProvider {

    static final String ID = "atrium";

    private final AdminServlet admin;
    private final Sessions sessions;

    @Activate
    public ConsoleSecurity(@Reference AdminServlet admin, @Reference Sessions sessions) {
        this.admin = admin;
        this.sessions = sessions;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        AdminServlet.SignedIn who = admin.signedIn(request).orElse(null);
        if (who != null) {
            return who.user().username();
        }
        try {
            AdminServlet.toSignIn(response, request.getRequestURI());
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user != null; // every signed-in site administrator has every role
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        String key = AdminServlet.cookieValue(request, Sessions.COOKIE);
        if (key != null) {
            sessions.close(key);
        }
        response.addHeader("Set-Cookie", AdminServlet.cookie(request, Sessions.COOKIE, "", "/", 0));
    }
}
