package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.EmbedStatus;
import io.karafimages.api.RenditionFormat;
import io.karafimages.api.Task;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.embeds.EmbedFiles;
import io.karafimages.core.internal.testing.Await;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.TaskRepository;

/**
 * A node killed between writing an attempt's files and completing leaves objects that nothing refers to. Their keys
 * are derived from the data key and the attempt, so whoever takes the task over (or ends it) deletes them.
 */
class AttemptSweepTest {
    private static final byte[] LEFTOVER = "ciphertext of a dead attempt".getBytes(StandardCharsets.UTF_8);
    private final ScriptedProvider provider = new ScriptedProvider();
    private Harness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void objectKeysAreOpaqueAndDifferPerAttemptFormatEmbedAndKey() {
        byte[] key = new byte[32];
        String a = EmbedFiles.objectKey(key, "e1", 1, RenditionFormat.ORIGINAL);
        assertTrue(a.matches("[0-9a-f]{32}"), a);
        assertEquals(a, EmbedFiles.objectKey(key.clone(), "e1", 1, RenditionFormat.ORIGINAL), "deterministic");
        Set<String> all = new HashSet<>(List.of(a, EmbedFiles.objectKey(key, "e1", 2, RenditionFormat.ORIGINAL),
                EmbedFiles.objectKey(key, "e1", 1, RenditionFormat.FULL),
                EmbedFiles.objectKey(key, "e2", 1, RenditionFormat.ORIGINAL)));
        key[0] = 1;
        all.add(EmbedFiles.objectKey(key, "e1", 1, RenditionFormat.ORIGINAL));
        assertEquals(5, all.size(), "attempt, format, embed and data key each change the name: " + all);
    }

    /** The dead node's attempt 1 wrote its files; attempt 2, on another node, removes them and completes. */
    @Test
    void theNextAttemptDeletesWhatAKilledAttemptWrote() throws Exception {
        harness = new Harness().provider(provider);
        Task t = queuedTask();
        Set<String> leftovers = killedWhileStoring(t, 1, false);

        harness.node("nodeB", 3, Duration.ofSeconds(30));
        TaskRecord done = Await.until(() -> harness.store.findTask(t.taskId()).orElseThrow(),
                r -> r.status() == TaskStatus.COMPLETED, "completion on node B");
        assertEquals(2, done.attempts());
        assertEquals(1, provider.calls.get(), "the provider ran once, in attempt 2");
        Set<String> objects = Set.copyOf(harness.blobs.objects.keySet());
        assertEquals(3, objects.size(), "only the three renditions of attempt 2 are stored: " + objects);
        assertTrue(objects.stream().noneMatch(leftovers::contains), "attempt 1's objects are gone");
        for (RenditionFormat f : RenditionFormat.values()) {
            assertTrue(harness.embeds.read("u1", t.embedId(), f).bytes().length > 0, "the embed reads back: " + f);
        }
    }

    /** A task whose node died on its last attempt fails as worker_lost, and nothing it wrote stays. */
    @Test
    void aTaskThatFailsAsWorkerLostLeavesNoObjects() throws Exception {
        harness = new Harness().provider(provider);
        Task t = queuedTask();
        killedWhileStoring(t, 3, false);

        harness.node("nodeB", 3, Duration.ofSeconds(30));
        Await.until(() -> harness.store.findTask(t.taskId()).orElseThrow(),
                r -> r.status() == TaskStatus.FAILED, "worker_lost");
        assertEquals("worker_lost", harness.store.findTask(t.taskId()).orElseThrow().errorCode());
        Await.until(() -> harness.blobs.objects.keySet(), Set::isEmpty, "the sweep of attempts 1 to 3");
        assertEquals(0, provider.calls.get());
    }

    /** Its owner cancelled it while its node was dead: the task ends cancelled, and the dead attempt's files go. */
    @Test
    void aCancelOfADeadNodesTaskLeavesNoObjects() throws Exception {
        harness = new Harness().provider(provider);
        Task t = queuedTask();
        killedWhileStoring(t, 1, true);

        harness.node("nodeB", 3, Duration.ofSeconds(30));
        Await.until(() -> harness.store.findTask(t.taskId()).orElseThrow(),
                r -> r.status() == TaskStatus.CANCELLED, "cancelled");
        assertEquals(EmbedStatus.CANCELLED, harness.store.findEmbed(t.embedId()).orElseThrow().status());
        Await.until(() -> harness.blobs.objects.keySet(), Set::isEmpty, "the sweep of attempt 1");
    }

    /**
     * The engine is stopped while its poller is reading the claimable tasks: the poll that then ends a task as
     * worker_lost finishes before {@code stop()} returns, and the dead attempts' files are swept all the same (a
     * stopped engine used to drop that sweep, and its files stayed in storage for good).
     */
    @Test
    void aPollInFlightWhenTheEngineStopsStillSweepsWhatItEnds() throws Exception {
        harness = new Harness().provider(provider);
        Task t = queuedTask();
        GatedPoll poll = new GatedPoll();
        assertTrue(poll.reading.await(10, TimeUnit.SECONDS), "the poller reads");
        killedWhileStoring(t, 3, false);

        Thread stopper = poll.stopWhileReading();
        Await.until(() -> harness.store.findTask(t.taskId()).orElseThrow(),
                r -> r.status() == TaskStatus.FAILED, "worker_lost");
        stopper.join(30_000);
        assertFalse(stopper.isAlive(), "stop() returned");
        assertEquals(Set.of(), Set.copyOf(harness.blobs.objects.keySet()), "the nine objects of attempts 1 to 3");
    }

