package io.karafimages.core.internal.store.jdbc;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connections behind the store. In the runtime they come from a {@code javax.sql.DataSource} service that
 * pax-jdbc-config publishes from {@code etc/org.ops4j.datasource-images.cfg} ({@link #borrowed}): the store neither
 * opens nor closes that pool. The deprecated {@code url} of {@code images.store.jdbc}, tests and tools outside OSGi
 * build a pool of their own ({@link #open}): HikariCP over H2 (an H2 file in PostgreSQL compatibility mode under
 * {@code data/images/db}) or over the PostgreSQL driver. The drivers' data sources are created directly, not looked
 * up through {@code DriverManager}, which does not see drivers inside OSGi.
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

    /** A data source owned by someone else (the pax-jdbc service): used as it is, never closed here. */
    static Pool borrowed(DataSource service) {
        return new Pool(service, () -> {
        }, null);
    }

    static Pool open(String url, String user, String password, int maxConnections) {
        String jdbcUrl = url == null || url.isBlank() ? defaultUrl() : url;
        String pw = password == null ? "" : password;
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            // HikariCP here too, not H2's own JdbcConnectionPool: that one rolls back on every checkout, which ends
            // a transaction in MVStore under its store-wide lock, so every query of every request (API key, file
            // route) queued on that lock (a JFR profile of the download benchmark showed it).
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(jdbcUrl);
            h2.setUser(user);
            h2.setPassword(pw);
            HikariDataSource hikari = hikari(h2, maxConnections);
            return new Pool(hikari, hikari::close, null);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(jdbcUrl);
            pg.setUser(user);
            pg.setPassword(pw);
            HikariDataSource hikari = hikari(pg, maxConnections);
            return new Pool(hikari, hikari::close, pg);
        }
        throw new IllegalArgumentException("Unsupported JDBC URL (use jdbc:h2: or jdbc:postgresql:): " + jdbcUrl);
    }

    private static HikariDataSource hikari(DataSource driver, int maxConnections) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(driver);
        config.setMaximumPoolSize(maxConnections);
        config.setPoolName("images-store");
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1); // start even when the database is down; calls answer 503
        return new HikariDataSource(config);
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

    /**
     * Unpooled PostgreSQL connections for the LISTEN session, when this pool was opened here; null for H2 and for a
     * borrowed data source (the LISTEN session then holds one of its pooled connections).
     */
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
