package io.karafimages.provider.local.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How a palette style is laid onto a picture, chosen from the request's base style when the style is made and kept
 * in its reference. {@link #NATURAL} (Recraft's {@code realistic_image}) keeps the picture's own light and colour
 * differences and blends smoothly between palette colours; {@link #FLAT} (the illustration, vector, icon and logo
 * base styles) takes fewer colours and snaps each area to one of them, like a flat illustration; {@link #BALANCED}
 * (no base style, or one this provider does not know) lies between.
 */
enum StyleRendering {
    NATURAL("natural", 8, 0.45, 0, 0.6),
    BALANCED("balanced", 8, 0.3, 0.3, 0.5),
    FLAT("flat", 6, 0.1, 0.85, 0.2);

    private static final Set<String> FLAT_BASE_STYLES = Set.of("digital_illustration", "vector_illustration", "icon",
            "logo_raster");

    private final String wireName;
    private final int maxColours;
    private final double detail;
    private final double flatness;
    private final double toneShare;

    /**
     * @param maxColours the most palette colours the references are reduced to
     * @param detail how much of the picture's own colour differences survives the remap (0: none)
     * @param flatness 0 blends evenly between neighbouring palette colours, towards 1 snaps to the nearer one
     * @param toneShare how much of a pixel's lightness is its own, tone-matched, against the palette colour's
     */
    StyleRendering(String wireName, int maxColours, double detail, double flatness, double toneShare) {
        this.wireName = wireName;
        this.maxColours = maxColours;
        this.detail = detail;
        this.flatness = flatness;
        this.toneShare = toneShare;
    }

    /** The rendering a base style asks for; unknown names are not refused, the offline stand-in takes them all. */
    static StyleRendering forBaseStyle(Optional<String> baseStyle) {
        String name = baseStyle.map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("");
        if (name.equals("realistic_image")) {
            return NATURAL;
        }
        return FLAT_BASE_STYLES.contains(name) ? FLAT : BALANCED;
    }

    static Optional<StyleRendering> named(String wireName) {
        for (StyleRendering r : values()) {
            if (r.wireName.equals(wireName)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    String wireName() {
        return wireName;
    }

    int maxColours() {
        return maxColours;
    }

    double detail() {
        return detail;
    }

    double flatness() {
        return flatness;
    }

    double toneShare() {
        return toneShare;
    }
}
