package io.karafimages.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings the registered doorbells when events were committed: at once after a local commit, and on PostgreSQL
 * whenever a {@code NOTIFY images_events} arrives from any runtime (a dedicated unpooled connection holds the
 * {@code LISTEN}; it is re-opened after a failure, and the doorbells ring then too, so readers catch up on what
 * was committed while nobody listened). The stored outbox stays the truth; the doorbell only says "look".
 */
final class Doorbell implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Doorbell.class);
    private static final int WAIT_MILLIS = 5_000;

    private final List<Runnable> bells = new CopyOnWriteArrayList<>();
    private final DataSource listenSource;
    private volatile boolean closed;
    private volatile Thread listener;
    private volatile Connection connection;

    /** @param listenSource unpooled PostgreSQL connections for LISTEN, or null (H2: this runtime only) */
    Doorbell(DataSource listenSource) {
        this.listenSource = listenSource;
    }

    AutoCloseable add(Runnable bell) {
        bells.add(bell);
        startListening();
        return () -> bells.remove(bell);
    }

    void ring() {
        for (Runnable bell : bells) {
            try {
                bell.run();
            } catch (RuntimeException e) {
                LOG.warn("An event doorbell failed", e);
            }
        }
    }

    private synchronized void startListening() {
        if (listenSource == null || listener != null || closed) {
            return;
        }
        Thread t = new Thread(this::listen, "images-events-listen");
        t.setDaemon(true);
        listener = t;
        t.start();
    }

    private void listen() {
        long backoff = 500;
        while (!closed) {
            try (Connection c = listenSource.getConnection()) {
                connection = c;
                Outbox.listen(c);
                ring(); // catch up on whatever was committed before this LISTEN
                backoff = 500;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(WAIT_MILLIS);
                    if (notes != null && notes.length > 0) {
                        ring();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("LISTEN {} lost ({}); retrying in {} ms", Outbox.CHANNEL, e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            } finally {
                connection = null;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        bells.clear();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing the LISTEN connection", e);
            }
        }
        Thread t = listener;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
