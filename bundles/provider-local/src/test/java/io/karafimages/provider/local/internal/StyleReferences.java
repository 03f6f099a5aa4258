package io.karafimages.provider.local.internal;

import java.util.ArrayList;
import java.util.List;

import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.StyleRequest;

/** Reference images for style tests, and the hue arithmetic to check palettes and pictures by. */
final class StyleReferences {
    private StyleReferences() {
    }

    /**
     * A checkered gradient within a hue band ({@code hue} to {@code hue + 0.05} turns): saturation and value vary,
     * so the palette has several colours of about that hue.
     */
    static byte[] banded(double hue, int variant) {
        int w = 160 + 16 * variant;
        int h = 120;
        return TestImages.rgbPng(w, h, (x, y) -> Colours.hsv(hue + 0.05 * x / w,
                (x / 20 + y / 20 + variant) % 2 == 0 ? 0.9 : 0.6, 0.35 + 0.6 * y / h) & 0xffffff);
    }

    static List<ImageRequest.ReferenceImage> warm(int count) {
        return references(0.04, count);
    }

    static List<ImageRequest.ReferenceImage> cool(int count) {
        return references(0.57, count);
    }

    static List<ImageRequest.ReferenceImage> references(double hue, int count) {
        List<ImageRequest.ReferenceImage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(ImageRequest.ReferenceImage.of(banded(hue, i), "image/png"));
        }
        return out;
    }

    static StyleRequest request(List<ImageRequest.ReferenceImage> references, String baseStyle) {
        return StyleRequest.of(LocalStyles.MODEL, references, baseStyle);
    }

    /** The saturation-weighted circular mean hue (turns) of colours with weights. */
    static double meanHue(int[] colours, double[] weights) {
        double x = 0;
        double y = 0;
        for (int i = 0; i < colours.length; i++) {
            double[] hsv = Colours.toHsv(colours[i]);
            double k = weights[i] * hsv[1] * hsv[2];
            x += k * Math.cos(2 * Math.PI * hsv[0]);
            y += k * Math.sin(2 * Math.PI * hsv[0]);
        }
        double turns = Math.atan2(y, x) / (2 * Math.PI);
        return turns < 0 ? turns + 1 : turns;
    }

    /** The mean hue of a picture's pixels, each weighing its saturation times value. */
    static double meanHue(int[] pixels) {
        double[] weights = new double[pixels.length];
        java.util.Arrays.fill(weights, 1);
        return meanHue(pixels, weights);
    }

    /** Distance between two hues on the colour circle, 0..0.5 turns. */
    static double hueDistance(double p, double q) {
        double d = Math.abs(p - q) % 1;
        return Math.min(d, 1 - d);
    }

    /** Mean R, G, B of packed pixels. */
    static double[] meanRgb(int[] pixels) {
        double[] sum = new double[3];
        for (int p : pixels) {
            sum[0] += Colours.red(p);
            sum[1] += Colours.green(p);
            sum[2] += Colours.blue(p);
        }
        return new double[] { sum[0] / pixels.length, sum[1] / pixels.length, sum[2] / pixels.length };
    }
}
