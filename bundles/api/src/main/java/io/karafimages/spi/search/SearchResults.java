package io.karafimages.spi.search;

import java.util.List;
import java.util.Objects;

/** What a search found, best first; possibly nothing. Immutable. */
public final class SearchResults {
    private final String engine;
    private final List<SearchMatch> matches;

    private SearchResults(String engine, List<SearchMatch> matches) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.matches = List.copyOf(matches);
    }

    public static SearchResults of(String engine, List<SearchMatch> matches) {
        return new SearchResults(engine, matches);
    }

    public String engine() {
        return engine;
    }

    public List<SearchMatch> matches() {
        return matches;
    }
}
