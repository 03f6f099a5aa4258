package io.karafimages.store.jdbc.internal;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The embedded default database: an H2 file in PostgreSQL compatibility mode under {@code data/images/db},
 * behind H2's own connection pool.
 */
final class PooledH2 implements AutoCloseable {
    private final JdbcConnectionPool pool;

    private PooledH2(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    static PooledH2 open(String url, String user, String password, int maxConnections) {
        String jdbcUrl = url == null || url.isBlank() ? defaultUrl() : url;
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("Only jdbc:h2: URLs are supported by this version; got " + jdbcUrl);
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, user, password == null ? "" : password);
        pool.setMaxConnections(maxConnections);
        return new PooledH2(pool);
    }

    static String defaultUrl() {
        Path file = Path.of(System.getProperty("karaf.data", "data"), "images", "db", "images").toAbsolutePath();
        // WRITE_DELAY=0: H2 otherwise keeps the last second of committed transactions in memory, and a killed
        // process loses them (a crash test caught exactly that: a submitted task vanished).
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";WRITE_DELAY=0";
    }

    DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
