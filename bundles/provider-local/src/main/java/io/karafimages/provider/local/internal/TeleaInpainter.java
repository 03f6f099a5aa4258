package io.karafimages.provider.local.internal;

import java.util.Arrays;

/**
 * Classical image inpainting by the fast-marching method of A. Telea, "An Image Inpainting Technique Based on the
 * Fast Marching Method" (Journal of Graphics Tools, 2004). Not a model: it learns nothing and invents nothing; it
 * continues the colours around a hole into the hole, which removes small objects well and blurs large holes.
 *
 * <p>The hole is filled from its boundary inwards in order of arrival time T (the distance to the boundary,
 * solved with the eikonal update). Each new pixel is a weighted average, over the known pixels within
 * {@code radius}, of their values extrapolated along their local gradient; the weights favour pixels close by,
 * along the normal of the front, and on the same level set of T. Pixels outside the hole are never written.
 *
 * <p>Two choices the paper leaves open, made for stability: a filled pixel does not get a gradient by finite
 * differences of filled values (that feeds each extrapolation into the next and saturates within a few pixels);
 * it inherits the weighted mean of its contributors' gradients, slowly damped. And source gradients are clipped
 * to a few levels per pixel, so shading continues into the hole but a hard edge is not smeared across it. A
 * linear gradient is reconstructed to within about half a level. Written from the paper in plain Java;
 * stateless after construction and thread-safe.
 */
final class TeleaInpainter {
    private static final byte KNOWN = 0;
    private static final byte BAND = 1;
    private static final byte INSIDE = 2;
    private static final float FAR = 1e6f;
    private static final int NEUTRAL = Colours.rgb(128, 128, 128);
    /** Inherited gradients fade by this per generation, so shading dies out deep inside a large hole. */
    private static final double GRADIENT_DAMPING = 0.97;
    /** The steepest source gradient carried, in levels per pixel: smooth shading passes, edges do not. */
    private static final double MAX_GRADIENT = 4;

    private final int[] offsetX;
    private final int[] offsetY;
    private final double[] inverseLength;

