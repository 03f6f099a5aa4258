package io.karafimages.events.internal;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The bounded outgoing queue of one client. Messages are sent one at a time, asynchronously, by the transport;
 * {@link #offer} never blocks, so a slow client holds up nobody but itself. When more than {@code capacity}
 * messages wait, the queue is dropped and replaced by one {@code {"type":"resync"}}: the client has missed
 * updates and must reload its state (finished updates come again from the store when it reconnects). A client
 * that keeps overflowing while its resync has not even gone out is closed.
 */
final class ClientQueue {
    static final String RESYNC = "{\"type\":\"resync\"}";

    /** Sends one message asynchronously and calls {@code done} with null or the failure when it went out. */
    interface Transport {
        void send(String message, Consumer<Throwable> done);

        void close(String reason);
    }

    private final Transport transport;
    private final int capacity;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean resyncPending;
    private boolean closed;
    private int overflows;

    ClientQueue(Transport transport, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.transport = transport;
        this.capacity = capacity;
    }

    /** @return false when the message was dropped (overflow or closed) */
    boolean offer(String message) {
        String next = null;
        boolean accepted;
        boolean closeNow = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queue.size() >= capacity && resyncPending) {
                closed = true; // still overflowing before its resync even left: give up on this client
                queue.clear();
                closeNow = true;
                accepted = false;
            } else if (queue.size() >= capacity) {
                queue.clear();
                queue.add(RESYNC);
                resyncPending = true;
                overflows++;
                accepted = false;
            } else {
                queue.add(message);
                accepted = true;
            }
            if (!closeNow && !sending) {
                next = startNext();
            }
        }
        if (closeNow) {
            transport.close("client too slow");
        } else if (next != null) {
            transport.send(next, this::sent);
        }
        return accepted;
    }

    private String startNext() {
        String next = queue.poll();
        sending = next != null;
        if (RESYNC.equals(next)) {
            resyncPending = false;
        }
        return next;
    }

    private void sent(Throwable failure) {
        String next;
        synchronized (this) {
            if (failure != null) {
                closed = true;
                queue.clear();
                sending = false;
                return;
            }
            next = closed ? null : startNext();
            if (next == null) {
                sending = false;
            }
        }
        if (next != null) {
            transport.send(next, this::sent);
        }
    }

    synchronized int size() {
        return queue.size();
    }

    synchronized int overflows() {
        return overflows;
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
        queue.clear();
    }
}
