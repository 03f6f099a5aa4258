package io.karafimages.provider.local.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells subject from background by classical colour segmentation, not by a model: the colours along the image
 * border are clustered into a few dominant background colours; a flood fill from the border then takes every
 * connected pixel close to one of them (or a small step away from an already taken neighbour, so smooth
 * gradients are followed); subject specks too small to matter join the background; a box blur softens the edge.
 * Transparent pixels are always background. This works for product shots and portraits on plain or gently
 * varying backdrops; on busy photos the border colours reach too little or too much, and the matte falls back to
 * a soft centred ellipse. Stateless and thread-safe.
 */
final class BackgroundSegmenter {
    /** RGB distance to a dominant border colour that still counts as background. */
    private static final int TOLERANCE = 44;
    /** RGB distance between neighbours that a gradient may move per pixel. */
    private static final int STEP = 10;
    private static final int MAX_CLUSTERS = 12;
    private static final int MAX_SAMPLES = 4096;

    /**
     * What segmentation found. {@code matte} is 0..255 per pixel, 255 = background: a hard 0/255 decision when a
     * backdrop was found, else ({@code fallback}) the soft centred ellipse.
     */
    record Segmentation(int[] matte, boolean fallback) {
    }

    /** The background matte: 0..255 per pixel, 255 = background, 0 = subject (exactly, away from the edge). */
    int[] backgroundMatte(Picture picture, EditProgress progress) {
        Segmentation segmentation = segment(picture, progress.slice(0, 0.8));
        int[] matte = segmentation.fallback() ? segmentation.matte()
                : soften(segmentation.matte(), picture.width(), picture.height());
        progress.report(1, "segmented");
        return matte;
    }

    /** The unsoftened segmentation, for callers that soften the edge their own way. */
    Segmentation segment(Picture picture, EditProgress progress) {
        boolean[] background = flood(picture, borderColours(picture), progress.slice(0, 0.75));
        dropSpecks(background, picture.width(), picture.height());
        progress.report(1, "segmenting");
        int count = 0;
        for (boolean b : background) {
            count += b ? 1 : 0;
        }
        double share = (double) count / background.length;
        if (share < 0.03 || share > 0.97) {
            return new Segmentation(ellipse(picture.width(), picture.height()), true);
        }
        int[] matte = new int[background.length];
        for (int i = 0; i < matte.length; i++) {
            matte[i] = background[i] ? 255 : 0;
        }
        return new Segmentation(matte, false);
    }

    /** Dominant colours along the border: greedy clusters, keeping those that cover at least 3 % of it. */
    private static List<Integer> borderColours(Picture p) {
        int w = p.width();
        int h = p.height();
        int perimeter = 2 * (w + h);
        int stride = Math.max(1, perimeter / MAX_SAMPLES);
        List<long[]> sums = new ArrayList<>(); // r, g, b, count
        List<Integer> means = new ArrayList<>();
        int samples = 0;
        for (int k = 0; k < perimeter; k += stride) {
            int pixel = p.argb()[borderIndex(k, w, h)];
            if (Colours.alpha(pixel) < 128) {
                continue;
            }
            samples++;
            int nearest = nearest(means, pixel);
            if (nearest < 0 || Colours.distance2(means.get(nearest), pixel) > TOLERANCE * TOLERANCE / 4
                    && means.size() < MAX_CLUSTERS) {
                sums.add(new long[4]);
                means.add(pixel);
                nearest = means.size() - 1;
            }
            long[] s = sums.get(nearest);
            s[0] += Colours.red(pixel);
            s[1] += Colours.green(pixel);
            s[2] += Colours.blue(pixel);
            s[3]++;
            means.set(nearest, Colours.rgb((int) (s[0] / s[3]), (int) (s[1] / s[3]), (int) (s[2] / s[3])));
        }
        List<Integer> dominant = new ArrayList<>();
        for (int i = 0; i < means.size(); i++) {
            if (sums.get(i)[3] * 100 >= 3L * samples) {
                dominant.add(means.get(i));
            }
        }
        return dominant;
    }

