package io.karafimages.spi.search;

import java.util.Objects;
import java.util.Optional;

/** One page showing a similar image. Immutable. */
public final class SearchMatch {
    private final int position;
    private final String title;
    private final String link;
    private final String source;
    private final String thumbnailUrl;

    private SearchMatch(int position, String title, String link, String source, String thumbnailUrl) {
        this.position = position;
        this.title = Objects.requireNonNull(title, "title");
        this.link = Objects.requireNonNull(link, "link");
        this.source = source;
        this.thumbnailUrl = thumbnailUrl;
    }

    /**
     * @param position 1-based rank
     * @param link the page's address
     * @param source the site's name, if known
     * @param thumbnailUrl a small picture of the match, if known
     */
    public static SearchMatch of(int position, String title, String link, String source, String thumbnailUrl) {
        return new SearchMatch(position, title, link, source, thumbnailUrl);
    }

    public int position() {
        return position;
    }

    public String title() {
        return title;
    }

    public String link() {
        return link;
    }

    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    public Optional<String> thumbnailUrl() {
        return Optional.ofNullable(thumbnailUrl);
    }
}
