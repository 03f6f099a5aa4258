package io.karafimages.core.internal.store.jdbc;

import java.sql.SQLException;
import java.util.Properties;

import org.h2.util.OsgiDataSourceFactory;
import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A data source made the way the runtime's is made from {@code etc/org.ops4j.datasource-images.cfg}: the driver's
 * own {@link DataSourceFactory} (the service pax-jdbc-config looks up by {@code osgi.jdbc.driver.name}) given
 * {@code url}, {@code user} and {@code password}, under a HikariCP pool configured with the {@code hikari.*}
 * settings of the shipped file (what pax-jdbc-pool-hikaricp does). The store borrows it; the test closes it.
 */
final class ServiceDataSource {
    private ServiceDataSource() {
    }

    static HikariDataSource h2(String url, int maxConnections) throws SQLException {
        return pooled(new OsgiDataSourceFactory(org.h2.Driver.load()), url, "images", "", maxConnections);
    }

    static HikariDataSource postgres(String url, String user, String password, int maxConnections)
            throws SQLException {
        return pooled(new PGDataSourceFactory(), url, user, password, maxConnections);
    }

    private static HikariDataSource pooled(DataSourceFactory factory, String url, String user, String password,
            int maxConnections) throws SQLException {
        Properties driver = new Properties();
        driver.setProperty(DataSourceFactory.JDBC_URL, url);
        driver.setProperty(DataSourceFactory.JDBC_USER, user);
        driver.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
        Properties hikari = new Properties(); // the hikari.* keys of the cfg, prefix stripped
        hikari.setProperty("poolName", "images");
        hikari.setProperty("maximumPoolSize", String.valueOf(maxConnections));
        hikari.setProperty("connectionTimeout", "5000");
        hikari.setProperty("initializationFailTimeout", "-1");
        HikariConfig config = new HikariConfig(hikari);
        config.setDataSource(factory.createDataSource(driver));
        return new HikariDataSource(config);
    }
}
