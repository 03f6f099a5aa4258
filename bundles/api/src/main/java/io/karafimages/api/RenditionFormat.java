package io.karafimages.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The three renditions every image embed has. */
public enum RenditionFormat {
    /** Lossless PNG, the provider's pixels. */
    ORIGINAL("png", "image/png"),
    /** Lossy WebP at quality 90 or better, same dimensions as the original. */
    FULL("webp", "image/webp"),
    /** Lossy WebP that fits inside 600x400, aspect ratio kept. */
    PREVIEW("webp", "image/webp");

    private final String fileFormat;
    private final String mediaType;

    RenditionFormat(String fileFormat, String mediaType) {
        this.fileFormat = fileFormat;
        this.mediaType = mediaType;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** File format name: {@code png} or {@code webp}. */
    public String fileFormat() {
        return fileFormat;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Parses a wire name ({@code preview}, {@code full}, {@code original}); empty when unknown. */
    public static Optional<RenditionFormat> parse(String wire) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(wire)).findFirst();
    }
}
