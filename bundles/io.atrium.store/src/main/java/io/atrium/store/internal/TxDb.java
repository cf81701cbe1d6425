package io.atrium.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.store.api.Db;
import io.atrium.store.api.Store;
import io.atrium.store.api.RowMapper;
import io.atrium.store.api.StoreException;

/**
 * One transaction. The connection is taken from the pool on first use, so a call that never
 * touches the database costs nothing here.
 */
final class TxDb implements Db {

    private static final Logger LOG = LoggerFactory.getLogger(TxDb.class);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final DataSource pool;
    private final boolean readOnly;
    private Connection connection;
    private List<Runnable> afterCommit;

    TxDb(DataSource pool, boolean readOnly) {
        this.pool = pool;
        this.readOnly = readOnly;
    }

    @Override
    public Connection connection() {
        if (connection == null) {
            try {
                Connection c = pool.getConnection();
                try {
                    if (c.getAutoCommit()) {
                        c.setAutoCommit(false);
                    }
                    if (readOnly) {
                        c.setReadOnly(true);
                    }
                } catch (SQLException e) {
                    c.close();
                    throw e;
                }
                connection = c;
            } catch (SQLException e) {
                throw new StoreException("cannot get a database connection", e);
            }
        }
        return connection;
    }

    @Override
    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    @Override
    public <T> Optional<T> first(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            bind(ps, args);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    @Override
    public long number(String sql, Object... args) {
        return first(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    @Override
    public int update(String sql, Object... args) {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    @Override
    public long insert(String table, Map<String, ?> values) {
        checkName(table);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
        StringBuilder marks = new StringBuilder();
        for (String column : values.keySet()) {
            checkName(column);
            if (marks.length() > 0) {
                sql.append(", ");
                marks.append(", ");
            }
            sql.append(column);
            marks.append('?');
        }
        sql.append(") VALUES (").append(marks).append(')');
        String text = sql.toString();
        try (PreparedStatement ps = connection().prepareStatement(text, new String[] { "id" })) {
            bind(ps, values.values().toArray());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new StoreException("the database generated no id for a row of " + table);
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw failed(text, e);
        }
    }

    @Override
    public int updateById(String table, long id, Map<String, ?> values) {
        checkName(table);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nothing to update in " + table);
        }
        StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
        Object[] args = new Object[values.size() + 1];
        int i = 0;
        for (Map.Entry<String, ?> e : values.entrySet()) {
            checkName(e.getKey());
            sql.append(i == 0 ? "" : ", ").append(e.getKey()).append(" = ?");
            args[i++] = e.getValue();
        }
        args[i] = id;
        return update(sql.append(" WHERE id = ?").toString(), args);
    }

    @Override
    public void afterCommit(Runnable action) {
        if (afterCommit == null) {
            afterCommit = new ArrayList<>();
        }
        afterCommit.add(action);
    }

    @Override
    public <T, X extends Exception> T savepoint(Store.Work<T, X> work) throws X {
        Connection c = connection();
        int actions = afterCommit == null ? 0 : afterCommit.size();
        Savepoint sp;
        try {
            sp = c.setSavepoint();
        } catch (SQLException e) {
            throw new StoreException("a savepoint could not be set", e);
        }
        T result;
        try {
            result = work.run(this);
        } catch (Throwable t) {
            try {
                c.rollback(sp);
            } catch (SQLException e) {
                t.addSuppressed(e);
            }
            if (afterCommit != null) {
                afterCommit.subList(actions, afterCommit.size()).clear();
            }
            throw t;
        }
        try {
            c.releaseSavepoint(sp);
        } catch (SQLException e) {
            throw new StoreException("a savepoint could not be released", e);
        }
        return result;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    void commit() {
        if (connection != null) {
            try {
                connection.commit();
            } catch (SQLException e) {
                throw new StoreException("the transaction could not be committed", e);
            }
        }
    }

    void rollback(Throwable cause) {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    void close() {
        if (connection != null) {
            try {
                connection.close(); // back to the pool, which resets read-only
            } catch (SQLException e) {
                LOG.warn("a connection could not be returned to the pool", e);
            }
            connection = null;
        }
    }

    void runAfterCommit() {
        if (afterCommit == null) {
            return;
        }
        for (Runnable action : afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("an after-commit action failed; the transaction itself is committed", e);
            }
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (a instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a lower-case SQL name: '" + name + "'");
        }
    }

    private static StoreException failed(String sql, SQLException e) {
        return new StoreException("the statement failed [" + sql + "]", e);
    }
}
