package io.karafimages.provider.local.internal;

import java.util.Arrays;

/**
 * Turns a traced pixel outline into lines and cubic Béziers. The staircase is smoothed by following the midpoints
 * of its edges, which lie on the straight or curved boundary the pixels sample. A pixel corner is kept sharp where
 * the outline runs straight for two pixels or more on both sides of it (a real corner, not a step of a slanted
 * edge), where it squares off the end of a one-pixel-wide line, or where it meets the picture's border. Further
 * corners are found where the smoothed outline turns by more than 60 degrees within a few pixels. Between corners
 * the points are fitted recursively, Douglas-Peucker style: a straight line when every point lies within half a
 * pixel of it, else a least-squares cubic with its end tangents fixed when all points lie within
 * {@value #CURVE_TOLERANCE} px and it turns by no more than about 100 degrees, else the run is split at its worst
 * point (with one tangent for both halves, so the curve stays smooth there) and each half fitted again. Outlines
 * of at most 8 pixel edges (a speck, a 2x2 square) are written as their exact pixel polygon. Not thread-safe.
 */
final class CurveFitter {
    static final double LINE_TOLERANCE = 0.5;
    static final double CURVE_TOLERANCE = 0.6;
    /** Cosine of the largest turn one cubic may make between its ends, about 100 degrees; more is split first. */
    private static final double MAX_TURN_COS = -0.17;
    /** Cosine of the turn above which the outline has a corner: 60 degrees. */
    private static final double CORNER_COS = 0.5;
    /** How far either side of a point the turn is measured, in pixels. */
    private static final double CORNER_REACH = 3;
    /** Sample spacing along the smoothed outline, so curves are held between far-apart midpoints too. */
    private static final double SPACING = 2;
    private static final int SMALL_PERIMETER = 8;
    private static final int MAX_DEPTH = 24;

    private final int width;
    private final int height;
    private final CubicFit cubic = new CubicFit();
    private double[] px = new double[64];
    private double[] py = new double[64];
    private boolean[] corner = new boolean[64];
    private int n;

