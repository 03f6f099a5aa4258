package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.EmbedStatus;
import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.api.Task;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.core.internal.store.TaskRecord;

class TaskEngineTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private Harness harness;
    private ScriptedProvider provider;

    @BeforeEach
    void setUp() throws Exception {
        provider = new ScriptedProvider();
        harness = new Harness().provider(provider);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void completesAndStoresDecryptableRenditions() throws IOException {
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task submitted = tasks.submit("u1", "generate", Map.of("prompt", "a fox", "aspect_ratio", "16:9"),
                Optional.empty());
        assertEquals(TaskStatus.QUEUED, submitted.status());
        assertNotNull(submitted.estimatedFinishAt());

        Task done = await(tasks, "u1", submitted.taskId(), t -> t.status().isTerminal());
        assertEquals(TaskStatus.COMPLETED, done.status());
        assertEquals(640, done.files().get(RenditionFormat.ORIGINAL).width());
        assertEquals(360, done.files().get(RenditionFormat.ORIGINAL).height());
        assertEquals(1, provider.requests.size());
        assertEquals("scripted/q", provider.requests.peek().model());
        assertEquals(3, harness.blobs.objects.size());
        try (InputStream in = harness.embeds.file("u1", done.embedId(), RenditionFormat.FULL).open()) {
            assertEquals("RIFF", new String(in.readNBytes(4)));
        }
        Map<String, Object> content = harness.embeds.content("u1", done.embedId());
        assertEquals("a fox", content.get("prompt"));
        assertEquals(Map.of("usd", 0.134, "credits", 134L).get("credits"),
                ((Number) ((Map<?, ?>) content.get("cost")).get("credits")).longValue());
        assertEquals(EmbedStatus.FINISHED, harness.embeds.find("u1", done.embedId()).orElseThrow().status());
    }

    @Test
    void draftGoesToTheDraftModel() {
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x", "draft", true), Optional.empty());
        assertEquals(TaskStatus.COMPLETED, await(tasks, "u1", t.taskId(), s -> s.status().isTerminal()).status());
        assertEquals("scripted/d", provider.requests.peek().model());
    }

    @Test
    void retriesRetryableFailuresThenSucceeds() {
        provider.failures.add(ScriptedProvider.transientFailure());
        provider.failures.add(ScriptedProvider.transientFailure());
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        Task done = await(tasks, "u1", t.taskId(), s -> s.status().isTerminal());
        assertEquals(TaskStatus.COMPLETED, done.status());
        assertEquals(3, provider.calls.get());
        assertEquals(3, harness.store.findTask(t.taskId()).orElseThrow().attempts());
    }

    @Test
    void failsCleanlyAfterTheLastAttempt() {
        for (int i = 0; i < 5; i++) {
            provider.failures.add(ScriptedProvider.transientFailure());
        }
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        Task done = await(tasks, "u1", t.taskId(), s -> s.status().isTerminal());
        assertEquals(TaskStatus.FAILED, done.status());
        assertEquals("provider_unavailable", done.error().code());
        assertTrue(done.error().retryable());
        assertEquals(3, provider.calls.get());
        assertEquals(EmbedStatus.ERROR, harness.embeds.find("u1", t.embedId()).orElseThrow().status());
        assertTrue(harness.blobs.objects.isEmpty());
    }

    @Test
    void finalFailuresAreNotRetried() {
        provider.failures.add(new ImagesException("provider_refused", 422, false, "The provider refused the prompt."));
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        Task done = await(tasks, "u1", t.taskId(), s -> s.status().isTerminal());
        assertEquals("provider_refused", done.error().code());
        assertEquals(1, provider.calls.get());
    }

    @Test
    void storageOutageLeavesNoHalfWrittenEmbed() {
        harness.blobs.failingPuts.set(100);
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 2, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        Task done = await(tasks, "u1", t.taskId(), s -> s.status().isTerminal());
        assertEquals(TaskStatus.FAILED, done.status());
        assertEquals("storage_unavailable", done.error().code());
        assertTrue(harness.blobs.objects.isEmpty());
        ImagesException e = assertThrows(ImagesException.class,
                () -> harness.embeds.file("u1", t.embedId(), RenditionFormat.PREVIEW));
        assertEquals(409, e.httpStatus());

        harness.blobs.failingPuts.set(0);
        Task next = tasks.submit("u1", "generate", Map.of("prompt", "y"), Optional.empty());
        assertEquals(TaskStatus.COMPLETED, await(tasks, "u1", next.taskId(), s -> s.status().isTerminal()).status());
    }

    @Test
    void cancelsARunningTask() throws InterruptedException {
        provider.gate = new CountDownLatch(1);
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        assertTrue(provider.started.await(10, TimeUnit.SECONDS));
        tasks.cancel("u1", t.taskId());
        Task done = await(tasks, "u1", t.taskId(), s -> s.status().isTerminal());
        assertEquals(TaskStatus.CANCELLED, done.status());
        assertEquals(EmbedStatus.CANCELLED, harness.embeds.find("u1", t.embedId()).orElseThrow().status());
        assertEquals(TaskStatus.CANCELLED, tasks.cancel("u1", t.taskId()).status(), "cancel is idempotent");
        assertTrue(harness.blobs.objects.isEmpty());
    }

    @Test
    void cancelsAQueuedTaskAndHidesOtherUsersTasks() {
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        assertEquals(404, assertThrows(ImagesException.class, () -> tasks.cancel("u2", t.taskId())).httpStatus());
        assertTrue(tasks.find("u2", t.taskId()).isEmpty());
        Task after = tasks.cancel("u1", t.taskId());
        assertTrue(after.status() == TaskStatus.CANCELLED || after.status() == TaskStatus.PROCESSING
                || after.status() == TaskStatus.COMPLETED);
        assertTrue(await(tasks, "u1", t.taskId(), s -> s.status().isTerminal()).status().isTerminal());
    }

    @Test
    void aTaskOfADeadNodeIsTakenOverWhenItsLeaseRunsOut() {
        TaskRecord orphan = orphan("dead-node", 1, Instant.now().minusSeconds(5));
        DefaultTaskService tasks = harness.tasks(harness.node("n2", 3, Duration.ofSeconds(30)));
        Task done = await(tasks, "u1", orphan.id(), s -> s.status().isTerminal());
        assertEquals(TaskStatus.COMPLETED, done.status());
        assertEquals(2, harness.store.findTask(orphan.id()).orElseThrow().attempts());
    }

    @Test
    void aTaskWhoseNodesKeepDyingFailsWithWorkerLost() {
        TaskRecord orphan = orphan("dead-node", 3, Instant.now().minusSeconds(5));
        DefaultTaskService tasks = harness.tasks(harness.node("n2", 3, Duration.ofSeconds(30)));
        Task done = await(tasks, "u1", orphan.id(), s -> s.status().isTerminal());
        assertEquals(TaskStatus.FAILED, done.status());
        assertEquals("worker_lost", done.error().code());
        assertEquals(0, provider.calls.get());
    }

    @Test
    void aRestartedNodeResumesItsOwnTasksWithoutWaitingForTheLease() {
        TaskRecord orphan = orphan("n1", 1, Instant.now().plusSeconds(3600));
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(4)));
        assertEquals(TaskStatus.COMPLETED, await(tasks, "u1", orphan.id(), s -> s.status().isTerminal()).status());
    }

    /** L9: a live runtime that shares the id (a copied data directory on a host of the same name) keeps its task. */
    @Test
    void aNodeStartingUnderALiveNodesIdLeavesThatNodesTasksAlone() throws Exception {
        TaskRecord held = orphan("n1", 1, Instant.now().plusSeconds(5));
        AtomicBoolean twinAlive = new AtomicBoolean(true);
        Thread twin = new Thread(() -> { // the other runtime's heartbeat: renews its lease every 100 ms
            while (twinAlive.get()) {
                TaskRecord r = harness.store.findTask(held.id()).orElseThrow();
                harness.store.update(r.toBuilder().leaseUntil(Instant.now().plusSeconds(5)).version(r.version() + 1)
                        .build(), r.version(), null);
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        });
        twin.start();
        try {
            harness.tasks(harness.node("n1", 3, Duration.ofMillis(800))); // checks the leases after 300 ms
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
            TaskRecord after = harness.store.findTask(held.id()).orElseThrow();
            assertEquals(TaskStatus.PROCESSING, after.status());
            assertEquals("n1", after.leaseOwner());
            assertEquals(1, after.attempts(), "the starting node must not take the live node's task over");
            assertEquals(0, provider.calls.get());
        } finally {
            twinAlive.set(false);
            twin.join();
        }
    }

    @Test
    void twoNodesOnOneStoreRunEveryTaskExactlyOnce() {
        DefaultTaskService a = harness.tasks(harness.node("a", 3, Duration.ofSeconds(30)));
        DefaultTaskService b = harness.tasks(harness.node("b", 3, Duration.ofSeconds(30)));
        List<Task> submitted = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            submitted.add((i % 2 == 0 ? a : b).submit("u1", "generate", Map.of("prompt", "p" + i), Optional.empty()));
        }
        for (Task t : submitted) {
            assertEquals(TaskStatus.COMPLETED, await(a, "u1", t.taskId(), s -> s.status().isTerminal()).status());
        }
        assertEquals(12, provider.calls.get());
    }

    @Test
    void idempotencyKeyReturnsTheFirstTask() {
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task first = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.of("k1"));
        Task again = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.of("k1"));
        assertEquals(first.taskId(), again.taskId());
        Task otherUser = tasks.submit("u2", "generate", Map.of("prompt", "x"), Optional.of("k1"));
        assertTrue(!otherUser.taskId().equals(first.taskId()), "keys are per user");
        ImagesException e = assertThrows(ImagesException.class,
                () -> tasks.submit("u1", "generate", Map.of("prompt", "y"), Optional.of("k1")));
        assertEquals("idempotency_key_reused", e.code());
    }

    @Test
    void estimatesComeFromRecentDurations() {
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        await(tasks, "u1", t.taskId(), s -> s.status().isTerminal());
        assertEquals(1, harness.store.recentDurations("generate", 20).size());
        Task next = tasks.submit("u1", "generate", Map.of("prompt", "y"), Optional.empty());
        Duration ahead = Duration.between(next.createdAt(), next.estimatedFinishAt());
        assertTrue(ahead.compareTo(Estimator.DEFAULT_DURATION) < 0, "history replaces the default: " + ahead);
        assertNull(await(tasks, "u1", next.taskId(), s -> s.status().isTerminal()).estimatedFinishAt());
    }

    @Test
    void aSuccessfulTaskIsChargedExactlyOnceAndFailuresCostNothing() {
        provider.failures.add(ScriptedProvider.transientFailure());
        provider.failures.add(ScriptedProvider.transientFailure());
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task ok = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        assertEquals(TaskStatus.COMPLETED, await(tasks, "u1", ok.taskId(), s -> s.status().isTerminal()).status());
        provider.failures.add(new ImagesException("provider_refused", 422, false, "refused"));
        Task refused = tasks.submit("u1", "generate", Map.of("prompt", "y"), Optional.empty());
        assertEquals(TaskStatus.FAILED, await(tasks, "u1", refused.taskId(), s -> s.status().isTerminal()).status());

        var charges = harness.store.usage("u1", Instant.EPOCH, 100);
        assertEquals(1, charges.size(), "two retries and a refusal, one charge");
        assertEquals(ok.taskId(), charges.get(0).taskId());
        assertEquals(134, charges.get(0).cost().credits());
        assertEquals("scripted/q", charges.get(0).model());
        assertEquals(134, harness.store.creditsSince("u1", Instant.EPOCH));
        assertEquals(0, harness.store.pendingCredits("u1"));
    }

    @Test
    void overBudgetIsRefusedBeforeAnyProviderCall() {
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)),
                Map.of("budget_credits", 200L));
        Task first = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        await(tasks, "u1", first.taskId(), s -> s.status().isTerminal());
        ImagesException e = assertThrows(ImagesException.class,
                () -> tasks.submit("u1", "generate", Map.of("prompt", "y"), Optional.empty()));
        assertEquals("budget_exceeded", e.code());
        assertEquals(402, e.httpStatus());
        assertEquals(1, provider.calls.get());
        Task draft = tasks.submit("u1", "generate", Map.of("prompt", "cheap", "draft", true), Optional.empty());
        assertEquals(TaskStatus.COMPLETED, await(tasks, "u1", draft.taskId(), s -> s.status().isTerminal()).status(),
                "a cheaper draft still fits the budget");
        assertEquals(1, tasks.recent(100).stream().filter(t -> t.status() == TaskStatus.COMPLETED
                && t.skill().equals("generate")).filter(t -> t.taskId().equals(first.taskId())).count());
    }

    @Test
    void overTheRateLimitIsRefusedWithRetryAfter() {
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)),
                Map.of("rate_per_minute", 6, "rate_burst", 2));
        tasks.submit("u1", "generate", Map.of("prompt", "1"), Optional.empty());
        tasks.submit("u1", "generate", Map.of("prompt", "2"), Optional.empty());
        ImagesException e = assertThrows(ImagesException.class,
                () -> tasks.submit("u1", "generate", Map.of("prompt", "3"), Optional.empty()));
        assertEquals("rate_limited", e.code());
        assertEquals(429, e.httpStatus());
        assertTrue(e.retryAfter().orElseThrow().toSeconds() >= 5, "about 10 s until the next token");
        tasks.submit("u2", "generate", Map.of("prompt", "other user"), Optional.empty());
    }

    private TaskRecord orphan(String node, int attempts, Instant leaseUntil) {
        DefaultTaskService tmp = harness.tasks(harness.node("submitter-" + node, 3, Duration.ofSeconds(30)));
        provider.gate = new CountDownLatch(1); // nobody may finish it while we set it up
        harness.close();
        Task t = tmp.submit("u1", "generate", Map.of("prompt", "orphan"), Optional.empty());
        TaskRecord r = harness.store.findTask(t.taskId()).orElseThrow();
        TaskRecord leased = r.toBuilder().status(TaskStatus.PROCESSING).leaseOwner(node).leaseUntil(leaseUntil)
                .attempts(attempts).startedAt(Instant.now()).version(r.version() + 1).build();
        assertTrue(harness.store.update(leased, r.version(), null));
        provider.gate = null;
        return leased;
    }

    private static Task await(DefaultTaskService tasks, String user, String taskId, Predicate<Task> done) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            Task t = tasks.find(user, taskId).orElseThrow();
            if (done.test(t)) {
                return t;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("task did not finish: " + t);
            }
            try {
                never.await(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
