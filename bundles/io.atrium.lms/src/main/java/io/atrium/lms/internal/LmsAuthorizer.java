package io.atrium.lms.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.ws.api.Caller;
import io.atrium.ws.api.spi.WsAuthorizer;

/** The pipeline's capability checks, decided by {@code has_capability} in the system context. */
@Component
public final class LmsAuthorizer implements WsAuthorizer {

    private final Access access;

    @Activate
    public LmsAuthorizer(@Reference Access access) {
        this.access = access;
    }

    @Override
    public boolean hasCapability(Caller caller, String capability) {
        return access.hasCapability(caller.userId(), capability, ContextStore.SYSTEM);
    }
}
