package io.karafimages.core.internal.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.karafimages.api.ImagesException;

/** Small JDBC helpers: parameter binding, row mapping, transactions; SQL faults become 503s. */
final class Sql {
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} in one transaction. After a failed commit or a failed rollback nobody can vouch for the
     * session (a commit that failed inside H2's store, seen under ZGC, left the transaction's row locks held, and
     * every later write of those rows timed out until the node restarted), so its connection is then thrown away
     * instead of being used again: closing it ends the session, and the database releases what the session held.
     */
    <T> T inTransaction(Work<T> work) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw unavailable(e);
        }
        Exception failure = null;
        boolean discard = false;
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            discard = true; // until the commit has succeeded
            c.commit();
            discard = false;
            return result;
        } catch (SQLException | RuntimeException e) {
            failure = e;
            try {
                c.rollback();
            } catch (SQLException | RuntimeException rollback) {
                e.addSuppressed(rollback);
                discard = true;
            }
            throw e instanceof SQLException sql ? unavailable(sql) : (RuntimeException) e;
        } finally {
            release(c, failure, discard);
        }
    }

    /**
     * Gives the connection back, or with {@code discard} closes it for good: HikariCP (the runtime's pool) is told to
     * evict it once it is back, which closes the physical connection and never hands it out again; any other pool
     * gets {@link Connection#abort} first. Failures are added to {@code failure} when there is one, else thrown.
     */
    private void release(Connection c, Exception failure, boolean discard) {
        List<Exception> problems = new ArrayList<>(1);
        HikariDataSource hikari = null;
        if (discard) {
            try {
                if (dataSource.isWrapperFor(HikariDataSource.class)) {
                    hikari = dataSource.unwrap(HikariDataSource.class);
                } else {
                    c.abort(Runnable::run);
                }
            } catch (SQLException | RuntimeException e) {
                problems.add(e);
            }
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            problems.add(e);
        }
        if (hikari != null) {
            // after close(): evicting a connection in use makes HikariCP's own close() fail on the closed session
            hikari.evictConnection(c);
        }
        if (failure != null) {
            problems.forEach(failure::addSuppressed);
        } else if (!problems.isEmpty()) {
            Exception first = problems.get(0);
            throw first instanceof SQLException sql ? unavailable(sql) : (RuntimeException) first;
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql, mapper, params);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        return query(sql, mapper, params).stream().findFirst();
    }

    int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, sql, params);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i] instanceof Instant inst ? inst.toEpochMilli() : params[i];
            if (p == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (p instanceof byte[] b) {
                ps.setBytes(i + 1, b);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    static ImagesException unavailable(SQLException e) {
        return ImagesException.unavailable("store_unavailable", "The database cannot be reached right now.",
                java.time.Duration.ofSeconds(5), e);
    }
}
