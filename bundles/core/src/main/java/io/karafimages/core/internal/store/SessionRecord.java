package io.karafimages.core.internal.store;

import java.time.Instant;

/**
 * A web app session row. {@code idHash} is the SHA-256 (hex) of the secret cookie value: the database never holds
 * a value that would let its reader act as the user. Times are the database's clock.
 */
public record SessionRecord(String idHash, String userId, String csrfToken, Instant createdAt, Instant lastSeenAt,
        Instant idleExpiresAt, Instant absoluteExpiresAt) {
}
