package io.karafimages.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Turns}: a bound on holders, granted in arrival order, with nobody left parked. */
class TurnsTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void refusesFewerThanOneTurn() {
        assertThrows(IllegalArgumentException.class, () -> new Turns(0));
        assertThrows(IllegalArgumentException.class, () -> new Turns(-3));
    }

    @Test
    void freeTurnsAreTakenWithoutWaiting() {
        Turns turns = new Turns(2);
        turns.acquire();
        turns.acquire();
        assertEquals(0, turns.waiting());
        turns.release();
        turns.acquire();
        turns.release();
        turns.release();
        assertEquals(0, turns.waiting());
    }

    @Test
    void waitersGetTheirTurnsInArrivalOrder() throws Exception {
        Turns turns = new Turns(1); // one at a time, so that the order they pass in is the order they were admitted
        turns.acquire();
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Future<?>> waiters = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int arrival = i;
            waiters.add(threads.submit(() -> {
                turns.acquire();
                order.add(arrival);
                turns.release();
            }));
            awaitWaiting(turns, i + 1); // the next one arrives only after this one has its ticket
        }
        assertTrue(order.isEmpty(), "nobody passes while the turn is held");
        turns.release();
        for (Future<?> w : waiters) {
            w.get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), order);
        assertEquals(0, turns.waiting());
    }

    @Test
    void eachReleaseAdmitsOneWaiter() throws Exception {
        Turns turns = new Turns(1);
        turns.acquire();
        CountDownLatch[] through = { new CountDownLatch(1), new CountDownLatch(1) };
        CountDownLatch[] done = { new CountDownLatch(1), new CountDownLatch(1) };
        for (int i = 0; i < 2; i++) {
            int n = i;
            threads.submit(() -> {
                turns.acquire();
                through[n].countDown();
                await(done[n]);
                turns.release();
            });
            awaitWaiting(turns, i + 1);
        }
        turns.release();
        assertTrue(through[0].await(30, TimeUnit.SECONDS));
        assertFalse(through[1].await(50, TimeUnit.MILLISECONDS),
                "the second waits for the first to give its turn back");
        done[0].countDown();
        assertTrue(through[1].await(30, TimeUnit.SECONDS));
        done[1].countDown();
    }

    @Test
    void anInterruptedWaiterStillWaitsForItsTurnAndKeepsTheInterrupt() throws Exception {
        Turns turns = new Turns(1);
        turns.acquire();
        AtomicBoolean passed = new AtomicBoolean();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            turns.acquire();
            passed.set(true);
            interruptKept.set(Thread.currentThread().isInterrupted());
            turns.release();
        });
        waiter.start();
        awaitWaiting(turns, 1);
        waiter.interrupt();
        waiter.join(100);
        assertTrue(waiter.isAlive(), "an interrupt does not end the wait");
        assertFalse(passed.get());
        turns.release();
        waiter.join(30_000);
        assertTrue(passed.get());
        assertTrue(interruptKept.get(), "the caller still sees the interrupt");
    }

    @Test
    void manyThreadsNeverHoldMoreThanTheBoundAndNoneIsLeftWaiting() {
        assertTimeoutPreemptively(LIMIT, () -> {
            int permits = 3;
            Turns turns = new Turns(permits);
            AtomicInteger holding = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            AtomicInteger turnsTaken = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                workers.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        turns.acquire();
                        try {
                            most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                            if (i % 64 == 0) {
                                Thread.yield();
                            }
                            turnsTaken.incrementAndGet();
                        } finally {
                            holding.decrementAndGet();
                            turns.release();
                        }
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            assertEquals(16 * 2_000, turnsTaken.get());
            assertTrue(most.get() <= permits, "at most " + permits + " at once, saw " + most.get());
            assertEquals(0, turns.waiting());
            turns.acquire(); // every turn came back
            turns.acquire();
            turns.acquire();
            turns.release();
            turns.release();
            turns.release();
        });
    }

    private static void awaitWaiting(Turns turns, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (turns.waiting() < n) {
            assertTrue(System.nanoTime() < deadline, "no " + n + " waiting");
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
