package io.karafimages.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test data made on the fly and a way to run work at the same moment on several threads. Stateless. */
public final class TestStreams {
    /** How long {@link #runTogether} waits for all tasks before it fails. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private TestStreams() {
    }

    /** {@code length} pseudo-random bytes from {@code seed}. */
    public static byte[] bytes(long seed, int length) {
        byte[] b = new byte[length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    /**
     * {@code length} pseudo-random bytes from {@code seed} as a stream that never holds them all; it throws an
     * {@link IOException} once {@code failAfter} bytes were read (-1: never).
     */
    public static InputStream generated(long seed, long length, long failAfter) {
        return new InputStream() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (failAfter >= 0 && position >= failAfter) {
                    throw new IOException("simulated failure of the source stream");
                }
                if (position >= length) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                int n = (int) Math.min(len, length - position);
                if (failAfter >= 0) {
                    n = (int) Math.min(n, failAfter - position);
                }
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) random.nextInt(256);
                }
                position += n;
                return n;
            }
        };
    }

    public static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the tasks on one thread each, released together by a latch so that they really overlap, and returns
     * their results in order; the first failure is rethrown.
     */
    public static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(await(f, deadline));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T await(Future<T> f, long deadline) throws Exception {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new AssertionError("The concurrent calls did not finish within " + DEADLINE, e);
        }
    }
}
