package io.karafimages.core.internal.store;

import java.time.Instant;

import io.karafimages.api.Cost;

/** One charge: written once per successful billable task, in the same transaction that completes it. */
public record UsageRecord(String taskId, String ownerId, String skill, String model, Cost cost, Instant createdAt) {
}
