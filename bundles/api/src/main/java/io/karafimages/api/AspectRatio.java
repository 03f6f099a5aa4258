package io.karafimages.api;

import java.util.Arrays;
import java.util.Optional;

/** The aspect ratios the API accepts. */
public enum AspectRatio {
    SQUARE(1, 1), LANDSCAPE_16_9(16, 9), PORTRAIT_9_16(9, 16), LANDSCAPE_4_3(4, 3), PORTRAIT_3_4(3, 4),
    LANDSCAPE_3_2(3, 2), PORTRAIT_2_3(2, 3), ULTRAWIDE_21_9(21, 9);

    private final int width;
    private final int height;

    AspectRatio(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The wire form, e.g. {@code 16:9}. */
    public String wireName() {
        return width + ":" + height;
    }

    /** Width divided by height. */
    public double ratio() {
        return (double) width / height;
    }

    /** Parses {@code W:H}; empty for anything not in the list. */
    public static Optional<AspectRatio> parse(String wire) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(wire)).findFirst();
    }
}
