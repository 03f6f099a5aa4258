package io.karafimages.provider.local.internal;

/**
 * Björn Ottosson's OKLab: a colour space where equal distances look about equally different, so the tracer's
 * colour choices follow the eye rather than the RGB cube. sRGB decoding is a table and the cube roots are
 * {@link StrictMath}, so a colour converts to the same bits on every JVM. Stateless.
 */
final class OkLab {
    private static final double[] LINEAR = linearTable();
    /** Steps of the linear-to-sRGB table; interpolating between them is off by under 0.01 of a level. */
    private static final int ENCODE_STEPS = 4096;
    private static final double[] ENCODED = encodeTable();

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

    /**
     * The opaque colour 0xffRRGGBB of an OKLab colour; channels outside sRGB's gamut are clipped. The inverse of
     * {@link #of}: a colour converted there and back is the same colour.
     */
    static int toRgb(double lightness, double a, double b) {
        double l = cube(lightness + 0.3963377774 * a + 0.2158037573 * b);
        double m = cube(lightness - 0.1055613458 * a - 0.0638541728 * b);
        double s = cube(lightness - 0.0894841775 * a - 1.2914855480 * b);
        return Colours.rgb(encode(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
                encode(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
                encode(-0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s));
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

    private static double cube(double v) {
        return v * v * v;
    }

    /** sRGB encoding of a linear value to 0..255, rounded; a table, not {@code pow}, as a picture has many pixels. */
    private static int encode(double linear) {
        double pos = Math.max(0, Math.min(1, linear)) * ENCODE_STEPS;
        int i = Math.min(ENCODE_STEPS - 1, (int) pos);
        return (int) Math.round(ENCODED[i] + (ENCODED[i + 1] - ENCODED[i]) * (pos - i));
    }

    private static double[] encodeTable() {
        double[] table = new double[ENCODE_STEPS + 1];
        for (int i = 0; i < table.length; i++) {
            double c = (double) i / ENCODE_STEPS;
            table[i] = 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * StrictMath.pow(c, 1 / 2.4) - 0.055);
        }
        return table;
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
