package io.karafimages.api;

import java.time.Instant;
import java.util.Optional;

/**
 * What an operator may see of an API key: its first characters (enough to recognise it, never enough to use it)
 * and its dates. {@code lastUsedAt} is recorded at most once a minute per key and node, so it may lag by that much.
 */
public record ApiKeyInfo(String prefix, Instant createdAt, Optional<Instant> lastUsedAt, Optional<Instant> expiresAt,
        Optional<Instant> revokedAt) {

    /** active, expired or revoked at {@code now}. */
    public String state(Instant now) {
        if (revokedAt.isPresent()) {
            return "revoked";
        }
        return expiresAt.filter(e -> !now.isBefore(e)).isPresent() ? "expired" : "active";
    }
}
