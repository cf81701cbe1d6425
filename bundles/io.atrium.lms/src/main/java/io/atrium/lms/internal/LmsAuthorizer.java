package io.atrium.lms.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.Caller;
import io.atrium.ws.api.spi.WsAuthorizer;

/** The pipeline's capability checks, decided by {@code has_capability} in the system context. */
@Component
public final class LmsAuthorizer implements WsAuthorizer {

    private final Store store;

    @Activate
    public LmsAuthorizer(@Reference Store store,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
    }

    @Override
    public boolean hasCapability(Caller caller, String capability) {
        return store.inTransaction(true, db -> AccessImpl.has(db, caller.userId(), capability,
                ContextStore.SYSTEM));
    }
}
