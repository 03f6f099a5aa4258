package io.karafimages.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

class ClientQueueTest {
    /** A transport whose sends complete only when the test says so: a client that reads when it likes. */
    static final class ManualTransport implements ClientQueue.Transport {
        final List<String> sent = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        String closed;

        @Override
        public void send(String message, Consumer<Throwable> done) {
            sent.add(message);
            pending.add(done);
        }

        @Override
        public void close(String reason) {
            closed = reason;
        }

        void completeOne() {
            pending.remove(0).accept(null);
        }
    }

    @Test
    void sendsOneAtATimeInOrder() {
        ManualTransport t = new ManualTransport();
        ClientQueue q = new ClientQueue(t, 10);
        assertTrue(q.offer("a"));
        assertTrue(q.offer("b"));
        assertTrue(q.offer("c"));
        assertEquals(List.of("a"), t.sent, "the next waits for the previous send");
        t.completeOne();
        t.completeOne();
        t.completeOne();
        assertEquals(List.of("a", "b", "c"), t.sent);
        assertEquals(0, q.size());
    }

    @Test
    void aClientThatDoesNotReadOverflowsIntoOneResyncAndNeverBlocksTheCaller() {
        ManualTransport t = new ManualTransport();
        ClientQueue q = new ClientQueue(t, 3);
        long start = System.nanoTime();
        q.offer("1"); // in flight, never completes for now
        q.offer("2");
        q.offer("3");
        q.offer("4");
        assertFalse(q.offer("5"), "the fourth waiting message overflows");
        assertTrue((System.nanoTime() - start) < 1_000_000_000L);
        assertEquals(1, q.overflows());
        assertEquals(1, q.size(), "the queue was dropped for one resync");
        t.completeOne();
        assertEquals(List.of("1", ClientQueue.RESYNC), t.sent);
        t.completeOne();
        assertTrue(q.offer("6"), "after the resync went out, updates flow again");
        assertEquals(List.of("1", ClientQueue.RESYNC, "6"), t.sent);
    }

    @Test
    void aClientStillOverflowingBeforeItsResyncLeftIsClosed() {
        ManualTransport t = new ManualTransport();
        ClientQueue q = new ClientQueue(t, 2);
        for (int i = 0; i < 4; i++) {
            q.offer("m" + i);
        }
        assertEquals(1, q.overflows());
        q.offer("x");
        q.offer("y");
        assertFalse(q.offer("z"));
        assertTrue(q.closed());
        assertEquals("client too slow", t.closed);
        assertFalse(q.offer("after"));
    }

    @Test
    void aFailedSendClosesTheQueue() {
        ManualTransport t = new ManualTransport();
        ClientQueue q = new ClientQueue(t, 5);
        q.offer("a");
        q.offer("b");
        t.pending.remove(0).accept(new java.io.IOException("reset"));
        assertTrue(q.closed());
        assertEquals(List.of("a"), t.sent);
    }
}
