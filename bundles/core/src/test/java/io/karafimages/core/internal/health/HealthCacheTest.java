package io.karafimages.core.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.HealthService;
import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.PassThroughProvenance;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.spi.storage.BlobStore;

/** Security review L1: anonymous health checks share one backend check per interval; readiness includes signing. */
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

    /** Seen in CI: a client waited for 200, uploaded, and got 503 provenance_unavailable (the hook was not bound). */
    @Test
    void aNodeIsNotReadyWhileImagesCannotBeSignedYet() {
        harness.provider(new ScriptedProvider());
        RenditionPipeline required = new RenditionPipeline(new RenditionPipeline.Settings(40_000_000L, 90, 85, 600,
                400, 1, true));
        DefaultHealthService health = new DefaultHealthService(harness.store, harness.backends, harness.providers,
                harness.skills, required, Duration.ZERO);
        HealthService.Report before = health.check();
        assertFalse(before.ready());
        assertTrue(before.checks().get("provenance").startsWith("down"), before.checks()::toString);

        required.setProvenance(new PassThroughProvenance());
        HealthService.Report after = health.check();
        assertTrue(after.ready(), after.checks()::toString);
        assertEquals("up", after.checks().get("provenance"));

        DefaultHealthService optional = new DefaultHealthService(harness.store, harness.backends, harness.providers,
                harness.skills, new RenditionPipeline(RenditionPipeline.Settings.DEFAULTS), Duration.ZERO);
        assertTrue(optional.check().ready(), "images.pipeline require.provenance = false: ready without it");
    }
}