    TeleaInpainter(int radius) {
        int count = 0;
        int[] xs = new int[(2 * radius + 1) * (2 * radius + 1)];
        int[] ys = new int[xs.length];
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                if ((dx != 0 || dy != 0) && dx * dx + dy * dy <= radius * radius) {
                    xs[count] = dx;
                    ys[count++] = dy;
                }
            }
        }
        offsetX = Arrays.copyOf(xs, count);
        offsetY = Arrays.copyOf(ys, count);
        inverseLength = new double[count];
        for (int k = 0; k < count; k++) {
            inverseLength[k] = 1 / Math.sqrt(offsetX[k] * offsetX[k] + offsetY[k] * offsetY[k]);
        }
    }

    /** A copy of the source's pixels with every {@code region} pixel filled in; the others are copied unchanged. */
    int[] inpaint(Picture source, boolean[] region, EditProgress progress) {
        return new Run(source, region, progress).fill();
    }

    /** The state of one inpainting; the arrays are as large as the image. */
    private final class Run {
        private final int w;
        private final int h;
        private final byte[] flag;
        private final float[] t;
        private final int[][] planes;
        private final double[] sums;
        private final double[] gradientSums;
        private final int[] slot;
        private final float[] gradients;
        private int slots;
        private final PixelHeap heap;
        private final int[] original;
        private final EditProgress progress;
        private int inside;

        Run(Picture source, boolean[] region, EditProgress progress) {
            this.w = source.width();
            this.h = source.height();
            this.progress = progress;
            this.original = source.argb();
            int n = source.size();
            flag = new byte[n];
            t = new float[n];
            planes = new int[source.alpha() ? 4 : 3][n];
            sums = new double[planes.length];
            gradientSums = new double[2 * planes.length];
            slot = new int[n];
            for (int i = 0; i < n; i++) {
                int p = source.argb()[i];
                planes[0][i] = Colours.red(p);
                planes[1][i] = Colours.green(p);
                planes[2][i] = Colours.blue(p);
                if (planes.length == 4) {
                    planes[3][i] = Colours.alpha(p);
                }
                if (region[i]) {
                    flag[i] = INSIDE;
                    t[i] = FAR;
                    inside++;
                }
            }
            gradients = new float[inside * 2 * planes.length];
            heap = new PixelHeap(inside + 4 * (int) Math.sqrt(inside) + 16);
        }

        int[] fill() {
            seedBand();
            int filled = 0;
            int pops = 0;
            while (!heap.isEmpty()) {
                int p = heap.pop();
                flag[p] = KNOWN;
                int x = p % w;
                int y = p / w;
                filled += visit(p - 1, x > 0) + visit(p + 1, x < w - 1) + visit(p - w, y > 0) + visit(p + w, y < h - 1);
                if (++pops % 8192 == 0) {
                    progress.report((double) filled / inside, "inpainting");
                }
            }
            progress.report(1, "inpainted");
            return pack();
        }

        /** The known pixels next to the hole form the initial front, at time 0. */
        private void seedBand() {
            for (int i = 0; i < flag.length; i++) {
                if (flag[i] == KNOWN && touchesHole(i)) {
                    flag[i] = BAND;
                    heap.push(i, 0f);
                }
            }
        }

        private boolean touchesHole(int i) {
            int x = i % w;
            int y = i / w;
            return x > 0 && flag[i - 1] == INSIDE || x < w - 1 && flag[i + 1] == INSIDE
                    || y > 0 && flag[i - w] == INSIDE || y < h - 1 && flag[i + w] == INSIDE;
        }

        /** Brings a hole pixel next to the front into the band: its arrival time, then its colour. */
        private int visit(int q, boolean inBounds) {
            if (!inBounds || flag[q] != INSIDE) {
                return 0;
            }
            int x = q % w;
            int y = q / w;
            int up = y > 0 ? q - w : -1;
            int down = y < h - 1 ? q + w : -1;
            int left = x > 0 ? q - 1 : -1;
            int right = x < w - 1 ? q + 1 : -1;
            t[q] = Math.min(Math.min(solve(up, left), solve(down, left)), Math.min(solve(up, right), solve(down, right)));
            paint(q, x, y);
            flag[q] = BAND; // only now: while painting, q's own (original) value must not feed a gradient
            heap.push(q, t[q]);
            return 1;
        }

        /** The eikonal update |grad T| = 1 from two neighbours (either may be absent or still unknown). */
        private float solve(int a, int b) {
            boolean ka = a >= 0 && flag[a] != INSIDE;
            boolean kb = b >= 0 && flag[b] != INSIDE;
            if (ka && kb) {
                float d = t[a] - t[b];
                if (d * d <= 1f) {
                    float s = (t[a] + t[b] + (float) Math.sqrt(2f - d * d)) / 2;
                    if (s >= t[a] && s >= t[b]) {
                        return s;
                    }
                }
                return 1 + Math.min(t[a], t[b]);
            }
            return ka ? 1 + t[a] : kb ? 1 + t[b] : FAR;
        }

        private void paint(int q, int qx, int qy) {
            double nx = derivative(q, 1, qx, w);
            double ny = derivative(q, w, qy, h);
            double norm = Math.sqrt(nx * nx + ny * ny);
            if (norm > 0) {
                nx /= norm;
                ny /= norm;
            }
            Arrays.fill(sums, 0);
            Arrays.fill(gradientSums, 0);
            double total = 0;
            for (int k = 0; k < offsetX.length; k++) {
                int kx = qx + offsetX[k];
                int ky = qy + offsetY[k];
                int kk = ky * w + kx;
                if (kx < 0 || ky < 0 || kx >= w || ky >= h || flag[kk] == INSIDE) {
                    continue;
                }
                double rx = -offsetX[k];
                double ry = -offsetY[k];
                double dir = Math.max(1e-6, Math.abs(rx * nx + ry * ny) * inverseLength[k]);
                double weight = dir * inverseLength[k] * inverseLength[k] / (1 + Math.abs(t[kk] - t[q]));
                total += weight;
                if (t[kk] > 0) {
                    carryFilled(kk, rx, ry, weight);
                } else {
                    carrySource(kk, kx, ky, rx, ry, weight);
                }
            }
            int base = slots++ * 2 * planes.length;
            slot[q] = base;
            for (int c = 0; c < planes.length; c++) {
                planes[c][q] = Colours.clamp((int) Math.round(sums[c] / total));
                gradients[base + 2 * c] = (float) (GRADIENT_DAMPING * gradientSums[2 * c] / total);
                gradients[base + 2 * c + 1] = (float) (GRADIENT_DAMPING * gradientSums[2 * c + 1] / total);
            }
        }

        /**
         * Adds a source pixel's value carried along its gradient over (rx, ry), as in the paper; the gradient is
         * the pixel's finite difference among source pixels.
         */
        private void carrySource(int kk, int kx, int ky, double rx, double ry, double weight) {
            boolean left = kx > 0 && t[kk - 1] == 0;
            boolean right = kx < w - 1 && t[kk + 1] == 0;
            boolean up = ky > 0 && t[kk - w] == 0;
            boolean down = ky < h - 1 && t[kk + w] == 0;
            for (int c = 0; c < planes.length; c++) {
                int[] v = planes[c];
                carry(c, v[kk], limit(difference(v, kk, 1, left, right)), limit(difference(v, kk, w, up, down)), rx, ry,
                        weight);
            }
        }

        /**
         * The same for a pixel filled earlier, with the gradient it inherited instead of a finite difference:
         * differences of filled values would feed each extrapolation into the next and grow into saturated streaks,
         * while an inherited gradient is an average of source gradients and cannot grow.
         */
        private void carryFilled(int kk, double rx, double ry, double weight) {
            int base = slot[kk];
            for (int c = 0; c < planes.length; c++) {
                carry(c, planes[c][kk], gradients[base + 2 * c], gradients[base + 2 * c + 1], rx, ry, weight);
            }
        }

        private void carry(int c, int value, double gx, double gy, double rx, double ry, double weight) {
            sums[c] += weight * (value + gx * rx + gy * ry);
            gradientSums[2 * c] += weight * gx;
            gradientSums[2 * c + 1] += weight * gy;
        }

        /** Shading is carried into the hole, edges are not: a steep gradient would saturate a few pixels in. */
        private static double limit(double gradient) {
            return Math.max(-MAX_GRADIENT, Math.min(MAX_GRADIENT, gradient));
        }

        /** Central difference where both neighbours qualify, one-sided where one does, 0 where none does. */
        private static double difference(int[] v, int i, int step, boolean lo, boolean hi) {
            return lo && hi ? (v[i + step] - v[i - step]) * 0.5 : hi ? v[i + step] - v[i] : lo ? v[i] - v[i - step] : 0;
        }

        /** The derivative of the arrival time, from the neighbours that have one. */
        private double derivative(int i, int step, int coord, int extent) {
            boolean lo = coord > 0 && flag[i - step] != INSIDE;
            boolean hi = coord < extent - 1 && flag[i + step] != INSIDE;
            return lo && hi ? (t[i + step] - t[i - step]) * 0.5 : hi ? t[i + step] - t[i] : lo ? t[i] - t[i - step] : 0;
        }

        /** Back to packed pixels; a hole with no known pixel at all (the whole image) becomes neutral grey. */
        private int[] pack() {
            int[] out = original.clone();
            for (int i = 0; i < out.length; i++) {
                if (flag[i] == INSIDE) {
                    out[i] = NEUTRAL;
                } else if (t[i] > 0) { // only hole pixels have a positive arrival time
                    int a = planes.length == 4 ? planes[3][i] : 255;
                    out[i] = Colours.argb(a, planes[0][i], planes[1][i], planes[2][i]);
                }
            }
            return out;
        }
    }
}
