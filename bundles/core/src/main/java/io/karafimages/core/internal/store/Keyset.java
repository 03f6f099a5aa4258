package io.karafimages.core.internal.store;

import java.time.Instant;

/**
 * A position in a newest-first list: the creation time and id of the last row a page returned.
 */
public record Keyset(Instant createdAt, String id) {
}
