package io.atrium.lpi.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atrium.store.api.Db;
import io.atrium.store.api.RowMapper;
import io.atrium.store.api.Store;
import io.atrium.store.api.StoreException;

/** A Store over one in-memory H2 connection in PostgreSQL mode, migrated with the bundle's SQL. */
final class H2Store implements Store, Db {

    private final Connection connection;
    private int depth;
    private final List<Runnable> after = new ArrayList<>();

    H2Store() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:lpi" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        for (String m : List.of("V1__lpi_metadata.sql", "V2__lpi_metadata_state_index.sql")) {
            try (var in = H2Store.class.getResourceAsStream("/db/migration/" + m); Statement s = connection.createStatement()) {
                s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        connection.setAutoCommit(false);
    }

    @Override
    public <T, X extends Exception> T inTransaction(boolean readOnly, Work<T, X> work) throws X {
        depth++;
        try {
            T t = work.run(this);
            if (depth == 1) {
                commit();
                after.forEach(Runnable::run);
                after.clear();
            }
            return t;
        } catch (Exception e) {
            if (depth == 1) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the test fails anyway
                }
                after.clear();
            }
            throw e;
        } finally {
            depth--;
        }
    }

    private void commit() {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    @Override
    public Db current() {
        return this;
    }

    @Override
    public boolean inTransaction() {
        return depth > 0;
    }

    @Override
    public String product() {
        return "H2";
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    @Override
    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    @Override
    public <T> Optional<T> first(String sql, RowMapper<T> mapper, Object... args) {
        return list(sql, mapper, args).stream().findFirst();
    }

    @Override
    public long number(String sql, Object... args) {
        return first(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    @Override
    public int update(String sql, Object... args) {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    @Override
    public long insert(String table, Map<String, ?> values) {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", values.keySet()) + ") VALUES ("
                + Db.placeholders(values.size()) + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql, new String[] { "id" })) {
            int i = 1;
            for (Object v : values.values()) {
                ps.setObject(i++, v);
            }
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    @Override
    public int updateById(String table, long id, Map<String, ?> values) {
        List<Object> args = new ArrayList<>(values.values());
        args.add(id);
        return update("UPDATE " + table + " SET " + String.join(" = ?, ", values.keySet()) + " = ? WHERE id = ?",
                args.toArray());
    }

    @Override
    public void afterCommit(Runnable action) {
        after.add(action);
    }

    @Override
    public <T, X extends Exception> T savepoint(Work<T, X> work) throws X {
        return work.run(this);
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Connection connection() {
        return connection;
    }
}
