package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class QueueDepthTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger counts = new AtomicInteger();
    private final AtomicInteger stored = new AtomicInteger();

    private QueueDepth depth() {
        return new QueueDepth(now -> {
            counts.incrementAndGet();
            return stored.get();
        }, Instant::now, Duration.ofSeconds(1), nanos::get);
    }

    @Test
    void countsOncePerPeriodAndAddsLocalSubmits() {
        QueueDepth depth = depth();
        stored.set(7);
        assertEquals(7, depth.current());
        depth.added();
        depth.added();
        stored.set(100); // other nodes queued more; not seen until the count is old
        assertEquals(9, depth.current());
        assertEquals(1, counts.get(), "one count for many submits within the period");

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(100, depth.current(), "a fresh count replaces the local additions it includes");
        assertEquals(2, counts.get());
    }

    @Test
    void aStaleCountIsServedWhileAnotherThreadRefreshes() throws Exception {
        CountDownLatch counting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        QueueDepth depth = new QueueDepth(now -> {
            if (calls.incrementAndGet() == 2) {
                counting.countDown();
                await(release);
                return 50;
            }
            return 5;
        }, Instant::now, Duration.ofSeconds(1), nanos::get);
        assertEquals(5, depth.current());
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        CompletableFuture<Integer> refresher = CompletableFuture.supplyAsync(depth::current);
        assertTrue(counting.await(5, TimeUnit.SECONDS));
        assertEquals(5, depth.current(), "answered at once with the old count, not blocked behind the query");
        release.countDown();
        assertEquals(50, refresher.get(5, TimeUnit.SECONDS));
        assertEquals(50, depth.current());
        assertEquals(2, calls.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
