package io.karafimages.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.karafimages.api.TaskStatus;
import io.karafimages.spi.store.EventRecord;
import io.karafimages.spi.store.TaskRecord;
import io.karafimages.testsupport.DebianPostgres;

/** The outbox on a real PostgreSQL, including the LISTEN/NOTIFY doorbell between two store instances (nodes). */
class PostgresOutboxTest extends OutboxContract {
    private static DebianPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private String url;

    PostgresOutboxTest() throws Exception {
    }

    @Override
    protected JdbcStore newStore() throws Exception {
        synchronized (PostgresOutboxTest.class) {
            if (server == null) {
                server = DebianPostgres.start(Path.of("target"));
            }
        }
        url = server.createDatabase("outbox" + DATABASES.incrementAndGet());
        return JdbcStore.forUrl(url, server.user(), server.password());
    }

    @Override
    protected JdbcStore sameDatabase() throws Exception {
        return JdbcStore.forUrl(url, server.user(), server.password());
    }

    @Test
    void aCommitOnOneNodeRingsTheDoorbellOfAnotherAndItReadsTheRowsFromTheStore() throws Exception {
        try (JdbcStore other = sameDatabase()) {
            Semaphore rang = new Semaphore(0);
            try (AutoCloseable bell = other.onNewEvents(rang::release)) {
                assertTrue(rang.tryAcquire(10, TimeUnit.SECONDS), "the first ring comes when LISTEN is set up");
                rang.drainPermits();
                long seen = other.lastEventId();
                TaskRecord t = task("t1", "u1");
                store.create(t, embed(t));
                assertTrue(rang.tryAcquire(10, TimeUnit.SECONDS), "NOTIFY reached the other node");
                List<EventRecord> fresh = other.eventsAfter(seen, 10);
                assertEquals(1, fresh.size());
                assertEquals(TaskStatus.QUEUED, fresh.get(0).status());
            }
        }
    }

    @Test
    void aRolledBackChangeRingsNoOtherNode() throws Exception {
        try (JdbcStore other = sameDatabase()) {
            Semaphore rang = new Semaphore(0);
            try (AutoCloseable bell = other.onNewEvents(rang::release)) {
                assertTrue(rang.tryAcquire(10, TimeUnit.SECONDS));
                TaskRecord t = task("t1", "u1");
                store.create(t, embed(t));
                assertTrue(rang.tryAcquire(10, TimeUnit.SECONDS));
                rang.drainPermits();
                long before = other.lastEventId();
                // a create that fails inside its transaction (the same task id again) notifies nobody
                try {
                    store.create(t, embed(task("t1", "u1")));
                } catch (RuntimeException expected) {
                    // a unique violation on the embed id
                }
                assertFalse(rang.tryAcquire(2, TimeUnit.SECONDS), "a rolled-back transaction notifies nobody");
                assertEquals(before, other.lastEventId());
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
