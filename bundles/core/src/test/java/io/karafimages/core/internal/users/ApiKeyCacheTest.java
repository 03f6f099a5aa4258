package io.karafimages.core.internal.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.karafimages.core.internal.store.ApiKeyRecord;
import io.karafimages.core.internal.store.UserRecord;

/** The API key cache on its own: its two bounds and its behaviour under concurrent use. */
class ApiKeyCacheTest {
    private static final Duration TTL = Duration.ofSeconds(10);
    private final AtomicLong nanos = new AtomicLong();

    private static ApiKeyRecord key(String hash, String user) {
        return new ApiKeyRecord(hash, hash.substring(0, 4), new UserRecord(user, user, Instant.EPOCH), Instant.EPOCH,
                null, null, null, null);
    }

    @Test
    void anEntryLastsItsTtlAndNoLonger() {
        ApiKeyCache cache = new ApiKeyCache(10, TTL, nanos::get);
        cache.put(key("hash-a", "alice"));
        nanos.addAndGet(TTL.toNanos() - 1);
        assertTrue(cache.get("hash-a").isPresent());
        nanos.addAndGet(1);
        assertTrue(cache.get("hash-a").isEmpty());
        assertEquals(0, cache.size(), "an expired entry is dropped when it is seen");
    }

    @Test
    void aZeroTtlOrSizeCachesNothing() {
        ApiKeyCache noTtl = new ApiKeyCache(10, Duration.ZERO, nanos::get);
        noTtl.put(key("hash-a", "alice"));
        assertEquals(0, noTtl.size());
        ApiKeyCache noSize = new ApiKeyCache(0, TTL, nanos::get);
        noSize.put(key("hash-a", "alice"));
        assertEquals(0, noSize.size());
    }

    @Test
    void anOverflowDropsTheEntriesLoadedLongestAgoDownToNinetyPercent() {
        ApiKeyCache cache = new ApiKeyCache(100, TTL, nanos::get);
        for (int i = 0; i < 101; i++) {
            nanos.incrementAndGet();
            cache.put(key("hash-" + (1000 + i), "u" + i));
        }
        assertEquals(90, cache.size());
        for (int i = 0; i < 11; i++) {
            assertFalse(cache.get("hash-" + (1000 + i)).isPresent(), "entry " + i + " was loaded among the first");
        }
        for (int i = 11; i < 101; i++) {
            assertTrue(cache.get("hash-" + (1000 + i)).isPresent(), "entry " + i + " is among the newest");
        }
    }

    @Test
    void invalidationDropsWhatMatchesOnly() {
        ApiKeyCache cache = new ApiKeyCache(10, TTL, nanos::get);
        cache.put(key("hash-a1", "alice"));
        cache.put(key("hash-a2", "alice"));
        cache.put(key("hash-b1", "bob"));
        cache.invalidate(k -> k.user().id().equals("alice"));
        assertTrue(cache.get("hash-a1").isEmpty());
        assertTrue(cache.get("hash-a2").isEmpty());
        assertTrue(cache.get("hash-b1").isPresent());
    }

    @Test
    void concurrentReadersAndWritersKeepTheBoundAndFindTheirKeys() throws Exception {
        ApiKeyCache cache = new ApiKeyCache(50, TTL, nanos::get);
        cache.put(key("hash-hot", "alice"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> misses = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                misses.add(pool.submit(() -> {
                    go.await();
                    int missed = 0;
                    for (int i = 0; i < 20_000; i++) {
                        if (thread % 2 == 0) {
                            cache.put(key("hash-" + thread + "-" + i, "u" + thread));
                        } else if (cache.get("hash-hot").isEmpty()) {
                            missed++;
                            cache.put(key("hash-hot", "alice")); // as the user service does after a miss
                        }
                    }
                    return missed;
                }));
            }
            go.countDown();
            for (Future<Integer> f : misses) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(cache.size() <= 50 + 8, "at most one overflow per writer in flight: " + cache.size());
        // every entry above was loaded at the same clock reading: the entry a put adds must survive its own eviction
        cache.put(key("hash-last", "bob"));
        assertTrue(cache.size() <= 50, "the next put evicts back within the bound: " + cache.size());
        assertTrue(cache.get("hash-last").isPresent());
    }
}
