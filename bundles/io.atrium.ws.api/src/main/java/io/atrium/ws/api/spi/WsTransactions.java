package io.atrium.ws.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

import io.atrium.ws.api.WsException;

/**
 * Runs a function call in one transaction: committed when the work returns, rolled back when
 * it throws. Without a provider, calls run without a transaction.
 */
@ConsumerType
public interface WsTransactions {

    /** The work done in the transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws WsException;
    }

    /**
     * Runs work in a transaction.
     *
     * @param readOnly whether the work only reads
     */
    <T> T inTransaction(boolean readOnly, Work<T> work) throws WsException;
}