    /** The k-th pixel walking clockwise around the border from the top-left corner. */
    private static int borderIndex(int k, int w, int h) {
        if (k < w) {
            return k;
        }
        if (k < w + h) {
            return (k - w) * w + w - 1;
        }
        if (k < 2 * w + h) {
            return (h - 1) * w + (2 * w + h - 1 - k);
        }
        return Math.max(0, 2 * (w + h) - 1 - k) * w;
    }

    private static boolean[] flood(Picture p, List<Integer> dominant, EditProgress progress) {
        int w = p.width();
        int h = p.height();
        int[] px = p.argb();
        boolean[] taken = new boolean[px.length];
        int[] queue = new int[px.length];
        int tail = 0;
        for (int i = 0; i < px.length; i++) {
            boolean onBorder = i < w || i >= px.length - w || i % w == 0 || i % w == w - 1;
            boolean seed = Colours.alpha(px[i]) < 128
                    || onBorder && distanceToNearest(dominant, px[i]) < TOLERANCE * TOLERANCE;
            if (seed) {
                taken[i] = true;
                queue[tail++] = i;
            }
        }
        for (int head = 0; head < tail; head++) {
            int i = queue[head];
            int x = i % w;
            int[] next = { x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i >= w ? i - w : -1, i + w < px.length ? i + w : -1 };
            for (int n : next) {
                if (n >= 0 && !taken[n] && joins(px[n], px[i], dominant)) {
                    taken[n] = true;
                    queue[tail++] = n;
                }
            }
            if ((head & 0xffff) == 0xffff) {
                progress.report((double) head / px.length, "segmenting");
            }
        }
        return taken;
    }

    private static boolean joins(int candidate, int from, List<Integer> dominant) {
        if (Colours.alpha(candidate) < 128) {
            return true;
        }
        int toDominant = distanceToNearest(dominant, candidate);
        return toDominant < TOLERANCE * TOLERANCE
                || Colours.distance2(candidate, from) < STEP * STEP && toDominant < 9 * TOLERANCE * TOLERANCE;
    }

    /** Subject components smaller than 0.1 % of the image are noise in the backdrop: they join the background. */
    private static void dropSpecks(boolean[] background, int w, int h) {
        int minSize = Math.max(16, background.length / 1000);
        boolean[] seen = new boolean[background.length];
        int[] queue = new int[background.length];
        for (int start = 0; start < background.length; start++) {
            if (background[start] || seen[start]) {
                continue;
            }
            int tail = 0;
            queue[tail++] = start;
            seen[start] = true;
            for (int head = 0; head < tail; head++) {
                int i = queue[head];
                int x = i % w;
                int[] next = { x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i >= w ? i - w : -1, i + w < w * h ? i + w : -1 };
                for (int n : next) {
                    if (n >= 0 && !background[n] && !seen[n]) {
                        seen[n] = true;
                        queue[tail++] = n;
                    }
                }
            }
            if (tail < minSize) {
                for (int k = 0; k < tail; k++) {
                    background[queue[k]] = true;
                }
            }
        }
    }

    /** The hard matte blurred twice with a box of radius ~min(w, h) / 300: a soft edge a few pixels wide. */
    private static int[] soften(int[] hard, int w, int h) {
        int[] matte = hard;
        int r = Math.max(1, Math.round(Math.min(w, h) / 300f));
        for (int pass = 0; pass < 2; pass++) {
            matte = BoxBlur.blur(matte, w, h, r);
        }
        return matte;
    }

    /** A soft centred ellipse of subject, for images whose border does not show a backdrop. */
    private static int[] ellipse(int w, int h) {
        int[] matte = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x + 0.5 - w / 2.0) / (0.36 * w);
                double dy = (y + 0.5 - h / 2.0) / (0.44 * h);
                double d = Math.sqrt(dx * dx + dy * dy);
                matte[y * w + x] = (int) Math.round(255 * Math.max(0, Math.min(1, (d - 0.9) / 0.2)));
            }
        }
        return matte;
    }

    private static int nearest(List<Integer> colours, int pixel) {
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < colours.size(); i++) {
            int d = Colours.distance2(colours.get(i), pixel);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    private static int distanceToNearest(List<Integer> colours, int pixel) {
        int i = nearest(colours, pixel);
        return i < 0 ? Integer.MAX_VALUE : Colours.distance2(colours.get(i), pixel);
    }
}
