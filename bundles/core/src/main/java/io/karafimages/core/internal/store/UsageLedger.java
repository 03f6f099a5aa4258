package io.karafimages.core.internal.store;

import java.time.Instant;
import java.util.List;

/**
 * What was charged, and what is about to be. Charges are written with the task's completion
 * ({@link TaskRepository#update(TaskRecord, long, EmbedRecord, UsageRecord)}), at most once per task.
 */
public interface UsageLedger {

    /** The owner's charges since an instant, newest first, at most {@code limit}. */
    List<UsageRecord> usage(String ownerId, Instant since, int limit);

    /** Credits charged to the owner since an instant. */
    long creditsSince(String ownerId, Instant since);

    /** Credits that the owner's queued and running tasks are expected to cost. */
    long pendingCredits(String ownerId);
}
