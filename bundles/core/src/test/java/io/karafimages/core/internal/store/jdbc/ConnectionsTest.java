package io.karafimages.core.internal.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Which connections the component runs on: the pax-jdbc data source service (the default), or, while
 * {@code images.store.jdbc} still has the deprecated {@code url}, a pool of the store's own on that URL.
 */
class ConnectionsTest {
    private final HikariDataSource service;

    ConnectionsTest() throws SQLException {
        service = ServiceDataSource.h2(h2Url(), 4);
    }

    @AfterEach
    void closeService() {
        service.close();
    }

    @Test
    void withoutUrlTheStoreRunsOnTheDataSourceServiceAndLeavesItOpen() throws Exception {
        Pool pool = JdbcStore.connections("", "images", "", 16, service);
        assertSame(service, pool.dataSource());
        try (JdbcStore store = new JdbcStore(pool, Duration.ZERO)) {
            assertEquals("up", store.health());
        }
        assertTrue(schemaVersion(service) >= Migrations.SCRIPTS.size(), "migrated the service's database");
        assertFalse(service.isClosed(), "the service belongs to pax-jdbc-config: the store does not close it");
        try (Connection c = service.getConnection()) {
            assertTrue(c.isValid(1));
        }
    }

    @Test
    void aDeprecatedUrlStillGetsAPoolOfTheStoresOwnAndTheServiceIsNotTouched() throws Exception {
        String legacyUrl = h2Url();
        Pool pool = JdbcStore.connections(legacyUrl, "images", "", 4, service);
        assertNotSame(service, pool.dataSource());
        try (JdbcStore store = new JdbcStore(pool, Duration.ZERO)) {
            assertEquals("up", store.health());
            assertTrue(schemaVersion(pool.dataSource()) >= Migrations.SCRIPTS.size(), "migrated the url's database");
        }
        assertTrue(((HikariDataSource) pool.dataSource()).isClosed(), "its own pool closes with the store");
        assertEquals(-1, schemaVersion(service), "nothing was created in the service's database");
        assertFalse(service.isClosed());
    }

    /** The highest migration applied, or -1 when the schema table does not exist. */
    private static int schemaVersion(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                ResultSet tables = c.getMetaData().getTables(null, null, "images_schema_version", null)) {
            if (!tables.next()) {
                return -1;
            }
            return Sql.query(c, "SELECT MAX(version) FROM images_schema_version", rs -> rs.getInt(1)).get(0);
        }
    }

    private static String h2Url() {
        return "jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }
}
