package io.atrium.store.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.spi.WsTransactions;

/** Every web-service call in one store transaction; {@code read} functions in a read-only one. */
@Component
public final class CallTransactions implements WsTransactions {

    private final Store store;

    @Activate
    public CallTransactions(@Reference Store store) {
        this.store = store;
    }

    @Override
    public <T> T inTransaction(boolean readOnly, Work<T> work) throws WsException {
        return store.inTransaction(readOnly, db -> work.run());
    }
}
