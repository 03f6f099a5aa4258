package io.karafimages.core.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.core.internal.testing.Harness;
import io.karafimages.spi.storage.BlobStore;

/** Security review L1: anonymous health checks share one backend check per interval. */
class HealthCacheTest {
    private Harness harness;

    @org.junit.jupiter.api.BeforeEach
    void start() throws Exception {
        harness = new Harness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void oneBackendCheckServesEveryCallerWithinTheInterval() {
        AtomicInteger checks = new AtomicInteger();
        BlobStore counting = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
                new Class<?>[] { BlobStore.class }, (proxy, method, args) -> {
                    if (method.getName().equals("health")) {
                        checks.incrementAndGet();
                        return "up";
                    }
                    return method.invoke(harness.blobs, args);
                });
        harness.backends.addBlobStore(counting, Map.of("service.ranking", 100));
        DefaultHealthService health = new DefaultHealthService(harness.store, harness.backends, harness.providers,
                harness.skills, Duration.ofMinutes(1));
        for (int i = 0; i < 50; i++) {
            health.check();
        }
        assertEquals(1, checks.get(), "50 health requests, one storage check");
        DefaultHealthService uncached = new DefaultHealthService(harness.store, harness.backends, harness.providers,
                harness.skills, Duration.ZERO);
        uncached.check();
        uncached.check();
        assertEquals(3, checks.get());
    }
}
