package io.karafimages.core.internal.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls with a deadline instead of sleeping a guessed time. */
public final class Await {
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private Await() {
    }

    public static <T> T until(Supplier<T> value, Predicate<T> done, String what) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            T v = value.get();
            if (done.test(v)) {
                return v;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; last: " + v);
            }
            try {
                never.await(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
