package io.karafimages.api;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list, newest first.
 *
 * @param nextCursor an opaque cursor for the next (older) page, {@code null} on the last page
 * @since 1.5
 */
public record Page<T>(List<T> items, String nextCursor) {
    /** The default number of items per page. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest number of items per page. */
    public static final int MAX_LIMIT = 100;

    public Page {
        items = List.copyOf(items);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
