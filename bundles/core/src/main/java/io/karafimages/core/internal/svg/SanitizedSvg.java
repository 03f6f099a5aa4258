package io.karafimages.core.internal.svg;

import java.util.Arrays;

/**
 * An SVG document that passed {@link SvgSanitizer}: UTF-8 XML safe to hand to a browser as
 * {@code image/svg+xml}, with its intrinsic size in CSS pixels. Only the sanitizer makes one, so a value of this
 * type is proof that its bytes were cleaned. Immutable and thread-safe.
 */
public final class SanitizedSvg {
    /** The media type of {@link #bytes()}. */
    public static final String MEDIA_TYPE = "image/svg+xml";

    private final byte[] svg;
    private final int width;
    private final int height;

    SanitizedSvg(byte[] svg, int width, int height) {
        this.svg = svg;
        this.width = width;
        this.height = height;
    }

    /** A copy of the clean document (UTF-8). */
    public byte[] bytes() {
        return svg.clone();
    }

    /** Intrinsic width in CSS pixels, 1 to {@link SvgSanitizer#MAX_SIDE}. */
    public int width() {
        return width;
    }

    /** Intrinsic height in CSS pixels, 1 to {@link SvgSanitizer#MAX_SIDE}. */
    public int height() {
        return height;
    }

    /** The clean document without a copy, for the renderer in this package. */
    byte[] content() {
        return svg;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SanitizedSvg s && width == s.width && height == s.height && Arrays.equals(svg, s.svg);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(svg);
    }

    @Override
    public String toString() {
        return "SanitizedSvg[" + width + "x" + height + ", " + svg.length + " bytes]";
    }
}
