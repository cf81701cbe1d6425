package io.atrium.store.api;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One open transaction. SQL is written in the dialect PostgreSQL and H2 (in PostgreSQL mode)
 * share; parameters are bound in order to the {@code ?} placeholders. {@code null},
 * {@code String}, {@code Integer}, {@code Long}, {@code Boolean}, {@code byte[]} and
 * {@code java.time} values bind as themselves. A failing statement throws
 * {@link StoreException}; the transaction then rolls back when its work ends.
 */
@ProviderType
public interface Db {

    /** Every row the query returns, mapped. */
    <T> List<T> list(String sql, RowMapper<T> mapper, Object... args);

    /** The first row the query returns, mapped; empty when there is none. */
    <T> Optional<T> first(String sql, RowMapper<T> mapper, Object... args);

    /** The first column of the first row as a number, {@code 0} when there is no row or it is {@code NULL}. */
    long number(String sql, Object... args);

    /** Runs an {@code INSERT}, {@code UPDATE} or {@code DELETE}; returns the rows it touched. */
    int update(String sql, Object... args);

    /**
     * Inserts a row and returns the {@code id} the database generated for it.
     *
     * @param table  the table; its {@code id} column must be generated
     * @param values column name to value, in the order the columns are written
     */
    long insert(String table, Map<String, ?> values);

    /**
     * Updates the row with that {@code id}: {@code UPDATE table SET a = ?, b = ? WHERE id = ?}.
     *
     * @param values column name to new value; at least one
     * @return the rows touched: 1, or 0 when there is no such row
     */
    int updateById(String table, long id, Map<String, ?> values);

    /** {@code n} placeholders for an {@code IN} list: {@code ?, ?, ?}. */
    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /**
     * Runs the action after this transaction commits (never when it rolls back), on the thread
     * that committed. Actions run in the order they were added; one that throws is logged and
     * does not stop the others.
     */
    void afterCommit(Runnable action);

    /**
     * Runs work at a savepoint of this transaction: when it throws, the database goes back to
     * where it was before the work, the after-commit actions the work added are dropped, the
     * exception is rethrown and the transaction goes on (so a batch can skip a bad item without
     * announcing what it did not keep).
     */
    <T, X extends Exception> T savepoint(Store.Work<T, X> work) throws X;

    /** Whether this transaction is read-only. */
    boolean readOnly();

    /** The transaction's connection, for what the methods above do not cover. Never close it. */
    Connection connection();
}
