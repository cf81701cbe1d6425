package io.atrium.lms.api;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.WsException;

/**
 * Moodle's {@code has_capability}: site administrators pass; otherwise every role the user holds
 * in the context or above it (plus the default role of authenticated users in the system
 * context) is looked at, the most specific permission of a role counts, any allow grants and a
 * prohibit anywhere refuses. Deleted and suspended users have no capability.
 */
@ProviderType
public interface Access {

    /** The user id to pass as actor for work no user asked for (Moodle's CLI user, -1 in logs). */
    long SYSTEM_ACTOR = -1;

    /** Whether the user has the capability in the context. */
    boolean hasCapability(long userId, String capability, Context context);

    /**
     * Requires the capability.
     *
     * @throws WsException {@code nopermissions}, naming the capability as people read it
     *                     ("Create users")
     */
    void require(long userId, String capability, Context context) throws WsException;

    /** Whether the user is a site administrator. */
    boolean isSiteAdmin(long userId);

    /** The human title of a capability ("Create users"), or its name when it has none. */
    String title(String capability);
}