    /**
     * The same poll finds a task it could claim: an engine that is stopping starts no attempt (it would be abandoned
     * at once and count against max.attempts); the task stays queued for the next node or start.
     */
    @Test
    void aPollInFlightWhenTheEngineStopsClaimsNothing() throws Exception {
        harness = new Harness().provider(provider);
        Task t = queuedTask();
        GatedPoll poll = new GatedPoll();
        assertTrue(poll.reading.await(10, TimeUnit.SECONDS), "the poller reads");

        Thread stopper = poll.stopWhileReading();
        stopper.join(30_000);
        assertFalse(stopper.isAlive(), "stop() returned");
        TaskRecord after = harness.store.findTask(t.taskId()).orElseThrow();
        assertEquals(TaskStatus.QUEUED, after.status());
        assertEquals(0, after.attempts(), "no attempt was started");
        assertEquals(0, provider.calls.get());
    }

    /** An engine whose first poll waits inside its read of the claimable tasks until the engine is being stopped. */
    private final class GatedPoll {
        final CountDownLatch reading = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final TaskEngine engine;

        GatedPoll() {
            TaskRepository gated = (TaskRepository) Proxy.newProxyInstance(TaskRepository.class.getClassLoader(),
                    new Class<?>[] {TaskRepository.class}, (proxy, method, args) -> {
                        if (method.getName().equals("findClaimable")) {
                            reading.countDown();
                            awaitIgnoringInterrupts(release);
                        }
                        try {
                            return method.invoke(harness.store, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            engine = new TaskEngine(gated, harness.attempt,
                    new TaskEngine.Settings("nodeC", 2, 3, Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO),
                    Duration.ofMillis(50));
        }

        /** Calls stop() on a thread of its own, lets the read go on once stop() waits for it, returns that thread. */
        Thread stopWhileReading() {
            Thread stopper = new Thread(engine::stop, "stopper");
            stopper.start();
            Await.until(stopper::getState, s -> s == Thread.State.TIMED_WAITING || s == Thread.State.TERMINATED,
                    "stop() waiting for the poll, or done");
            release.countDown();
            return stopper;
        }
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A sweep names only the attempts it is given: a live attempt's files are never among them. */
    @Test
    void aSweepLeavesOtherAttemptsAlone() throws Exception {
        harness = new Harness().provider(provider);
        Task t = queuedTask();
        byte[] key = dataKey(t);
        for (int attempt = 1; attempt <= 3; attempt++) {
            for (RenditionFormat f : RenditionFormat.values()) {
                put(EmbedFiles.objectKey(key, t.embedId(), attempt, f));
            }
        }
        assertEquals(6, harness.files.sweep(t.embedId(), key, 1, 2));
        assertEquals(Set.of(EmbedFiles.objectKey(key, t.embedId(), 3, RenditionFormat.ORIGINAL),
                EmbedFiles.objectKey(key, t.embedId(), 3, RenditionFormat.FULL),
                EmbedFiles.objectKey(key, t.embedId(), 3, RenditionFormat.PREVIEW)),
                Set.copyOf(harness.blobs.objects.keySet()));
    }

    /** A task in the store, queued, that no engine has seen: the engine it was submitted through is stopped. */
    private Task queuedTask() {
        TaskEngine stopped = harness.node("submitter", 3, Duration.ofSeconds(30));
        stopped.stop();
        return harness.tasks(stopped).submit("u1", "generate", Map.of("prompt", "a kite"), Optional.empty());
    }

    /**
     * Rewrites the task as a dead node's claim (attempt {@code attempt}, lease run out) that had stored its three
     * objects and not completed, and returns their keys.
     */
    private Set<String> killedWhileStoring(Task t, int attempt, boolean cancelRequested) {
        byte[] key = dataKey(t);
        Set<String> written = new HashSet<>();
        for (int a = 1; a <= attempt; a++) {
            for (RenditionFormat f : RenditionFormat.values()) {
                String object = EmbedFiles.objectKey(key, t.embedId(), a, f);
                put(object);
                written.add(object);
            }
        }
        TaskRecord r = harness.store.findTask(t.taskId()).orElseThrow();
        TaskRecord dead = r.toBuilder().status(TaskStatus.PROCESSING).leaseOwner("dead-node").attempts(attempt)
                .leaseUntil(harness.store.now().minusSeconds(1)).startedAt(harness.store.now())
                .cancelRequested(cancelRequested).version(r.version() + 1).build();
        assertTrue(harness.store.update(dead, r.version(), null));
        assertFalse(written.isEmpty());
        return written;
    }

    private byte[] dataKey(Task t) {
        EmbedRecord embed = harness.store.findEmbed(t.embedId()).orElseThrow();
        byte[] key = harness.keys.unwrap("u1", embed.wrappedKey());
        assertNotEquals(0, key.length);
        return key;
    }

    private void put(String object) {
        harness.blobs.put(object, new java.io.ByteArrayInputStream(LEFTOVER), LEFTOVER.length);
        assertArrayEquals(LEFTOVER, harness.blobs.objects.get(object));
    }
}
