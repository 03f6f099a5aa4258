package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.store.TaskRecord;

/** The state machine on its own: each transition's result, and every state and claim it must decline. */
class TaskTransitionsTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(30);
    private static final EnumSet<TaskStatus> FINAL =
            EnumSet.of(TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED);

    private static TaskRecord queued() {
        return TaskRecord.builder().id("t1").ownerId("u1").skill("generate").embedId("e1")
                .status(TaskStatus.QUEUED).input(new byte[0]).createdAt(T0).updatedAt(T0).version(3).build();
    }

    private static TaskRecord in(TaskStatus status) {
        return queued().toBuilder().status(status).build();
    }

    @Test
    void aClaimIsTheNextAttemptUnderThisNodesLease() {
        TaskRecord claimed = TaskTransitions.claim(queued(), "nodeA", NOW, Duration.ofSeconds(60));
        assertEquals(TaskStatus.PROCESSING, claimed.status());
        assertEquals("nodeA", claimed.leaseOwner());
        assertEquals(NOW.plusSeconds(60), claimed.leaseUntil());
        assertEquals(1, claimed.attempts());
        assertEquals(4, claimed.version());
        assertEquals(NOW, claimed.startedAt());
        TaskRecord again = TaskTransitions.claim(claimed.toBuilder().leaseUntil(T0).build(), "nodeB",
                NOW.plusSeconds(90), Duration.ofSeconds(60));
        assertEquals(2, again.attempts(), "a lease that ran out is taken over as the next attempt");
        assertEquals(NOW, again.startedAt(), "started_at is the first attempt's");
    }

    @Test
    void aWorkersChangesApplyOnlyWhileItsClaimHolds() {
        TaskRecord claim = TaskTransitions.claim(queued(), "nodeA", NOW, Duration.ofSeconds(60));
        TaskRecord takenOver = TaskTransitions.claim(claim.toBuilder().leaseUntil(T0).build(), "nodeA", NOW,
                Duration.ofSeconds(60));
        TaskRecord otherOwner = claim.toBuilder().leaseOwner("nodeB").build();
        for (TaskRecord lost : new TaskRecord[] { takenOver, otherOwner, in(TaskStatus.QUEUED),
                claim.toBuilder().status(TaskStatus.COMPLETED).build() }) {
            assertTrue(TaskTransitions.complete(lost, claim, "{}", NOW).isEmpty(), "complete on " + lost);
            assertTrue(TaskTransitions.retry(lost, claim, NOW, NOW, NOW).isEmpty(), "retry on " + lost);
            assertTrue(TaskTransitions.renew(lost, claim, NOW).isEmpty(), "renew on " + lost);
        }
        TaskRecord done = TaskTransitions.complete(claim, claim, "{\"files\":{}}", NOW).orElseThrow();
        assertEquals(TaskStatus.COMPLETED, done.status());
        assertEquals(1.0, done.progress());
        assertNull(done.leaseOwner());
        assertNull(done.estimatedFinishAt());
        assertEquals("{\"files\":{}}", done.resultJson());
        assertEquals(NOW, done.finishedAt());

        TaskRecord cancelAsked = claim.toBuilder().cancelRequested(true).build();
        assertTrue(TaskTransitions.complete(cancelAsked, claim, "{}", NOW).isPresent(),
                "a cancel asked after the provider answered does not undo the result (review L6)");
    }

    @Test
    void aRetryQueuesTheTaskAgainWithoutALease() {
        TaskRecord claim = TaskTransitions.claim(queued(), "nodeA", NOW, Duration.ofSeconds(60))
                .toBuilder().progress(0.7).build();
        TaskRecord again = TaskTransitions.retry(claim, claim, NOW.plusSeconds(5), NOW.plusSeconds(20), NOW)
                .orElseThrow();
        assertEquals(TaskStatus.QUEUED, again.status());
        assertNull(again.leaseOwner());
        assertNull(again.leaseUntil());
        assertEquals(NOW.plusSeconds(5), again.notBefore());
        assertEquals(0.0, again.progress());
        assertEquals(1, again.attempts(), "the attempt count stays: the next claim makes it 2");
    }

    @Test
    void failAndCancelEndAnyTaskThatHasNotEndedWhileTheGuardAccepts() {
        for (TaskStatus status : TaskStatus.values()) {
            TaskRecord r = in(status);
            Optional<TaskRecord> failed = TaskTransitions.fail(r, x -> true, "worker_lost", "gone", true, NOW);
            Optional<TaskRecord> cancelled = TaskTransitions.cancel(r, x -> true, NOW);
            assertEquals(FINAL.contains(status), failed.isEmpty(), "fail from " + status);
            assertEquals(FINAL.contains(status), cancelled.isEmpty(), "cancel from " + status);
            assertTrue(TaskTransitions.fail(r, x -> false, "c", "m", false, NOW).isEmpty(), "guard declines");
            assertTrue(TaskTransitions.cancel(r, x -> false, NOW).isEmpty(), "guard declines");
            failed.ifPresent(f -> {
                assertEquals(TaskStatus.FAILED, f.status());
                assertEquals("worker_lost", f.errorCode());
                assertNull(f.leaseOwner());
                assertEquals(NOW, f.finishedAt());
            });
            cancelled.ifPresent(c -> {
                assertEquals(TaskStatus.CANCELLED, c.status());
                assertTrue(c.cancelRequested());
                assertNull(c.leaseUntil());
            });
        }
    }

    @Test
    void aCancelIsAskedOnceAndNeverOfAnEndedTask() {
        for (TaskStatus status : TaskStatus.values()) {
            assertEquals(FINAL.contains(status), TaskTransitions.requestCancel(in(status), NOW).isEmpty(),
                    "request from " + status);
        }
        TaskRecord asked = TaskTransitions.requestCancel(in(TaskStatus.PROCESSING), NOW).orElseThrow();
        assertTrue(asked.cancelRequested());
        assertEquals(TaskStatus.PROCESSING, asked.status(), "the worker ends it at its next safe point");
        assertTrue(TaskTransitions.requestCancel(asked, NOW).isEmpty(), "asked already: no write");
    }

    @Test
    void aNodeReleasesOnlyLeasesItHolds() {
        TaskRecord claim = TaskTransitions.claim(queued(), "nodeA", NOW, Duration.ofSeconds(60));
        assertEquals(NOW, TaskTransitions.release(claim, "nodeA", NOW).orElseThrow().leaseUntil());
        assertTrue(TaskTransitions.release(claim, "nodeB", NOW).isEmpty(), "another node's lease");
        assertTrue(TaskTransitions.release(claim.toBuilder().status(TaskStatus.COMPLETED).build(), "nodeA", NOW)
                .isEmpty(), "an ended task has no lease to release");
        assertEquals(NOW.plusSeconds(120),
                TaskTransitions.renew(claim, claim, NOW.plusSeconds(120)).orElseThrow().leaseUntil());
    }
}