    CurveFitter(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** Writes one closed outline ({@code x0, y0, x1, y1, ...} pixel corners) as a subpath of {@code out}. */
    void fit(int[] corners, PathData out) {
        if (perimeter(corners) <= SMALL_PERIMETER) {
            out.moveTo(corners[0], corners[1]);
            for (int i = 2; i < corners.length; i += 2) {
                out.lineTo(corners[i], corners[i + 1]);
            }
            out.close();
            return;
        }
        smooth(corners);
        markTurns();
        int firstCorner = -1;
        for (int i = 0; i < n && firstCorner < 0; i++) {
            firstCorner = corner[i] ? i : -1;
        }
        if (firstCorner < 0) {
            fitSmoothLoop(out);
        } else {
            fitBetweenCorners(firstCorner, out);
        }
        out.close();
    }

    private static long perimeter(int[] c) {
        long sum = 0;
        for (int i = 0; i < c.length; i += 2) {
            int j = (i + 2) % c.length;
            sum += Math.abs(c[j] - c[i]) + Math.abs(c[j + 1] - c[i + 1]);
        }
        return sum;
    }

    /** The smoothed, resampled outline: kept corners and edge midpoints, at most {@link #SPACING} apart. */
    private void smooth(int[] c) {
        int m = c.length / 2;
        n = 0;
        double lastX = 0;
        double lastY = 0;
        for (int i = 0; i < m; i++) {
            int prev = (i + m - 1) % m;
            int next = (i + 1) % m;
            if (keepsCorner(c, prev, i, next, m)) {
                addResampled(c[2 * i], c[2 * i + 1], true, lastX, lastY, i > 0);
                lastX = c[2 * i];
                lastY = c[2 * i + 1];
            }
            double mx = (c[2 * i] + c[2 * next]) / 2.0;
            double my = (c[2 * i + 1] + c[2 * next + 1]) / 2.0;
            addResampled(mx, my, false, lastX, lastY, n > 0);
            lastX = mx;
            lastY = my;
        }
        addResampled(px[0], py[0], false, lastX, lastY, true); // the closing stretch, without the start again
        n--;
    }

    /** Adds points along the straight stretch from the last point, then the point itself. */
    private void addResampled(double x, double y, boolean isCorner, double fromX, double fromY, boolean hasFrom) {
        if (hasFrom) {
            double length = Math.hypot(x - fromX, y - fromY);
            int steps = (int) Math.ceil(length / SPACING);
            for (int s = 1; s < steps; s++) {
                add(fromX + (x - fromX) * s / steps, fromY + (y - fromY) * s / steps, false);
            }
        }
        add(x, y, isCorner);
    }

    private void add(double x, double y, boolean isCorner) {
        if (n == px.length) {
            px = Arrays.copyOf(px, n * 2);
            py = Arrays.copyOf(py, n * 2);
            corner = Arrays.copyOf(corner, n * 2);
        }
        px[n] = x;
        py[n] = y;
        corner[n++] = isCorner;
    }

    /**
     * A pixel corner is a real corner on the picture's border; with two or more pixels straight on both sides,
     * unless it is a step of a regular staircase (turning against both neighbouring corners, with two-pixel runs);
     * or at the square end of a one-pixel-wide line.
     */
    private boolean keepsCorner(int[] c, int prev, int i, int next, int m) {
        int x = c[2 * i];
        int y = c[2 * i + 1];
        if (x == 0 || y == 0 || x == width || y == height) {
            return true;
        }
        int in = Math.abs(x - c[2 * prev]) + Math.abs(y - c[2 * prev + 1]);
        int out = Math.abs(c[2 * next] - x) + Math.abs(c[2 * next + 1] - y);
        if (in < 2 && out < 2) {
            return false;
        }
        int turn = turn(c, prev, i, next);
        if (out == 1 || in == 1) {
            return capCorner(c, prev, i, next, m, in, turn);
        }
        return in > 2 || out > 2 || turn == turn(c, (prev + m - 1) % m, prev, i)
                || turn == turn(c, i, next, (next + 1) % m);
    }

    /**
     * Whether a corner next to a one-pixel edge is one end of the square cap (or notch) of a one-pixel-wide line:
     * two turns the same way around that edge, with longer runs outside, kept so that the line keeps its width.
     */
    private static boolean capCorner(int[] c, int prev, int i, int next, int m, int in, int turn) {
        int other = in == 1 ? prev : next;
        int beyond = in == 1 ? (prev + m - 1) % m : (next + 1) % m;
        int run = Math.abs(c[2 * beyond] - c[2 * other]) + Math.abs(c[2 * beyond + 1] - c[2 * other + 1]);
        int otherTurn = in == 1 ? turn(c, beyond, prev, i) : turn(c, i, next, beyond);
        return run >= 2 && otherTurn == turn;
    }

    private static int turn(int[] c, int a, int b, int d) {
        long cross = (long) (c[2 * b] - c[2 * a]) * (c[2 * d + 1] - c[2 * b + 1])
                - (long) (c[2 * b + 1] - c[2 * a + 1]) * (c[2 * d] - c[2 * b]);
        return Long.signum(cross);
    }

    /** Marks points where the outline turns sharply, at the sharpest point of each turn. */
    private void markTurns() {
        double[] cos = new double[n];
        for (int i = 0; i < n; i++) {
            cos[i] = corner[i] ? -1 : turnCosine(i);
        }
        for (int i = 0; i < n; i++) {
            double before = cos[(i + n - 1) % n];
            double after = cos[(i + 1) % n];
            if (!corner[i] && cos[i] < CORNER_COS && cos[i] <= before && cos[i] < after) {
                corner[i] = true;
            }
        }
    }

    private double turnCosine(int i) {
        int back = reach(i, -1);
        int ahead = reach(i, 1);
        double ux = px[i] - px[back];
        double uy = py[i] - py[back];
        double vx = px[ahead] - px[i];
        double vy = py[ahead] - py[i];
        double norm = Math.hypot(ux, uy) * Math.hypot(vx, vy);
        return norm == 0 ? 1 : (ux * vx + uy * vy) / norm;
    }

    /** The first point {@link #CORNER_REACH} away from {@code i} in direction {@code step}, or a corner before it. */
    private int reach(int i, int step) {
        int j = i;
        for (int k = 1; k < n / 2; k++) {
            j = (i + step * k + n) % n;
            if (corner[j] || Math.hypot(px[j] - px[i], py[j] - py[i]) >= CORNER_REACH) {
                break;
            }
        }
        return j;
    }

    /** A loop with no corner: two smooth halves, split at the start and at the point farthest from it. */
    private void fitSmoothLoop(PathData out) {
        int far = 0;
        double best = -1;
        for (int i = 0; i < n; i++) {
            double d = Math.hypot(px[i] - px[0], py[i] - py[0]);
            if (d > best) {
                best = d;
                far = i;
            }
        }
        double[] t0 = tangentAround(0);
        double[] tf = tangentAround(far);
        out.moveTo(px[0], py[0]);
        OutlineRun first = OutlineRun.of(px, py, 0, far, n);
        fitRun(first, 0, first.last(), t0[0], t0[1], -tf[0], -tf[1], 0, out);
        OutlineRun second = OutlineRun.of(px, py, far, n, n);
        fitRun(second, 0, second.last(), tf[0], tf[1], -t0[0], -t0[1], 0, out);
    }

    /** Each stretch from one corner to the next, with tangents taken from the stretch itself. */
    private void fitBetweenCorners(int start, PathData out) {
        out.moveTo(px[start], py[start]);
        int from = start;
        do {
            int to = from + 1;
            while (!corner[to % n]) {
                to++;
            }
            OutlineRun run = OutlineRun.of(px, py, from, to, n);
            double[] t1 = run.tangent(0, 1);
            double[] t2 = run.tangent(run.last(), -1);
            fitRun(run, 0, run.last(), t1[0], t1[1], t2[0], t2[1], 0, out);
            from = to % n;
        } while (from != start);
    }

    /**
     * Fits points {@code a..b} of the run; {@code t1} points from a into the curve, {@code t2} from b back into it.
     */
    private void fitRun(OutlineRun run, int a, int b, double t1x, double t1y, double t2x, double t2y, int depth,
            PathData out) {
        if (b - a < 2 || run.maxDistanceToChord(a, b) <= LINE_TOLERANCE) {
            out.lineTo(run.x[b], run.y[b]);
            return;
        }
        int split;
        if (-(t1x * t2x + t1y * t2y) >= MAX_TURN_COS) {
            double error = cubic.fit(run.x, run.y, a, b, t1x, t1y, t2x, t2y);
            if (error <= CURVE_TOLERANCE) {
                double[] c = cubic.controls();
                out.cubicTo(c[0], c[1], c[2], c[3], run.x[b], run.y[b]);
                return;
            }
            split = cubic.worst();
        } else {
            split = run.farthestFromChord(a, b); // one cubic turning this far bulges: halve first
        }
        if (depth >= MAX_DEPTH) {
            for (int i = a + 1; i <= b; i++) {
                out.lineTo(run.x[i], run.y[i]);
            }
            return;
        }
        split = Math.max(a + 1, Math.min(b - 1, split));
        double[] t = run.tangent(split, 0);
        fitRun(run, a, split, t1x, t1y, -t[0], -t[1], depth + 1, out);
        fitRun(run, split, b, t[0], t[1], t2x, t2y, depth + 1, out);
    }

    private double[] tangentAround(int i) {
        return OutlineRun.of(px, py, i - 2 + n, i + 2 + n, n).tangent(2, 0);
    }
}
