package io.karafimages.provider.local.internal;

/**
 * Björn Ottosson's OKLab: a colour space where equal distances look about equally different, so the tracer's
 * colour choices follow the eye rather than the RGB cube. sRGB decoding is a table and the cube roots are
 * {@link StrictMath}, so a colour converts to the same bits on every JVM. Stateless.
 */
final class OkLab {
    private static final double[] LINEAR = linearTable();

    private OkLab() {
    }

    /** {L, a, b} of an opaque colour 0xRRGGBB (any alpha bits are ignored). */
    static double[] of(int rgb) {
        return of(Colours.red(rgb), Colours.green(rgb), Colours.blue(rgb));
    }

    /** {L, a, b} of sRGB channel values 0..255, which may lie between integers (a mean of several colours). */
    static double[] of(double r, double g, double b) {
        double lr = linear(r);
        double lg = linear(g);
        double lb = linear(b);
        double l = StrictMath.cbrt(0.4122214708 * lr + 0.5363325363 * lg + 0.0514459929 * lb);
        double m = StrictMath.cbrt(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb);
        double s = StrictMath.cbrt(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb);
        return new double[] { 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
                1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
                0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s };
    }

    /** Squared distance between two OKLab colours. */
    static double distance2(double[] p, double[] q) {
        double dl = p[0] - q[0];
        double da = p[1] - q[1];
        double db = p[2] - q[2];
        return dl * dl + da * da + db * db;
    }

    /** sRGB decoding, linear between table entries for a value between integers. */
    private static double linear(double v) {
        int i = Math.max(0, Math.min(254, (int) v));
        return LINEAR[i] + (LINEAR[i + 1] - LINEAR[i]) * (v - i);
    }

    private static double[] linearTable() {
        double[] table = new double[256];
        for (int i = 0; i < table.length; i++) {
            double c = i / 255.0;
            table[i] = c <= 0.04045 ? c / 12.92 : StrictMath.pow((c + 0.055) / 1.055, 2.4);
        }
        return table;
    }
}
