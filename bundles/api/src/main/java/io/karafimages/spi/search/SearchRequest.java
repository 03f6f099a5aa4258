package io.karafimages.spi.search;

import java.util.Objects;
import java.util.Optional;

/** One search: the image (JPEG, no metadata) and an optional text that refines it. Immutable. */
public final class SearchRequest {
    private final byte[] jpeg;
    private final String query;

    private SearchRequest(byte[] jpeg, String query) {
        this.jpeg = Objects.requireNonNull(jpeg, "jpeg");
        this.query = query;
    }

    /** @param jpeg the image to search for; the caller hands it over */
    public static SearchRequest of(byte[] jpeg, String query) {
        return new SearchRequest(jpeg, query == null || query.isBlank() ? null : query);
    }

    public byte[] jpeg() {
        return jpeg;
    }

    /** Words that narrow the search (SerpApi's {@code q}), if the user gave any. */
    public Optional<String> query() {
        return Optional.ofNullable(query);
    }
}
