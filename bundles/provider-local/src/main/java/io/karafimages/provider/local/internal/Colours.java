package io.karafimages.provider.local.internal;

/**
 * Packed-ARGB arithmetic shared by the edits. Only exact integer and IEEE arithmetic (no {@code Math.sin}), so the
 * same input gives the same bytes on every JVM. Stateless.
 */
final class Colours {
    private Colours() {
    }

    static int alpha(int argb) {
        return argb >>> 24;
    }

    static int red(int argb) {
        return argb >> 16 & 0xff;
    }

    static int green(int argb) {
        return argb >> 8 & 0xff;
    }

    static int blue(int argb) {
        return argb & 0xff;
    }

    static int argb(int a, int r, int g, int b) {
        return clamp(a) << 24 | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    static int rgb(int r, int g, int b) {
        return argb(255, r, g, b);
    }

    static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    /** Luma (Rec. 601), 0..255. */
    static double luma(int argb) {
        return 0.299 * red(argb) + 0.587 * green(argb) + 0.114 * blue(argb);
    }

    /** Squared RGB distance. */
    static int distance2(int p, int q) {
        int dr = red(p) - red(q);
        int dg = green(p) - green(q);
        int db = blue(p) - blue(q);
        return dr * dr + dg * dg + db * db;
    }

    /**
     * {@code from} moved toward {@code to} by {@code t} (0..1) in every channel including alpha. Exact at the ends:
     * t = 0 returns {@code from} unchanged, t = 1 returns {@code to}, which is what keeps unmasked pixels identical.
     */
    static int mix(int from, int to, double t) {
        if (t <= 0) {
            return from;
        }
        if (t >= 1) {
            return to;
        }
        return argb(mixChannel(alpha(from), alpha(to), t), mixChannel(red(from), red(to), t),
                mixChannel(green(from), green(to), t), mixChannel(blue(from), blue(to), t));
    }

    private static int mixChannel(int a, int b, double t) {
        return a + (int) Math.round((b - a) * t);
    }

    /** HSV (h in turns 0..1, s and v 0..1) to opaque RGB. */
    static int hsv(double h, double s, double v) {
        double hh = (h - Math.floor(h)) * 6;
        int sector = (int) hh % 6;
        double f = hh - Math.floor(hh);
        double p = v * (1 - s);
        double q = v * (1 - s * f);
        double t = v * (1 - s * (1 - f));
        double[] rgb = switch (sector) {
            case 0 -> new double[] { v, t, p };
            case 1 -> new double[] { q, v, p };
            case 2 -> new double[] { p, v, t };
            case 3 -> new double[] { p, q, v };
            case 4 -> new double[] { t, p, v };
            default -> new double[] { v, p, q };
        };
        return rgb(to255(rgb[0]), to255(rgb[1]), to255(rgb[2]));
    }

    /** RGB to {h (turns), s, v}. */
    static double[] toHsv(int argb) {
        double r = red(argb) / 255.0;
        double g = green(argb) / 255.0;
        double b = blue(argb) / 255.0;
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double d = max - min;
        double h;
        if (d == 0) {
            h = 0;
        } else if (max == r) {
            h = ((g - b) / d) / 6;
        } else if (max == g) {
            h = ((b - r) / d + 2) / 6;
        } else {
            h = ((r - g) / d + 4) / 6;
        }
        return new double[] { h - Math.floor(h), max == 0 ? 0 : d / max, max };
    }

    private static int to255(double v) {
        return (int) Math.round(v * 255);
    }
}
