package io.karafimages.store.jdbc.internal;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool behind the store: H2's own pool for the embedded default (an H2 file in PostgreSQL
 * compatibility mode under {@code data/images/db}), HikariCP over the PostgreSQL driver for production. The
 * drivers' data sources are created directly, not looked up through {@code DriverManager}, which does not see
 * drivers inside OSGi.
 */
final class Pool implements AutoCloseable {
    private final DataSource dataSource;
    private final AutoCloseable closer;
    private final DataSource direct;

    private Pool(DataSource dataSource, AutoCloseable closer, DataSource direct) {
        this.dataSource = dataSource;
        this.closer = closer;
        this.direct = direct;
    }

    static Pool open(String url, String user, String password, int maxConnections) {
        String jdbcUrl = url == null || url.isBlank() ? defaultUrl() : url;
        String pw = password == null ? "" : password;
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, user, pw);
            pool.setMaxConnections(maxConnections);
            return new Pool(pool, pool::dispose, null);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(jdbcUrl);
            pg.setUser(user);
            pg.setPassword(pw);
            HikariConfig config = new HikariConfig();
            config.setDataSource(pg);
            config.setMaximumPoolSize(maxConnections);
            config.setPoolName("images-store");
            config.setConnectionTimeout(5_000);
            config.setInitializationFailTimeout(-1); // start even when the database is down; calls answer 503
            HikariDataSource hikari = new HikariDataSource(config);
            return new Pool(hikari, hikari::close, pg);
        }
        throw new IllegalArgumentException("Unsupported JDBC URL (use jdbc:h2: or jdbc:postgresql:): " + jdbcUrl);
    }

    static String defaultUrl() {
        Path file = Path.of(System.getProperty("karaf.data", "data"), "images", "db", "images").toAbsolutePath();
        // WRITE_DELAY=0: H2 otherwise keeps the last second of committed transactions in memory, and a killed
        // process loses them (a crash test caught exactly that: a submitted task vanished).
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";WRITE_DELAY=0";
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** PostgreSQL only: unpooled connections (a LISTEN session holds its connection for good); else null. */
    DataSource direct() {
        return direct;
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not close the connection pool", e);
        }
    }
}
