package io.karafimages.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
