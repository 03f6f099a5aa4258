package io.karafimages.spi.store;

import java.time.Instant;

/**
 * A position in a newest-first list: the creation time and id of the last row a page returned.
 *
 * @since 3.3
 */
public record Keyset(Instant createdAt, String id) {
}
