package io.atrium.store.api;

import java.sql.SQLException;

/** The database failed a statement or could not be reached. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    public StoreException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    public StoreException(String message) {
        super(message);
        this.sqlState = null;
    }

    /** The SQL state of the failure, {@code null} when it did not come from the database. */
    public String sqlState() {
        return sqlState;
    }

    /** Whether a unique constraint refused the statement (SQL state {@code 23505}). */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }
}
