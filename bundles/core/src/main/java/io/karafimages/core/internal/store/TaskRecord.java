package io.karafimages.core.internal.store;

import java.time.Instant;

import io.karafimages.api.TaskStatus;

/**
 * A task row. Immutable; change it with {@link #toBuilder()} and save it with
 * {@link TaskRepository#update(TaskRecord, long, EmbedRecord)} against the version it was read at.
 *
 * @param input the skill input, encrypted with the embed's data key (never plaintext)
 * @param resultJson plaintext rendition facts (sizes, dimensions, formats) once completed, else {@code null}
 * @param leaseOwner node id of the runtime working on it, {@code null} when nobody is
 * @param estimatedCredits what the task is expected to cost, counted against the owner's budget while it runs
 * @param version optimistic-concurrency counter, incremented by every update
 */
public record TaskRecord(String id, String ownerId, String skill, String embedId, TaskStatus status,
        double progress, byte[] input, int attempts, Instant notBefore, String leaseOwner, Instant leaseUntil,
        boolean cancelRequested, String errorCode, String errorMessage, boolean errorRetryable, String resultJson,
        String idempotencyKey, String requestHash, Instant estimatedFinishAt, Instant createdAt,
        Instant updatedAt, Instant startedAt, Instant finishedAt, long estimatedCredits, long version) {

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String id, ownerId, skill, embedId, leaseOwner, errorCode, errorMessage, resultJson,
                idempotencyKey, requestHash;
        private TaskStatus status = TaskStatus.QUEUED;
        private double progress;
        private byte[] input;
        private int attempts;
        private Instant notBefore, leaseUntil, estimatedFinishAt, createdAt, updatedAt, startedAt, finishedAt;
        private boolean cancelRequested, errorRetryable;
        private long version;
        private long estimatedCredits;

        private Builder() {
        }

        private Builder(TaskRecord r) {
            id = r.id; ownerId = r.ownerId; skill = r.skill; embedId = r.embedId; status = r.status;
            progress = r.progress; input = r.input; attempts = r.attempts; notBefore = r.notBefore;
            leaseOwner = r.leaseOwner; leaseUntil = r.leaseUntil; cancelRequested = r.cancelRequested;
            errorCode = r.errorCode; errorMessage = r.errorMessage; errorRetryable = r.errorRetryable;
            resultJson = r.resultJson; idempotencyKey = r.idempotencyKey; requestHash = r.requestHash;
            estimatedFinishAt = r.estimatedFinishAt; createdAt = r.createdAt; updatedAt = r.updatedAt;
            startedAt = r.startedAt; finishedAt = r.finishedAt; estimatedCredits = r.estimatedCredits;
            version = r.version;
        }

        public Builder id(String v) { id = v; return this; }
        public Builder ownerId(String v) { ownerId = v; return this; }
        public Builder skill(String v) { skill = v; return this; }
        public Builder embedId(String v) { embedId = v; return this; }
        public Builder status(TaskStatus v) { status = v; return this; }
        public Builder progress(double v) { progress = v; return this; }
        public Builder input(byte[] v) { input = v; return this; }
        public Builder attempts(int v) { attempts = v; return this; }
        public Builder notBefore(Instant v) { notBefore = v; return this; }
        public Builder leaseOwner(String v) { leaseOwner = v; return this; }
        public Builder leaseUntil(Instant v) { leaseUntil = v; return this; }
        public Builder cancelRequested(boolean v) { cancelRequested = v; return this; }
        public Builder error(String code, String message, boolean retryable) {
            errorCode = code; errorMessage = message; errorRetryable = retryable; return this;
        }
        public Builder resultJson(String v) { resultJson = v; return this; }
        public Builder idempotency(String key, String hash) { idempotencyKey = key; requestHash = hash; return this; }
        public Builder estimatedFinishAt(Instant v) { estimatedFinishAt = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder startedAt(Instant v) { startedAt = v; return this; }
        public Builder finishedAt(Instant v) { finishedAt = v; return this; }
        public Builder estimatedCredits(long v) { estimatedCredits = v; return this; }
        public Builder version(long v) { version = v; return this; }

        public TaskRecord build() {
            return new TaskRecord(id, ownerId, skill, embedId, status, progress, input, attempts, notBefore,
                    leaseOwner, leaseUntil, cancelRequested, errorCode, errorMessage, errorRetryable, resultJson,
                    idempotencyKey, requestHash, estimatedFinishAt, createdAt, updatedAt, startedAt, finishedAt,
                    estimatedCredits, version);
        }
    }
}
