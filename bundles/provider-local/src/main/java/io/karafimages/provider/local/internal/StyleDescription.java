package io.karafimages.provider.local.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.karafimages.api.ImagesException;

/**
 * What the offline style model learns from reference images, and its reference text. A style is a palette of
 * {@value #MIN_COLOURS} to {@value #MAX_COLOURS} opaque colours (0xRRGGBB) with the share of the references each
 * covers, and the references' tone in OKLab: mean lightness (0..1), contrast (the standard deviation of lightness),
 * chroma (mean colourfulness) and warmth (mean of the yellow-blue axis b; positive is warm).
 *
 * <p>The reference is one line of text, for example
 * {@code local-style/1;render=flat;palette=ee8a2a:0.4120,c4521f:0.2030,...;lightness=0.6520;contrast=0.1810;
 * chroma=0.1320;warmth=0.0710}: the colours in lower-case hex, every number with exactly four decimals, fields in
 * this order and nothing else. {@link #parse} accepts exactly that, so a reference that was cut, edited or made by
 * another provider is refused rather than half read. Immutable by convention (the arrays are not copied on the
 * way out; nobody writes into them).
 */
record StyleDescription(StyleRendering rendering, int[] colours, double[] weights, double lightness, double contrast,
        double chroma, double warmth) {
    static final int MIN_COLOURS = 5;
    static final int MAX_COLOURS = 8;
    /** The error code of a style reference that {@link #parse} refuses. */
    static final String INVALID_STYLE = "invalid_style";
    static final String VERSION = "local-style/1";
    /** Far above any reference this class writes (about 200 characters), and checked before the pattern runs. */
    private static final int MAX_LENGTH = 1024;
    private static final String NUMBER = "(\\d\\.\\d{4})";
    private static final String ENTRY = "[0-9a-f]{6}:\\d\\.\\d{4}";
    private static final Pattern FORMAT = Pattern.compile(Pattern.quote(VERSION) + ";render=([a-z]+);palette=(" + ENTRY
            + "(?:," + ENTRY + "){" + (MIN_COLOURS - 1) + "," + (MAX_COLOURS - 1) + "});lightness=" + NUMBER
            + ";contrast=" + NUMBER + ";chroma=" + NUMBER + ";warmth=(-?\\d\\.\\d{4})");
    /** The weights written with four decimals may miss 1 by a few ten-thousandths each. */
    private static final double WEIGHT_SUM_TOLERANCE = 0.005;

    StyleDescription {
        if (colours.length < MIN_COLOURS || colours.length > MAX_COLOURS || weights.length != colours.length) {
            throw new IllegalArgumentException("a style has " + MIN_COLOURS + " to " + MAX_COLOURS + " weighted colours");
        }
    }

    /** The reference text; {@link #parse} reads it back to an equal description. */
    String encode() {
        StringBuilder out = new StringBuilder(VERSION).append(";render=").append(rendering.wireName())
                .append(";palette=");
        for (int i = 0; i < colours.length; i++) {
            out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%06x", colours[i] & 0xffffff))
                    .append(':').append(number(weights[i]));
        }
        return out.append(";lightness=").append(number(lightness)).append(";contrast=").append(number(contrast))
                .append(";chroma=").append(number(chroma)).append(";warmth=").append(number(warmth)).toString();
    }

    /**
     * The style a reference describes.
     *
     * @throws ImagesException {@code invalid_style} (400) when the text is not exactly a reference {@link #encode}
     *         writes, or its numbers are out of range
     */
    static StyleDescription parse(String reference) {
        Matcher m = reference.length() <= MAX_LENGTH ? FORMAT.matcher(reference) : null;
        if (m == null || !m.matches()) {
            throw invalid("is not a local palette style");
        }
        StyleRendering rendering = StyleRendering.named(m.group(1))
                .orElseThrow(() -> invalid("names an unknown rendering"));
        String[] entries = m.group(2).split(",");
        int[] colours = new int[entries.length];
        double[] weights = new double[entries.length];
        double sum = 0;
        for (int i = 0; i < entries.length; i++) {
            colours[i] = Integer.parseInt(entries[i].substring(0, 6), 16);
            weights[i] = Double.parseDouble(entries[i].substring(7));
            if (weights[i] <= 0 || weights[i] > 1) {
                throw invalid("has a colour weight outside (0, 1]");
            }
            sum += weights[i];
        }
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
            throw invalid("has colour weights that do not add up to 1");
        }
        double lightness = Double.parseDouble(m.group(3));
        double contrast = Double.parseDouble(m.group(4));
        double chroma = Double.parseDouble(m.group(5));
        double warmth = Double.parseDouble(m.group(6));
        if (lightness > 1 || contrast > 0.5 || chroma > 0.5 || Math.abs(warmth) > 0.5) {
            throw invalid("has a tone out of range");
        }
        return new StyleDescription(rendering, colours, weights, lightness, contrast, chroma, warmth);
    }

    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        return text.equals("-0.0000") ? "0.0000" : text;
    }

    private static ImagesException invalid(String why) {
        return ImagesException.invalid(INVALID_STYLE, "The style reference " + why + ".");
    }
}
