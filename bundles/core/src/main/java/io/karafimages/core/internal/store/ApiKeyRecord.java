package io.karafimages.core.internal.store;

import java.time.Instant;

/**
 * A stored API key (its hash, never the key) with its user. {@code expiresAt}, {@code revokedAt},
 * {@code lastUsedAt} and {@code userDisabledAt} are null when not set.
 */
public record ApiKeyRecord(String keyHash, String keyPrefix, UserRecord user, Instant createdAt, Instant expiresAt,
        Instant revokedAt, Instant lastUsedAt, Instant userDisabledAt) {

    /** Whether the key authenticates its user at {@code now}: not revoked, not expired, user not disabled. */
    public boolean validAt(Instant now) {
        return revokedAt == null && userDisabledAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
