package io.karafimages.core.internal.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.HealthService;
import io.karafimages.api.ImagesException;
import io.karafimages.api.Task;
import io.karafimages.core.internal.health.DefaultHealthService;
import io.karafimages.core.internal.tasks.DefaultTaskService;
import io.karafimages.core.internal.testing.Configs;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.MemoryBlobStore;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.core.internal.testing.TestKeyService;

/**
 * M4: a pinned backend that is missing (a Vault or S3 component that failed to start) makes the runtime not
 * ready and refuses new work with 503; new work never goes to the other installed backend.
 */
class PinnedBackendsTest {
    private final Harness harness;
    private final HealthService health;

    PinnedBackendsTest() throws Exception {
        harness = new Harness().provider(new ScriptedProvider());
        health = new DefaultHealthService(harness.store, harness.backends, harness.providers, harness.skills,
                java.time.Duration.ZERO);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aMissingPinnedStoreRefusesUploadsAndMakesTheRuntimeNotReady() {
        pin(Map.of("storage", "s3"));
        assertFalse(health.check().ready());

        ImagesException e = assertThrows(ImagesException.class,
                () -> harness.upload("u1", new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB)));

        assertEquals("storage_unavailable", e.code());
        assertEquals(503, e.httpStatus());
        assertTrue(e.retryAfter().isPresent(), "503 carries Retry-After");
        assertTrue(harness.blobs.objects.isEmpty(), "nothing went to the installed 'mem' store");
        assertTrue(health.check().checks().get("storage").startsWith("down:"));
    }

    @Test
    void aMissingPinnedKeyServiceRefusesNewTasksAndMakesTheRuntimeNotReady() {
        pin(Map.of("keys", "vault"));
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));

        ImagesException e = assertThrows(ImagesException.class,
                () -> tasks.submit("u1", "generate", Map.of("prompt", "p"), Optional.empty()));

        assertEquals("keys_unavailable", e.code());
        assertEquals(503, e.httpStatus());
        assertFalse(health.check().ready());
        assertTrue(health.check().checks().get("keys").startsWith("down:"));
        assertEquals(0, harness.store.countQueuedBefore(Instant.now().plusSeconds(60)), "no task was queued");
    }

    @Test
    void aMissingPinnedStoreRefusesNewImageTasksAtSubmit() {
        pin(Map.of("storage", "s3"));
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));

        ImagesException e = assertThrows(ImagesException.class,
                () -> tasks.submit("u1", "generate", Map.of("prompt", "p"), Optional.empty()));

        assertEquals("storage_unavailable", e.code());
        assertEquals(503, e.httpStatus());
        assertEquals(0, harness.store.countQueuedBefore(Instant.now().plusSeconds(60)), "no task was queued");
    }

    @Test
    void thePinnedBackendsComingBackMakeTheRuntimeReadyAndTakeTheWork() {
        pin(Map.of("storage", "s3", "keys", "vault"));
        assertFalse(health.check().ready());
        MemoryBlobStore s3 = new MemoryBlobStore("s3");
        harness.backends.addBlobStore(s3, Map.of("service.ranking", -200));
        harness.backends.addKeyService(new TestKeyService("vault"), Map.of("service.ranking", -200));

        assertTrue(health.check().ready(), () -> "ready: " + health.check().checks());
        String embedId = harness.upload("u1", new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));

        assertEquals(3, s3.objects.size());
        assertTrue(harness.blobs.objects.isEmpty());
        assertEquals("vault", harness.store.findEmbed(embedId).orElseThrow().keyBackend());
    }

    @Test
    void aPinnedBackendIsNotOverriddenByABetterRankedOne() {
        pin(Map.of("storage", "mem", "keys", "test"));
        harness.backends.addBlobStore(new MemoryBlobStore("s3"), Map.of("service.ranking", 100));
        harness.backends.addKeyService(new TestKeyService("vault"), Map.of("service.ranking", 100));

        assertEquals("mem", harness.backends.activeStore().id());
        assertEquals("test", harness.backends.activeKeys().id());
    }

    @Test
    void unpinnedTheBestRankedInstalledBackendIsUsed() {
        harness.backends.addBlobStore(new MemoryBlobStore("s3"), Map.of("service.ranking", 100));

        assertEquals("s3", harness.backends.activeStore().id());
        assertTrue(health.check().ready());
    }

    private void pin(Map<String, Object> pinned) {
        harness.backends.configure(Configs.of(Backends.Config.class, pinned));
    }
}
