package io.atrium.auth.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.WsException;

/** Creates, lists and revokes permanent web-service tokens. Revocation takes effect at once. */
@ProviderType
public interface Tokens {

    /** A token as it was created: the only time its value is known to anyone but its holder. */
    record Created(long id, String token) {
    }

    /**
     * A token, without its value.
     *
     * @param validuntil Unix seconds, 0 for no expiry
     * @param lastaccess Unix seconds of the last call (updated at most once a minute), 0 if never
     */
    record Info(long id, long userid, String service, String name, long validuntil, String iprestriction,
            long timecreated, long lastaccess) {
    }

    /**
     * Creates a permanent token.
     *
     * @param service       the service's shortname
     * @param validuntil    Unix seconds, 0 for no expiry
     * @param iprestriction comma-separated addresses or CIDR ranges, or {@code null}
     * @throws WsException {@code invalidparameter} for an unknown user or service
     */
    Created create(long userid, String service, String name, long validuntil, String iprestriction, long creator)
            throws WsException;

    /** The user's tokens, or everybody's for {@code null}. */
    List<Info> list(Long userid);

    /** Revokes a token; {@code false} when there was none with that id. */
    boolean revoke(long id);
}
