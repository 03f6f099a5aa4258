package io.karafimages.core.internal.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.store.TaskRecord;

/**
 * The task state machine, in one place: every change of a task's row as a function of the row just read and of what
 * happened. A transition that does not apply to the row it is given declines (empty), so callers never decide on
 * their own whether a state may follow another. The result is stored with a compare-and-set on the version read
 * ({@link TaskUpdates}), so a change that lost a race to another writer is read again and re-judged here.
 *
 * <pre>
 *   queued ──claim──▶ processing ──complete──▶ completed
 *     ▲                 │  │  └──fail──▶ failed          (any non-final state: fail, cancel)
 *     └─────retry───────┘  └──renew / release (the lease); progress (TaskRepository.recordProgress)
 *   queued | processing ──requestCancel──▶ (cancel requested) ──cancel──▶ cancelled
 * </pre>
 *
 * A worker's changes ({@link #complete}, {@link #retry}, {@link #renew}) apply only while its claim {@link #holds}:
 * the attempt number is the claim token. Progress, written several times a second, is the one change made without
 * reading the row: {@code TaskRepository.recordProgress} is a single UPDATE with the same guard in its WHERE clause.
 * Times are the database's ({@code now} from the task repository), so nodes whose clocks disagree still judge
 * leases alike.
 */
final class TaskTransitions {
    private TaskTransitions() {
    }

    /**
     * Whether {@code current} is still the claim that {@code claimed} was made by: the same lease owner and the same
     * attempt. The attempt number is the claim token: every claim increments it, so a node whose lease another node
     * (or its own poller) took over no longer holds the task even when the lease owner's name is the same.
     */
    static boolean holds(TaskRecord current, TaskRecord claimed) {
        return current.status() == TaskStatus.PROCESSING && current.attempts() == claimed.attempts()
                && claimed.leaseOwner() != null && claimed.leaseOwner().equals(current.leaseOwner());
    }

    /** A node takes a claimable task (queued, or processing under a lease that ran out): the next attempt. */
    static TaskRecord claim(TaskRecord r, String nodeId, Instant now, Duration lease) {
        return r.toBuilder().status(TaskStatus.PROCESSING).leaseOwner(nodeId).leaseUntil(now.plus(lease))
                .attempts(r.attempts() + 1).startedAt(r.startedAt() == null ? now : r.startedAt()).updatedAt(now)
                .version(r.version() + 1).build();
    }

    /** The claim's worker finished: completed, a cancel requested after the provider answered notwithstanding. */
    static Optional<TaskRecord> complete(TaskRecord r, TaskRecord claim, String resultJson, Instant now) {
        return holds(r, claim)
                ? Optional.of(r.toBuilder().status(TaskStatus.COMPLETED).progress(1.0).finishedAt(now).updatedAt(now)
                        .leaseOwner(null).leaseUntil(null).estimatedFinishAt(null).resultJson(resultJson).build())
                : Optional.empty();
    }

    /** The claim's attempt failed in a way worth another: queued again, not before {@code notBefore}. */
    static Optional<TaskRecord> retry(TaskRecord r, TaskRecord claim, Instant notBefore, Instant estimatedFinishAt,
            Instant now) {
        return holds(r, claim)
                ? Optional.of(r.toBuilder().status(TaskStatus.QUEUED).leaseOwner(null).leaseUntil(null)
                        .notBefore(notBefore).progress(0).updatedAt(now).estimatedFinishAt(estimatedFinishAt).build())
                : Optional.empty();
    }

    /** Fails a task that has not ended, while {@code guard} accepts the row (its claim, or the version read). */
    static Optional<TaskRecord> fail(TaskRecord r, Predicate<TaskRecord> guard, String code, String message,
            boolean retryable, Instant now) {
        return !r.status().isTerminal() && guard.test(r)
                ? Optional.of(r.toBuilder().status(TaskStatus.FAILED).error(code, message, retryable)
                        .leaseOwner(null).leaseUntil(null).finishedAt(now).updatedAt(now).build())
                : Optional.empty();
    }

    /** Ends a task that has not ended as cancelled, while {@code guard} accepts the row. */
    static Optional<TaskRecord> cancel(TaskRecord r, Predicate<TaskRecord> guard, Instant now) {
        return !r.status().isTerminal() && guard.test(r)
                ? Optional.of(r.toBuilder().status(TaskStatus.CANCELLED).cancelRequested(true).leaseOwner(null)
                        .leaseUntil(null).finishedAt(now).updatedAt(now).build())
                : Optional.empty();
    }

    /** Its owner asks a running task to stop: its worker sees the flag at the next heartbeat and safe point. */
    static Optional<TaskRecord> requestCancel(TaskRecord r, Instant now) {
        return r.status().isTerminal() || r.cancelRequested() ? Optional.empty()
                : Optional.of(r.toBuilder().cancelRequested(true).updatedAt(now).build());
    }

    /** The claim's heartbeat extends its lease. */
    static Optional<TaskRecord> renew(TaskRecord r, TaskRecord claim, Instant until) {
        return holds(r, claim) ? Optional.of(r.toBuilder().leaseUntil(until).build()) : Optional.empty();
    }

    /**
     * A node gives up the lease of a task it holds but no longer runs (stopping, or restarted under the same id):
     * the lease ends at {@code until}, so the poller of any node may claim the task from then on.
     */
    static Optional<TaskRecord> release(TaskRecord r, String nodeId, Instant until) {
        return r.status() == TaskStatus.PROCESSING && nodeId.equals(r.leaseOwner())
                ? Optional.of(r.toBuilder().leaseUntil(until).build())
                : Optional.empty();
    }
}
