package io.karafimages.core.internal.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ApiKeyInfo;
import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.store.ApiKeyRepository;
import io.karafimages.core.internal.store.jdbc.JdbcStore;

/**
 * Security review M10 and the API key cache of issue 12, on the real JDBC store (H2) with two user services on one
 * database as two nodes would have them, and clocks the test moves.
 */
class ApiKeyLifecycleTest {
    private static final Duration TTL = Duration.ofSeconds(10);
    private final String url = "jdbc:h2:mem:" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private final JdbcStore db = JdbcStore.forUrl(url);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger lookups = new AtomicInteger();
    private final DefaultUserService nodeA = new DefaultUserService(db, counting(db.apiKeys()), 100, TTL, now::get,
            nanos::get);
    private final DefaultUserService nodeB = new DefaultUserService(db, db.apiKeys(), 100, TTL, now::get, nanos::get);

    ApiKeyLifecycleTest() throws Exception {
        nodeA.createUser("alice");
        nodeA.createUser("bob");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aCachedKeyIsLookedUpOncePerTimeToLive() {
        String key = nodeA.createApiKey("alice");
        for (int i = 0; i < 100; i++) {
            assertEquals("alice", nodeA.authenticate(key).orElseThrow().name());
        }
        assertEquals(1, lookups.get(), "one database read for 100 requests");
        nanos.addAndGet(TTL.toNanos());
        nodeA.authenticate(key).orElseThrow();
        assertEquals(2, lookups.get(), "read again once the entry is as old as the time to live");
        assertTrue(nodeA.authenticate("ki_" + "x".repeat(43)).isEmpty());
        assertTrue(nodeA.authenticate("ki_" + "x".repeat(43)).isEmpty());
        assertEquals(4, lookups.get(), "unknown keys are not cached (they cannot evict real ones)");
    }

    @Test
    void aRevokedKeyStopsAtOnceHereAndWithinTheTimeToLiveOnAnotherNode() {
        String key = nodeA.createApiKey("alice");
        String other = nodeA.createApiKey("alice");
        assertTrue(nodeA.authenticate(key).isPresent());
        assertTrue(nodeB.authenticate(key).isPresent(), "node B has cached it too");

        ApiKeyInfo revoked = nodeA.revokeApiKey(key.substring(0, 8));
        assertEquals(key.substring(0, 8), revoked.prefix());
        assertEquals(now.get(), revoked.revokedAt().orElseThrow());
        assertTrue(nodeA.authenticate(key).isEmpty(), "the node that revoked refuses it at once");
        assertTrue(nodeB.authenticate(key).isPresent(), "the other node within its cache's time to live");
        nanos.addAndGet(TTL.toNanos());
        assertTrue(nodeB.authenticate(key).isEmpty(), "and refuses it once the time to live has passed");
        assertTrue(nodeA.authenticate(other).isPresent(), "the user's other key still works");

        assertEquals("key_revoked", assertThrows(ImagesException.class,
                () -> nodeA.revokeApiKey(key.substring(0, 8))).code());
        assertEquals(404, assertThrows(ImagesException.class, () -> nodeA.revokeApiKey("ki_zzzzz")).httpStatus());
        assertEquals("revoked", nodeA.apiKeys("alice").stream().filter(k -> k.prefix().equals(key.substring(0, 8)))
                .findFirst().orElseThrow().state(now.get()));
    }

    @Test
    void anExpiredKeyStopsAtItsExpiryEvenWhileCached() {
        String key = nodeA.createApiKey("alice", now.get().plusSeconds(60));
        assertTrue(nodeA.authenticate(key).isPresent());
        now.set(now.get().plusSeconds(59));
        assertTrue(nodeA.authenticate(key).isPresent());
        now.set(now.get().plusSeconds(1));
        assertTrue(nodeA.authenticate(key).isEmpty(), "refused at its expiry although the entry is fresh");
        assertEquals(1, lookups.get());
        assertEquals("expired", nodeA.apiKeys("alice").get(0).state(now.get()));
        assertEquals("invalid_expiry", assertThrows(ImagesException.class,
                () -> nodeA.createApiKey("alice", now.get())).code());
    }

    @Test
    void aDisabledUsersKeysStopUntilEnabledAgain() {
        String alice = nodeA.createApiKey("alice");
        String bob = nodeA.createApiKey("bob");
        assertTrue(nodeA.authenticate(alice).isPresent());
        assertTrue(nodeB.authenticate(alice).isPresent());
        nodeA.setDisabled("alice", true);
        assertTrue(nodeA.isDisabled("alice"));
        assertTrue(nodeA.authenticate(alice).isEmpty(), "at once on this node");
        assertTrue(nodeA.authenticate(bob).isPresent(), "another user is untouched");
        nanos.addAndGet(TTL.toNanos());
        assertTrue(nodeB.authenticate(alice).isEmpty(), "within the time to live on another node");
        nodeA.setDisabled("alice", false);
        assertTrue(nodeA.authenticate(alice).isPresent(), "enabled again");
        assertEquals(404, assertThrows(ImagesException.class, () -> nodeA.setDisabled("nobody", true)).httpStatus());
    }

    @Test
    void lastUseIsWrittenOffTheRequestPathAtMostOnceAMinute() {
        String key = nodeA.createApiKey("alice");
        nodeA.authenticate(key);
        assertTrue(nodeA.apiKeys("alice").get(0).lastUsedAt().isEmpty(), "not written by the request");
        nodeA.flushKeyUses();
        Instant first = nodeA.apiKeys("alice").get(0).lastUsedAt().orElseThrow();
        now.set(now.get().plusSeconds(30));
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        nodeA.authenticate(key);
        nodeA.flushKeyUses();
        assertEquals(first, nodeA.apiKeys("alice").get(0).lastUsedAt().orElseThrow(), "not again within a minute");
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        nodeA.authenticate(key);
        nodeA.flushKeyUses();
        assertFalse(first.equals(nodeA.apiKeys("alice").get(0).lastUsedAt().orElseThrow()), "again after a minute");
    }

    @Test
    void theCacheIsBoundedBySize() {
        ApiKeyCache cache = new ApiKeyCache(2, TTL, nanos::get);
        for (int i = 0; i < 3; i++) {
            cache.put(db.apiKeys().findApiKey(io.karafimages.core.internal.users.ApiKeys.hash(
                    nodeA.createApiKey("alice"))).orElseThrow());
        }
        assertEquals(2, cache.size());
    }

    /** The store with its key look-ups counted. */
    private ApiKeyRepository counting(ApiKeyRepository real) {
        return (ApiKeyRepository) Proxy.newProxyInstance(ApiKeyRepository.class.getClassLoader(),
                new Class<?>[] { ApiKeyRepository.class }, (proxy, method, args) -> {
                    if (method.getName().equals("findApiKey")) {
                        lookups.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
