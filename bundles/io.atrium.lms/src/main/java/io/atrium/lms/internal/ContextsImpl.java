package io.atrium.lms.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;

@Component
public final class ContextsImpl implements Contexts {

    private final Store store;

    @Activate
    public ContextsImpl(@Reference Store store,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
    }

    @Override
    public Context system() {
        return ContextStore.SYSTEM;
    }

    @Override
    public Optional<Context> byId(long id) {
        return store.inTransaction(true, db -> ContextStore.byId(db, id));
    }

    @Override
    public Optional<Context> of(ContextLevel level, long instanceId) {
        return store.inTransaction(true, db -> ContextStore.of(db, level, instanceId));
    }
}
