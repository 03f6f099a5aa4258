package io.karafimages.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.testsupport.DebianPostgres;

/** The store contract on a real PostgreSQL server (Debian's package, started for this class). */
class PostgresJdbcStoreTest extends JdbcStoreContract {
    private static DebianPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private String url;

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
        return JdbcStore.forUrl(url, server.user(), server.password());
    }

    @Override
    protected JdbcStore sameDatabase() throws Exception {
        return JdbcStore.forUrl(url, server.user(), server.password());
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

    /** A node started while its database is down comes up once the database is back, within start.wait.seconds. */
    @Test
    void aStoreStartedWhileTheDatabaseIsDownWaitsForIt() throws Exception {
        String fresh = server.createDatabase("images" + DATABASES.incrementAndGet());
        server.stop();
        boolean restarted = false;
        try {
            assertThrows(SQLException.class, () -> new JdbcStore(Pool.open(fresh, server.user(), server.password(), 2),
                    Duration.ZERO), "without a wait it fails at once, as before");
            CompletableFuture<JdbcStore> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return new JdbcStore(Pool.open(fresh, server.user(), server.password(), 2), Duration.ofSeconds(60));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(2000); // the database stays down for a while: the store is still waiting
            assertFalse(starting.isDone(), "activation waits for the database");
            server.restart();
            restarted = true;
            try (JdbcStore started = starting.get(60, TimeUnit.SECONDS)) {
                assertEquals("up", started.health());
                assertTrue(started.findTask("x").isEmpty(), "migrated");
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
