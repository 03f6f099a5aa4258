package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.api.Task;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.testing.Await;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.UsageRecord;

/**
 * Every node judges leases, retries and queue order by the database's clock, never its own: a node whose clock
 * runs ahead or behind the database must neither delay its tasks nor write times that contradict the others'.
 */
class DatabaseClockTest {
    private static final Duration SKEW = Duration.ofMinutes(10);
    private final ScriptedProvider provider = new ScriptedProvider();
    private Harness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** The node's clock is 10 minutes ahead: its tasks must be claimable at once, not in 10 minutes. */
    @Test
    void aNodeAheadOfTheDatabaseStartsItsTasksAtOnce() throws Exception {
        harness = Harness.skewed(SKEW.negated()).provider(provider);
        DefaultTaskService tasks = harness.tasks(harness.node("ahead", 3, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "a lantern"), Optional.empty());
        TaskRecord done = Await.until(() -> harness.store.findTask(t.taskId()).orElseThrow(),
                r -> r.status() == TaskStatus.COMPLETED, "completion");
        assertNear(harness.wired.now(), done.createdAt(), "created_at is the database's time");
        assertFalse(done.notBefore().isAfter(done.startedAt()), "not_before by the database clock");
    }

    /** A retry's backoff is added to the database's time: the node's clock ahead must not push it 10 minutes out. */
    @Test
    void aRetryFromANodeAheadOfTheDatabaseComesAfterTheBackoffOnly() throws Exception {
        harness = Harness.skewed(SKEW.negated()).provider(provider);
        provider.failures.add(new ImagesException("provider_unavailable", 503, true, "try again"));
        DefaultTaskService tasks = harness.tasks(harness.node("ahead", 3, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "a lantern"), Optional.empty());
        TaskRecord done = Await.until(() -> harness.store.findTask(t.taskId()).orElseThrow(),
                r -> r.status() == TaskStatus.COMPLETED, "completion after one retry");
        assertEquals(2, done.attempts());
        assertEquals(2, provider.calls.get());
    }

    /** The node's clock is 10 minutes behind: every time of the task and its charge is the database's. */
    @Test
    void aNodeBehindTheDatabaseRecordsTheDatabasesTimes() throws Exception {
        harness = Harness.skewed(SKEW).provider(provider);
        DefaultTaskService tasks = harness.tasks(harness.node("behind", 3, Duration.ofSeconds(30)));
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "a lantern"), Optional.empty());
        TaskRecord done = Await.until(() -> harness.store.findTask(t.taskId()).orElseThrow(),
                r -> r.status() == TaskStatus.COMPLETED, "completion");
        Instant dbNow = harness.wired.now();
        assertFalse(done.createdAt().isAfter(done.startedAt()), "created before started: " + done);
        assertFalse(done.startedAt().isAfter(done.finishedAt()), "started before finished: " + done);
        assertNear(dbNow, done.finishedAt(), "finished_at is the database's time");
        List<UsageRecord> charges = harness.store.usage("u1", Instant.EPOCH, 10);
        assertEquals(1, charges.size());
        assertNear(dbNow, charges.get(0).createdAt(), "the charge is dated by the database");
    }

    private static void assertNear(Instant expected, Instant actual, String what) {
        assertTrue(Duration.between(actual, expected).abs().compareTo(Duration.ofMinutes(1)) < 0,
                what + ": " + actual + " vs " + expected);
    }
}
