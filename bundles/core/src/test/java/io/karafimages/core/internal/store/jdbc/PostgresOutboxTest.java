package io.karafimages.core.internal.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import io.karafimages.api.TaskStatus;
import io.karafimages.spi.events.EventRecord;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.testsupport.DebianPostgres;

/**
 * The outbox on a real PostgreSQL, including the LISTEN/NOTIFY doorbell between two store instances (nodes), each on
 * a pooled data source made the way the runtime's pax-jdbc one is: the LISTEN holds one of its connections.
 */
class PostgresOutboxTest extends OutboxContract {
    private static DebianPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private String url;
    private List<HikariDataSource> services;

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
        return sameDatabase();
    }

    @Override
    protected JdbcStore sameDatabase() throws Exception {
        return JdbcStore.forDataSource(service(8));
    }

    private HikariDataSource service(int maxConnections) throws Exception {
        if (services == null) {
            services = new ArrayList<>(); // newStore() runs in the superclass constructor, before field initialisers
        }
        HikariDataSource ds = ServiceDataSource.postgres(url, server.user(), server.password(), maxConnections);
        services.add(ds);
        return ds;
    }

    /** The stores first, then the data sources they borrowed (pax-jdbc-config closes them in the runtime). */
    @AfterEach
    @Override
    void close() {
        super.close();
        services.forEach(HikariDataSource::close);
    }

    /**
     * On a pooled data source the LISTEN session holds one pooled connection while the doorbell lives, and gives it
     * back without its subscription: the next user of that connection receives no notifications meant for events.
     */
    @Test
    void theListenHoldsOnePooledConnectionAndGivesItBackUnsubscribed() throws Exception {
        HikariDataSource pool = service(2);
        try (JdbcStore node = JdbcStore.forDataSource(pool)) {
            Semaphore rang = new Semaphore(0);
            try (AutoCloseable bell = node.onNewEvents(rang::release)) {
                assertTrue(rang.tryAcquire(10, TimeUnit.SECONDS), "the first ring comes when LISTEN is set up");
                assertEquals(1, pool.getHikariPoolMXBean().getActiveConnections(), "the LISTEN holds one");
                rang.drainPermits();
                TaskRecord t = task("t1", "u1");
                store.create(t, embed(t)); // on the other node
                assertTrue(rang.tryAcquire(10, TimeUnit.SECONDS), "NOTIFY from the other node arrived");
                assertTrue(node.findTask("t1").isPresent(), "the pool's other connection serves the store meanwhile");
            }
        }
        assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(), "given back when the store closed");
        // both connections of the pool at once: the former LISTEN one is among them
        try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
            for (Connection c : List.of(a, b)) {
                assertEquals(List.of(), Sql.query(c, "SELECT pg_listening_channels()", rs -> rs.getString(1)),
                        "no subscription left on a pooled connection");
            }
        }
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
