package io.karafimages.core.internal.store;

import java.time.Instant;

/** A user row. */
public record UserRecord(String id, String name, Instant createdAt) {
}
