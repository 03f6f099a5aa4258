package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.EmbedStatus;
import io.karafimages.api.Task;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.testing.Await;
import io.karafimages.core.internal.testing.ForwardingBlobStore;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.MemoryBlobStore;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.core.internal.store.TaskRecord;

/** Regression tests for H1, M1 and L3 of the security review: claims, leases and worker threads. */
class LeaseSafetyTest {
    private Harness harness;
    private ScriptedProvider provider;

    @BeforeEach
    void setUp() throws Exception {
        provider = new ScriptedProvider();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** H1: a node whose lease another node took over must not cancel the task; it only removes its own files. */
    @Test
    void aNodeThatLostItsLeaseLeavesTheTaskToTheNewOwner() throws Exception {
        harness = new Harness().provider(provider);
        WatchedBlobStore watched = new WatchedBlobStore();
        harness.backends.addBlobStore(watched, Map.of("service.ranking", 100));
        provider.gate = new CountDownLatch(1);
        TaskEngine nodeA = harness.node("nodeA", 3, Duration.ofSeconds(30));
        DefaultTaskService tasks = harness.tasks(nodeA);
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        assertTrue(provider.started.await(10, TimeUnit.SECONDS));
        TaskRecord r = harness.store.findTask(t.taskId()).orElseThrow();
        TaskRecord takenOver = r.toBuilder().leaseOwner("nodeB").attempts(r.attempts() + 1)
                .leaseUntil(harness.store.now().plusSeconds(60)).version(r.version() + 1).build();
        assertTrue(harness.store.update(takenOver, r.version(), null), "what node B's claim writes");

        provider.gate.countDown();
        assertTrue(watched.deleted.await(20, TimeUnit.SECONDS), "node A removes the files it cannot complete");
        nodeA.stop(); // waits for node A's worker, so that whatever it recorded is in the store now

        TaskRecord after = harness.store.findTask(t.taskId()).orElseThrow();
        assertEquals(TaskStatus.PROCESSING, after.status(), "node B still runs it");
        assertEquals("nodeB", after.leaseOwner());
        assertFalse(after.cancelRequested(), "nobody asked to cancel it");
        assertEquals(EmbedStatus.PROCESSING, harness.store.findEmbed(t.embedId()).orElseThrow().status());
        assertTrue(watched.objects.isEmpty(), "node A's files are gone");
    }

    /** M1: the poller must not claim again a task that its own node still runs when a heartbeat came late. */
    @Test
    void aLateHeartbeatDoesNotLetThePollerRunTheTaskTwice() throws Exception {
        harness = new Harness().provider(provider);
        provider.gate = new CountDownLatch(1);
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(2)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        assertTrue(provider.started.await(10, TimeUnit.SECONDS));
        TaskRecord r = harness.store.findTask(t.taskId()).orElseThrow();
        TaskRecord expired = r.toBuilder().leaseUntil(harness.store.now().minusSeconds(1)).version(r.version() + 1)
                .build();
        assertTrue(harness.store.update(expired, r.version(), null), "the lease ran out before the heartbeat");

        Await.until(() -> harness.store.findTask(t.taskId()).orElseThrow(),
                x -> x.leaseUntil().isAfter(harness.store.now()), "the lease to be renewed");
        provider.gate.countDown();
        TaskRecord done = Await.until(() -> harness.store.findTask(t.taskId()).orElseThrow(),
                x -> x.status().isTerminal(), "the task to end");

        assertEquals(TaskStatus.COMPLETED, done.status());
        assertEquals(1, done.attempts(), "the heartbeat renewed the lease; nobody claimed the task again");
        assertEquals(1, provider.calls.get(), "the provider was called once");
    }

    /** L3: an Error escaping the attempt fails the task at once and leaves the worker threads working. */
    @Test
    void anErrorFailsTheTaskAndTheWorkersLiveOn() throws Exception {
        ErrorOnceProvider throwing = new ErrorOnceProvider(provider);
        harness = new Harness().provider(throwing);
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task broken = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        TaskRecord failed = Await.until(() -> harness.store.findTask(broken.taskId()).orElseThrow(),
                x -> x.status().isTerminal(), "the task to fail");
        assertEquals(TaskStatus.FAILED, failed.status());
        assertEquals("internal_error", failed.errorCode());
        assertFalse(failed.errorRetryable());
        assertEquals(EmbedStatus.ERROR, harness.store.findEmbed(broken.embedId()).orElseThrow().status());

        for (int i = 0; i < 3; i++) {
            Task next = tasks.submit("u1", "generate", Map.of("prompt", "y" + i), Optional.empty());
            assertEquals(TaskStatus.COMPLETED, Await.until(() -> harness.store.findTask(next.taskId()).orElseThrow(),
                    x -> x.status().isTerminal(), "the next task").status());
        }
    }

    /** Throws an Error (as a decompression bomb's OutOfMemoryError would) on its first call, then delegates. */
    private static final class ErrorOnceProvider implements ImageProvider {
        private final ImageProvider delegate;
        private final AtomicInteger calls = new AtomicInteger();

        ErrorOnceProvider(ImageProvider delegate) {
            this.delegate = delegate;
        }

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public List<ModelInfo> models() {
            return delegate.models();
        }

        @Override
        public GeneratedImage generate(ImageRequest request, ProgressListener progress, BooleanSupplier cancelled) {
            if (calls.getAndIncrement() == 0) {
                throw new OutOfMemoryError("simulated: Java heap space");
            }
            return delegate.generate(request, progress, cancelled);
        }
    }

    /** A memory store that counts down when a file is removed. */
    private static final class WatchedBlobStore extends ForwardingBlobStore {
        final Map<String, byte[]> objects;
        final CountDownLatch deleted = new CountDownLatch(1);

        WatchedBlobStore() {
            this(new MemoryBlobStore("watched"));
        }

        private WatchedBlobStore(MemoryBlobStore memory) {
            super(memory);
            objects = memory.objects;
        }

        @Override
        public void delete(String key) {
            super.delete(key);
            if (objects.isEmpty()) {
                deleted.countDown();
            }
        }
    }
}
