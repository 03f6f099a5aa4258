package io.karafimages.core.internal.store.jdbc;

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
 * whenever a {@code NOTIFY images_events} arrives from any runtime. One connection holds the {@code LISTEN} for as
 * long as the doorbell lives: an unpooled one when the store opened its own pool, else one connection of the
 * pooled data source, unwrapped to the driver's {@link PGConnection} and given back (after {@code UNLISTEN}) only
 * when the doorbell closes. It is re-opened after a failure, and the doorbells ring then too, so readers catch up
 * on what was committed while nobody listened. The stored outbox stays the truth; the doorbell only says "look".
 */
final class Doorbell implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Doorbell.class);
    /** How long one wait for notifications lasts: also how long {@link #close()} may wait for the listener. */
    private static final int WAIT_MILLIS = 1_000;

    private final List<Runnable> bells = new CopyOnWriteArrayList<>();
    private final DataSource listenSource;
    private volatile boolean closed;
    private volatile Thread listener;
    private volatile Connection connection;

    /**
     * @param listenSource PostgreSQL connections for LISTEN (unpooled or pooled: one is held), or null (H2: this
     *        runtime only)
     */
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
            Connection c = null;
            try {
                c = listenSource.getConnection();
                connection = c;
                c.setAutoCommit(true); // LISTEN takes effect at commit; a pooled connection may come in a transaction
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
                release(c);
            }
        }
    }

    /**
     * Gives the LISTEN connection back: {@code UNLISTEN} first, so that a pooled connection carries no subscription
     * to its next user (a broken one fails here and the pool drops it).
     */
    private static void release(Connection c) {
        if (c == null) {
            return;
        }
        try {
            if (!c.isClosed()) {
                Outbox.unlisten(c);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("UNLISTEN before giving the connection back", e);
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("Closing the LISTEN connection", e);
        }
    }

    /**
     * Stops listening. The listener gives its connection back itself, within one wait for notifications; only a
     * listener that does not come back in time (a connection hanging on a dead network) has its connection closed
     * from here.
     */
    @Override
    public void close() {
        closed = true;
        bells.clear();
        Thread t = listener;
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(WAIT_MILLIS + 2_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection c = connection;
        if (t.isAlive() && c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing the LISTEN connection", e);
            }
        }
    }
}
