package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.api.Task;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.testing.Await;
import io.karafimages.core.internal.testing.ForwardingBlobStore;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.MemoryBlobStore;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.spi.storage.BlobStore;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.UsageRecord;

/**
 * Security review L6: once the provider has answered (and been paid), cancelling or failing must not make the image
 * free, or budgets would not bound what a user can make the operator spend. The review's scenario: poll until
 * "rendering", then DELETE.
 */
class ProviderSpendTest {
    private final ScriptedProvider provider = new ScriptedProvider();
    private Harness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void aCancelAfterTheProviderAnsweredIsIgnoredAndTheTaskIsCharged() throws Exception {
        harness = new Harness().provider(provider);
        GatedBlobStore storage = new GatedBlobStore();
        harness.backends.addBlobStore(storage, Map.of("service.ranking", 100));
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 2, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        assertTrue(storage.entered.await(20, TimeUnit.SECONDS), "the provider answered; the files are being stored");

        tasks.cancel("u1", t.taskId());
        storage.gate.countDown();
        TaskRecord done = Await.until(() -> harness.store.findTask(t.taskId()).orElseThrow(),
                x -> x.status().isTerminal(), "the task to end");

        assertEquals(TaskStatus.COMPLETED, done.status(), "the cancel came after the provider's answer");
        List<UsageRecord> usage = harness.store.usage("u1", Instant.EPOCH, 10);
        assertEquals(1, usage.size());
        assertEquals(t.taskId(), usage.get(0).taskId());
        assertTrue(usage.get(0).cost().credits() > 0, usage.toString());
    }

    @Test
    void aFailureAfterTheProviderAnsweredIsChargedAllTheSame() throws Exception {
        harness = new Harness().provider(provider);
        harness.backends.addBlobStore(new BrokenBlobStore(), Map.of("service.ranking", 100));
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 2, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        TaskRecord done = Await.until(() -> harness.store.findTask(t.taskId()).orElseThrow(),
                x -> x.status().isTerminal(), "the task to end");

        assertEquals(TaskStatus.FAILED, done.status());
        assertEquals(1, provider.calls.get());
        assertEquals(List.of(t.taskId()), harness.store.usage("u1", Instant.EPOCH, 10).stream()
                .map(UsageRecord::taskId).toList(), "the provider's answer was paid for, so it is charged");
    }

    @Test
    void aCancelBeforeTheProviderAnswersCostsNothing() throws Exception {
        harness = new Harness().provider(provider);
        provider.gate = new CountDownLatch(1);
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 2, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        assertTrue(provider.started.await(10, TimeUnit.SECONDS));
        tasks.cancel("u1", t.taskId()); // the provider notices it while it waits, before any answer
        TaskRecord done = Await.until(() -> harness.store.findTask(t.taskId()).orElseThrow(),
                x -> x.status().isTerminal(), "the task to end");
        provider.gate.countDown();
        assertEquals(TaskStatus.CANCELLED, done.status());
        assertTrue(harness.store.usage("u1", Instant.EPOCH, 10).isEmpty());
    }

    /** Holds every put until the test opens the gate. */
    private static final class GatedBlobStore extends ForwardingBlobStore {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        GatedBlobStore() {
            super(new MemoryBlobStore("gated"));
        }

        @Override
        public void put(String key, InputStream data, long length) {
            entered.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.put(key, data, length);
        }
    }

    /** A storage that refuses every file for good. */
    private static final class BrokenBlobStore implements BlobStore {
        @Override
        public String id() {
            return "broken";
        }

        @Override
        public void put(String key, InputStream data, long length) {
            throw new ImagesException("storage_refused", 500, false, "simulated permanent storage refusal");
        }

        @Override
        public InputStream open(String key) {
            throw ImagesException.notFound("Stored object");
        }

        @Override
        public void delete(String key) {
            // nothing stored
        }
    }
}
