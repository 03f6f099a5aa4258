package io.karafimages.core.internal.svg;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * The intrinsic size of an SVG in CSS pixels (96 per inch), from the root's {@code width} and {@code height}
 * in absolute units; a missing or relative one ({@code %}, {@code em}) comes from the {@code viewBox}, scaled
 * to keep its aspect ratio when the other side is known.
 */
record SvgSize(int width, int height) {
    private static final String NUMBER = "[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?";
    private static final Pattern LENGTH = Pattern.compile("(" + NUMBER + ")(px|pt|pc|mm|cm|in)?");
    private static final Pattern PLAIN_NUMBER = Pattern.compile(NUMBER);
    /** Longer values are not lengths; the cap also keeps the regular expressions' backtracking short. */
    private static final int MAX_NUMBER_CHARS = 64;
    private static final Map<String, Double> PX_PER_UNIT = Map.of(
            "", 1.0, "px", 1.0, "pt", 96.0 / 72, "pc", 16.0, "mm", 96 / 25.4, "cm", 96 / 2.54, "in", 96.0);

    /**
     * @throws ImagesException {@code provider_bad_output} when no size can be derived, or a side is zero,
     *         negative or longer than {@code maxSide}
     */
    static SvgSize of(SvgNode.Element root, int maxSide) {
        Optional<Double> width = length(root.attribute("width"));
        Optional<Double> height = length(root.attribute("height"));
        Optional<double[]> viewBox = viewBox(root.attribute("viewBox"));
        double w;
        double h;
        if (width.isPresent() && height.isPresent()) {
            w = width.get();
            h = height.get();
        } else if (viewBox.isPresent()) {
            double vbWidth = viewBox.get()[2];
            double vbHeight = viewBox.get()[3];
            w = width.orElse(height.map(known -> known * vbWidth / vbHeight).orElse(vbWidth));
            h = height.orElse(width.map(known -> known * vbHeight / vbWidth).orElse(vbHeight));
        } else {
            throw refused("The SVG has neither a width and height in absolute units nor a viewBox.");
        }
        if (!(w > 0 && h > 0) || w > maxSide || h > maxSide) {
            throw refused(String.format(Locale.ROOT, "The SVG's size %.1f x %.1f px is not between 1 and %d px a side.",
                    w, h, maxSide));
        }
        return new SvgSize(Math.max(1, (int) Math.round(w)), Math.max(1, (int) Math.round(h)));
    }

    private static Optional<Double> length(String value) {
        if (value.length() > MAX_NUMBER_CHARS) {
            return Optional.empty();
        }
        Matcher m = LENGTH.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        String unit = m.group(2) == null ? "" : m.group(2);
        return Optional.of(Double.parseDouble(m.group(1)) * PX_PER_UNIT.get(unit));
    }

    private static Optional<double[]> viewBox(String value) {
        if (value.length() > 4 * MAX_NUMBER_CHARS) {
            return Optional.empty();
        }
        String[] parts = value.strip().split("[\\s,]+");
        if (parts.length != 4) {
            return Optional.empty();
        }
        double[] box = new double[4];
        for (int i = 0; i < 4; i++) {
            if (!PLAIN_NUMBER.matcher(parts[i]).matches()) {
                return Optional.empty();
            }
            box[i] = Double.parseDouble(parts[i]);
        }
        return box[2] > 0 && box[3] > 0 ? Optional.of(box) : Optional.empty();
    }

    private static ImagesException refused(String message) {
        return new ImagesException(ErrorCodes.PROVIDER_BAD_OUTPUT, 502, false, message);
    }
}
