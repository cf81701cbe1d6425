package io.atrium.store.internal;

import javax.sql.DataSource;

import io.atrium.store.api.Db;
import io.atrium.store.api.Store;
import io.atrium.store.api.StoreException;

/** Thread-bound transactions over the pool; a transaction opened inside another joins it. */
final class Transactions implements Store {

    private final DataSource pool;
    private final String product;
    private final ThreadLocal<TxDb> current = new ThreadLocal<>();

    Transactions(DataSource pool, String product) {
        this.pool = pool;
        this.product = product;
    }

    @Override
    public <T, X extends Exception> T inTransaction(boolean readOnly, Work<T, X> work) throws X {
        TxDb open = current.get();
        if (open != null) {
            if (!readOnly && open.readOnly()) {
                throw new StoreException("a read-only transaction cannot do writing work");
            }
            return work.run(open);
        }
        TxDb tx = new TxDb(pool, readOnly);
        current.set(tx);
        T result;
        try {
            result = work.run(tx);
            tx.commit();
        } catch (Throwable t) {
            tx.rollback(t);
            throw t;
        } finally {
            current.remove();
            tx.close();
        }
        tx.runAfterCommit();
        return result;
    }

    @Override
    public Db current() {
        TxDb tx = current.get();
        if (tx == null) {
            throw new IllegalStateException("no transaction is open on this thread; use Store.inTransaction");
        }
        return tx;
    }

    @Override
    public boolean inTransaction() {
        return current.get() != null;
    }

    @Override
    public String product() {
        return product;
    }
}
