package io.karafimages.keys.vault.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class DataKeyCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void boundedInSizeLeastRecentlyUsedFirstOut() {
        DataKeyCache cache = new DataKeyCache(clock, Duration.ofSeconds(60), 2);
        cache.put("u", "a", new byte[] { 1 });
        cache.put("u", "b", new byte[] { 2 });
        cache.get("u", "a");
        cache.put("u", "c", new byte[] { 3 });
        assertEquals(2, cache.size());
        assertTrue(cache.get("u", "b").isEmpty(), "b was used least recently");
        assertArrayEquals(new byte[] { 1 }, cache.get("u", "a").orElseThrow());
    }

    @Test
    void keysAreWipedWhenTheyExpireOrLeave() {
        DataKeyCache cache = new DataKeyCache(clock, Duration.ofSeconds(60), 10);
        byte[] key = { 7, 7, 7 };
        cache.put("u", "w", key);
        key[0] = 0; // the cache holds its own copy
        assertArrayEquals(new byte[] { 7, 7, 7 }, cache.get("u", "w").orElseThrow());
        clock.advance(Duration.ofSeconds(60));
        cache.purgeExpired();
        assertEquals(0, cache.size());
        assertTrue(cache.get("u", "w").isEmpty());
    }

    @Test
    void aDestroyedKeyIsWipedAndGoneAtOnce() {
        DataKeyCache cache = new DataKeyCache(clock, Duration.ofSeconds(60), 10);
        cache.put("u", "w", new byte[] { 5 });
        cache.put("u", "other", new byte[] { 6 });
        cache.remove("u", "w");
        assertTrue(cache.get("u", "w").isEmpty());
        assertArrayEquals(new byte[] { 6 }, cache.get("u", "other").orElseThrow(), "other keys stay");
        cache.remove("u", "w"); // idempotent
        assertEquals(1, cache.size());
    }

    @Test
    void theUserIsPartOfTheKey() {
        DataKeyCache cache = new DataKeyCache(clock, Duration.ofSeconds(60), 10);
        cache.put("alice", "w", new byte[] { 1 });
        assertTrue(cache.get("bob", "w").isEmpty());
    }

    @Test
    void aZeroTtlDisablesTheCache() {
        DataKeyCache cache = new DataKeyCache(clock, Duration.ZERO, 10);
        cache.put("u", "w", new byte[] { 1 });
        assertTrue(cache.get("u", "w").isEmpty());
    }
}
