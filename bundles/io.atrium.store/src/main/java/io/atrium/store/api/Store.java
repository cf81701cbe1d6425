package io.atrium.store.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Transactions on the platform's database. One service, registered by {@code io.atrium.store}.
 */
@ProviderType
public interface Store {

    /** Work done in a transaction. */
    @FunctionalInterface
    interface Work<T, X extends Exception> {
        T run(Db db) throws X;
    }

    /**
     * Runs work in a transaction: committed when it returns, rolled back when it throws. Inside
     * a transaction already open on this thread, the work joins it instead, and the outer
     * transaction decides.
     *
     * @param readOnly whether the work only reads; a read-only transaction refuses writes, also
     *                 from code that joins it
     * @throws X              what the work throws, after the rollback
     * @throws StoreException when the database fails
     */
    <T, X extends Exception> T inTransaction(boolean readOnly, Work<T, X> work) throws X;

    /**
     * The transaction open on this thread, for code called inside one (a web-service function,
     * an event handler that was handed one).
     *
     * @throws IllegalStateException outside a transaction
     */
    Db current();

    /** Whether a transaction is open on this thread. */
    boolean inTransaction();

    /** The database in use: {@code "H2"} or {@code "PostgreSQL"}, as its driver names it. */
    String product();
}
