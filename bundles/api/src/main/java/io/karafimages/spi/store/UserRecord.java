package io.karafimages.spi.store;

import java.time.Instant;

/** A user row. */
public record UserRecord(String id, String name, Instant createdAt) {
}
