package io.karafimages.rest.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * At most {@code permits} holders at once, admitted strictly in arrival order (a ticket turnstile): a caller takes
 * the next ticket and goes on when fewer than {@code permits} of the tickets before it are still out. A caller
 * that must wait parks, and each {@link #release} wakes exactly the one thread whose turn it has just made.
 *
 * <p>Why not {@code new Semaphore(n, true)}: JDK 17's fair semaphore lets a queued thread that acquires wake the
 * next queued one too, which finds no permit and parks again; on a two-core virtual machine every needless wake-up
 * is a context switch, often of a halted vCPU. In the download benchmark (README "Benchmarks", 4 turns, same build
 * otherwise) the fair semaphore served 0.22-0.24 of nginx's previews per second at 0.13-0.14 ms of CPU each, this
 * turnstile 0.26-0.34 at 0.10-0.13 ms.
 *
 * <p>Every {@link #acquire} must be followed by exactly one {@link #release}, also when the work in between fails.
 */
final class Turns {
    private final int permits;
    /** The next ticket to hand out. */
    private final AtomicLong issued = new AtomicLong();
    /** How many turns have been given back; ticket t may go on while {@code t < returned + permits}. */
    private final AtomicLong returned = new AtomicLong();
    /** Waiting threads by ticket; each is woken by the release that admits its ticket. */
    private final ConcurrentHashMap<Long, Thread> parked = new ConcurrentHashMap<>();

    Turns(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one turn at a time, not " + permits);
        }
        this.permits = permits;
    }

    /**
     * Waits, parked, until every caller that arrived before this one has had its turn and a turn is free. An
     * interrupt does not end the wait (a turn is short); the thread's interrupt status is kept for the caller.
     */
    void acquire() {
        long ticket = issued.getAndIncrement();
        if (ticket < returned.get() + permits) {
            return;
        }
        Long key = ticket;
        boolean interrupted = false;
        parked.put(key, Thread.currentThread());
        try {
            // put before the check, and release increments before it looks: one of the two sees the other
            while (ticket >= returned.get() + permits) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted(); // else park returns at once, again and again
            }
        } finally {
            parked.remove(key);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Gives a turn back and wakes the caller it admits, if that caller is already waiting. */
    void release() {
        long admitted = returned.incrementAndGet() + permits - 1;
        Thread next = parked.get(admitted);
        if (next != null) {
            LockSupport.unpark(next);
        }
    }

    /** Callers that hold a ticket but not yet a turn (waiting, or about to); an estimate while turns change hands. */
    int waiting() {
        return (int) Math.max(0, issued.get() - returned.get() - permits);
    }
}
