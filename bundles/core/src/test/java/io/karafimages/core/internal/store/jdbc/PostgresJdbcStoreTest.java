package io.karafimages.core.internal.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import io.karafimages.api.ImagesException;
import io.karafimages.testsupport.DebianPostgres;

/**
 * The store contract on a real PostgreSQL server (Debian's package, started for this class), on pooled data
 * sources made the way the runtime's pax-jdbc one is (the deprecated url's own pool runs the contract on H2).
 */
class PostgresJdbcStoreTest extends JdbcStoreContract {
    private static DebianPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private String url;
    private List<HikariDataSource> services;

    PostgresJdbcStoreTest() throws Exception {
    }

    @Override
    protected JdbcStore newStore() throws Exception {
        synchronized (PostgresJdbcStoreTest.class) {
            if (server == null) {
                server = DebianPostgres.start(Path.of("target"));
            }
        }
        url = server.createDatabase("images" + DATABASES.incrementAndGet());
        return sameDatabase();
    }

    @Override
    protected JdbcStore sameDatabase() throws Exception {
        return JdbcStore.forDataSource(service(url, 8));
    }

    private HikariDataSource service(String database, int maxConnections) throws Exception {
        if (services == null) {
            services = new ArrayList<>(); // newStore() runs in the superclass constructor, before field initialisers
        }
        HikariDataSource ds = ServiceDataSource.postgres(database, server.user(), server.password(), maxConnections);
        services.add(ds);
        return ds;
    }

    /** The store first, then the data sources it borrowed (pax-jdbc-config closes them in the runtime). */
    @AfterEach
    @Override
    void close() {
        super.close();
        services.forEach(HikariDataSource::close);
    }

    @Test
    void aStoppedDatabaseAnswersUnavailableAndRecovers() {
        assertEquals("up", store.health());
        server.stop();
        try {
            ImagesException e = assertThrows(ImagesException.class, () -> store.findTask("x"));
            assertEquals("store_unavailable", e.code());
            assertEquals(503, e.httpStatus());
            assertTrue(store.health().startsWith("down"));
        } finally {
            server.restart();
        }
        assertTrue(store.findTask("x").isEmpty());
    }

    /**
     * A node started while its database is down comes up once the database is back, within start.wait.seconds: on
     * the data source service (published while the database is down: hikari.initializationFailTimeout = -1), and on
     * the deprecated url's own pool.
     */
    @Test
    void aStoreStartedWhileTheDatabaseIsDownWaitsForIt() throws Exception {
        String fresh = server.createDatabase("images" + DATABASES.incrementAndGet());
        String legacy = server.createDatabase("images" + DATABASES.incrementAndGet());
        server.stop();
        boolean restarted = false;
        try {
            HikariDataSource down = service(fresh, 2);
            assertThrows(SQLException.class, () -> new JdbcStore(Pool.borrowed(down), Duration.ZERO),
                    "without a wait it fails at once, as before");
            assertThrows(SQLException.class, () -> new JdbcStore(Pool.open(legacy, server.user(), server.password(),
                    2), Duration.ZERO));
            Executor ownThreads = r -> new Thread(r, "store-start").start(); // both wait at once, whatever the cores
            CompletableFuture<JdbcStore> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return new JdbcStore(Pool.borrowed(down), Duration.ofSeconds(60));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, ownThreads);
            CompletableFuture<JdbcStore> startingOnUrl = CompletableFuture.supplyAsync(() -> {
                try {
                    return new JdbcStore(Pool.open(legacy, server.user(), server.password(), 2), Duration.ofSeconds(60));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, ownThreads);
            Thread.sleep(2000); // the database stays down for a while: the store is still waiting
            assertFalse(starting.isDone(), "activation waits for the database");
            assertFalse(startingOnUrl.isDone());
            server.restart();
            restarted = true;
            try (JdbcStore started = starting.get(60, TimeUnit.SECONDS);
                    JdbcStore startedOnUrl = startingOnUrl.get(60, TimeUnit.SECONDS)) {
                assertEquals("up", started.health());
                assertTrue(started.findTask("x").isEmpty(), "migrated");
                assertEquals("up", startedOnUrl.health());
                assertTrue(startedOnUrl.findTask("x").isEmpty(), "migrated");
            }
        } finally {
            if (!restarted) {
                server.restart();
            }
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
