package io.atrium.lms.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.User;
import io.atrium.store.api.RowMapper;

/** Row mappers and small helpers shared by the domain's services. */
final class Rows {

    private Rows() {
    }

    static final String USER_COLUMNS = "id, auth, confirmed, deleted, suspended, mnethostid, username, password, "
            + "idnumber, firstname, lastname, email, lang, timecreated, timemodified";

    static final RowMapper<User> USER = rs -> new User(rs.getLong("id"), rs.getString("auth"),
            rs.getInt("confirmed") != 0, rs.getInt("deleted") != 0, rs.getInt("suspended") != 0,
            rs.getLong("mnethostid"), rs.getString("username"), rs.getString("password"), rs.getString("idnumber"),
            rs.getString("firstname"), rs.getString("lastname"), rs.getString("email"), rs.getString("lang"),
            rs.getLong("timecreated"), rs.getLong("timemodified"));

    static final String CONTEXT_COLUMNS = "id, contextlevel, instanceid, path, depth";

    static final RowMapper<Context> CONTEXT = rs -> new Context(rs.getLong("id"),
            ContextLevel.of(rs.getInt("contextlevel")), rs.getLong("instanceid"), rs.getString("path"),
            rs.getInt("depth"));

    /** Unix seconds now. */
    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** A nullable long column. */
    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** A text column, empty for NULL. */
    static String text(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? "" : v;
    }
}
