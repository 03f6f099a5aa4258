package io.karafimages.provider.local.internal;

/**
 * Gives anti-aliased fringes to the shapes they border. A pixel on an edge is often a blend of the two colours
 * either side of it, and its nearest palette colour can be a third one (the blend of green and cream can lie nearest
 * to yellow), which would outline every shape with a sliver of that colour. So for each edge pixel the labels of the
 * flat pixels within two pixels of it are gathered; when the pixel lies closer (in OKLab) to the blend line between
 * two of them than to its own nearest colour, it takes the one of the two it is nearer to. A thin line of a colour of
 * its own is not a blend of its surroundings and keeps its colour. Stateless.
 */
final class FringeResolver {
    private static final int RADIUS = 2;
    private static final int MAX_CANDIDATES = 8;

    private FringeResolver() {
    }

    /**
     * Relabels edge pixels in {@code labels}.
     *
     * @param flat whether each pixel is inside a flat area (not on an edge)
     * @param palette the colours (0xRRGGBB) the labels index
     */
    static void resolve(Picture picture, byte[] labels, boolean[] flat, int[] palette, EditProgress progress) {
        double[][] lab = new double[palette.length][];
        for (int c = 0; c < palette.length; c++) {
            lab[c] = OkLab.of(palette[c]);
        }
        int w = picture.width();
        int h = picture.height();
        int[] candidates = new int[MAX_CANDIDATES];
        for (int y = 0; y < h; y++) {
            if ((y & 127) == 0) {
                progress.checkCancelled();
            }
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (flat[i] || labels[i] == ColourQuantizer.TRANSPARENT) {
                    continue;
                }
                int n = gather(labels, flat, w, h, x, y, candidates);
                if (n >= 2 && !contains(candidates, n, labels[i])) {
                    int p = picture.argb()[i];
                    double[] colour = OkLab.of(p);
                    labels[i] = (byte) nearerEnd(colour, lab, candidates, n, labels[i]);
                }
            }
        }
    }

    /** The distinct opaque labels of flat pixels around {@code x, y}, into {@code out}; answers how many. */
    private static int gather(byte[] labels, boolean[] flat, int w, int h, int x, int y, int[] out) {
        int n = 0;
        for (int yy = Math.max(0, y - RADIUS); yy <= Math.min(h - 1, y + RADIUS); yy++) {
            for (int xx = Math.max(0, x - RADIUS); xx <= Math.min(w - 1, x + RADIUS); xx++) {
                int j = yy * w + xx;
                byte label = labels[j];
                if (flat[j] && label != ColourQuantizer.TRANSPARENT && !contains(out, n, label)
                        && n < MAX_CANDIDATES) {
                    out[n++] = label;
                }
            }
        }
        return n;
    }

    private static boolean contains(int[] values, int n, int value) {
        for (int k = 0; k < n; k++) {
            if (values[k] == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * The candidate nearer to the colour along the blend line it lies closest to, if that line is closer than its
     * own label's colour; else its own label.
     */
    private static int nearerEnd(double[] colour, double[][] lab, int[] candidates, int n, int own) {
        double best = OkLab.distance2(colour, lab[own]);
        int choice = own;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double[] p = lab[candidates[a]];
                double[] q = lab[candidates[b]];
                double t = blendPosition(colour, p, q);
                double d = 0;
                for (int j = 0; j < 3; j++) {
                    double e = colour[j] - (p[j] + t * (q[j] - p[j]));
                    d += e * e;
                }
                if (d < best) {
                    best = d;
                    choice = t < 0.5 ? candidates[a] : candidates[b];
                }
            }
        }
        return choice;
    }

    /** Where along p..q (0..1) the colour projects. */
    private static double blendPosition(double[] colour, double[] p, double[] q) {
        double dot = 0;
        double length2 = 0;
        for (int j = 0; j < 3; j++) {
            dot += (colour[j] - p[j]) * (q[j] - p[j]);
            length2 += (q[j] - p[j]) * (q[j] - p[j]);
        }
        return length2 == 0 ? 0 : Math.max(0, Math.min(1, dot / length2));
    }
}
