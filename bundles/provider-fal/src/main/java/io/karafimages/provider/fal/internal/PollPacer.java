package io.karafimages.provider.fal.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The pause between two status polls. It is a bounded wait on a condition, not a sleep: {@link #close()} (the
 * component deactivating) wakes every waiter at once. The SPI hands cancellation over as a {@link BooleanSupplier},
 * which cannot notify anybody, so a waiter also re-reads it every {@value #CHECK_MS} ms (a cheap in-memory flag in
 * the task engine); a cancelled task therefore stops waiting within that time whatever the poll interval is.
 * Thread-safe; shared by all workers of one component.
 */
final class PollPacer implements AutoCloseable {
    static final long CHECK_MS = 50;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closedSignal = lock.newCondition();
    private boolean closed;

    /**
     * Waits for {@code pause}.
     *
     * @return {@code true} when the whole pause passed; {@code false} as soon as the task is cancelled, the thread
     *         interrupted (the flag stays set) or the pacer closed
     */
    boolean pause(Duration pause, BooleanSupplier cancelled) {
        long end = System.nanoTime() + pause.toNanos();
        while (true) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            lock.lock();
            try {
                if (closed) {
                    return false;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                closedSignal.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(CHECK_MS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closedSignal.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
