package io.karafimages.provider.local.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Learns a {@link StyleDescription} from reference pictures. Each reference is sampled on a grid of about
 * {@value #SAMPLES_PER_REFERENCE} pixels whatever its size (nearest pixel, so no colour is invented by averaging
 * across an edge), which makes every reference count the same and keeps the work small. The samples are stacked into
 * one picture and reduced to a few colours by {@link ColourQuantizer}; a colour's weight is its share of the samples.
 * References with fewer distinct colours than {@link StyleDescription#MIN_COLOURS} get lighter and darker shades of
 * their heaviest colours, so the palette always spans some light. Deterministic. Stateless.
 */
final class StyleExtractor {
    static final int SAMPLES_PER_REFERENCE = 128 * 128;
    /** A colour covering less than this share is a trace, not part of the style. */
    private static final double MIN_WEIGHT = 0.002;
    /** The lightness step, in OKLab, between a padding shade and the colour it comes from. */
    private static final double SHADE_STEP = 0.15;
    /** Padding shades are a little less colourful, as shades of a colour in a picture usually are. */
    private static final double SHADE_CHROMA = 0.85;

    private StyleExtractor() {
    }

    /** @throws ImagesException {@code invalid_input} when no reference has an opaque pixel */
    static StyleDescription extract(List<Picture> references, StyleRendering rendering, EditProgress progress) {
        Picture samples = sample(references);
        progress.report(0.1, "sampling the references");
        ColourQuantizer.Quantized quantized = ColourQuantizer.quantize(samples, rendering.maxColours(),
                progress.slice(0.1, 0.9));
        if (quantized.palette().length == 0) {
            throw ImagesException.invalid(ErrorCodes.INVALID_INPUT, "The reference images have no opaque pixel.");
        }
        double[] tone = tone(samples);
        List<Entry> palette = padded(weighted(quantized));
        palette.sort(Comparator.comparingDouble(Entry::weight).reversed().thenComparingInt(Entry::rgb));
        int[] colours = palette.stream().mapToInt(Entry::rgb).toArray();
        double[] weights = palette.stream().mapToDouble(Entry::weight).toArray();
        progress.report(1, "style learned");
        return new StyleDescription(rendering, colours, weights, clamp(tone[0], 0, 1), clamp(tone[1], 0, 0.5),
                clamp(tone[2], 0, 0.5), clamp(tone[3], -0.5, 0.5));
    }

    /** One palette colour, 0xRRGGBB, and its share. */
    private record Entry(int rgb, double weight) {
    }

    /**
     * The references' samples stacked top to bottom, each about {@value #SAMPLES_PER_REFERENCE} pixels at its own
     * aspect ratio; a row narrower than the widest is padded with transparent pixels, which count for nothing.
     */
    static Picture sample(List<Picture> references) {
        int[][] sizes = new int[references.size()][];
        int width = 1;
        int height = 0;
        for (int r = 0; r < sizes.length; r++) {
            Picture p = references.get(r);
            double f = Math.sqrt((double) SAMPLES_PER_REFERENCE / ((double) p.width() * p.height()));
            sizes[r] = new int[] { Math.max(1, (int) Math.round(p.width() * f)),
                    Math.max(1, (int) Math.round(p.height() * f)) };
            width = Math.max(width, sizes[r][0]);
            height += sizes[r][1];
        }
        int[] out = new int[width * height];
        int top = 0;
        for (int r = 0; r < sizes.length; r++) {
            Picture p = references.get(r);
            int sw = sizes[r][0];
            int sh = sizes[r][1];
            for (int y = 0; y < sh; y++) {
                int sy = (int) ((2L * y + 1) * p.height() / (2L * sh));
                for (int x = 0; x < sw; x++) {
                    int sx = (int) ((2L * x + 1) * p.width() / (2L * sw));
                    out[(top + y) * width + x] = p.argb()[sy * p.width() + sx];
                }
            }
            top += sh;
        }
        return new Picture(width, height, out, true);
    }

    /** The quantised colours with their shares of the opaque samples, traces dropped; weights add up to 1. */
    private static List<Entry> weighted(ColourQuantizer.Quantized quantized) {
        double[] counts = new double[quantized.palette().length];
        double total = 0;
        for (byte label : quantized.labels()) {
            if (label != ColourQuantizer.TRANSPARENT) {
                counts[label]++;
                total++;
            }
        }
        double kept = 0;
        for (double c : counts) {
            kept += c / total >= MIN_WEIGHT ? c : 0;
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] / total >= MIN_WEIGHT) {
                out.add(new Entry(quantized.palette()[i] & 0xffffff, counts[i] / kept));
            }
        }
        return out;
    }

    /**
     * Adds shades until the palette has {@link StyleDescription#MIN_COLOURS} colours: darker, then lighter, of the
     * heaviest colour first. A shade takes a quarter of its parent's weight, so the weights still add up to 1.
     */
    private static List<Entry> padded(List<Entry> palette) {
        List<Entry> out = new ArrayList<>(palette);
        out.sort(Comparator.comparingDouble(Entry::weight).reversed().thenComparingInt(Entry::rgb));
        for (int step = 0; out.size() < StyleDescription.MIN_COLOURS && step < 64; step++) {
            int parentIndex = step / 2 % out.size();
            Entry parent = out.get(parentIndex);
            double[] lab = OkLab.of(parent.rgb());
            double sign = step % 2 == 0 ? -1 : 1;
            double lightness = clamp(lab[0] + sign * SHADE_STEP * (1 + step / (2 * out.size())), 0.05, 0.97);
            int shade = OkLab.toRgb(lightness, lab[1] * SHADE_CHROMA, lab[2] * SHADE_CHROMA) & 0xffffff;
            if (out.stream().noneMatch(e -> e.rgb() == shade)) {
                out.set(parentIndex, new Entry(parent.rgb(), parent.weight() * 0.75));
                out.add(new Entry(shade, parent.weight() * 0.25));
            }
        }
        return out;
    }

    /** {mean lightness, its standard deviation, mean chroma, mean b} in OKLab over the opaque samples (some exist). */
    private static double[] tone(Picture samples) {
        double n = 0;
        double sumL = 0;
        double sumL2 = 0;
        double sumC = 0;
        double sumB = 0;
        for (int p : samples.argb()) {
            if (Colours.alpha(p) >= ColourQuantizer.OPAQUE_FROM) {
                double[] lab = OkLab.of(p);
                n++;
                sumL += lab[0];
                sumL2 += lab[0] * lab[0];
                sumC += Math.sqrt(lab[1] * lab[1] + lab[2] * lab[2]);
                sumB += lab[2];
            }
        }
        double mean = sumL / n;
        return new double[] { mean, Math.sqrt(Math.max(0, sumL2 / n - mean * mean)), sumC / n, sumB / n };
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
