package io.karafimages.provider.local.internal;

/**
 * A stretch of a closed smoothed outline, copied out so that it runs from index 0 to {@link #last()} even where it
 * wraps past the outline's start. Immutable by convention.
 */
final class OutlineRun {
    /** Tangents aim at the first point at least this far away, so one rounded midpoint does not tilt them. */
    private static final double TANGENT_REACH = 1.5;

    final double[] x;
    final double[] y;

    private OutlineRun(double[] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    /** Points {@code from..to} (inclusive, {@code to >= from}) of an outline of {@code n} points, indices mod n. */
    static OutlineRun of(double[] px, double[] py, int from, int to, int n) {
        double[] x = new double[to - from + 1];
        double[] y = new double[x.length];
        for (int i = from; i <= to; i++) {
            x[i - from] = px[i % n];
            y[i - from] = py[i % n];
        }
        return new OutlineRun(x, y);
    }

    int last() {
        return x.length - 1;
    }

    /**
     * The unit tangent at point {@code i}: towards the points after it ({@code direction} 1), towards the points
     * before it (-1), or along the run through it (0).
     */
    double[] tangent(int i, int direction) {
        int ahead = direction < 0 ? i : reach(i, 1);
        int behind = direction > 0 ? i : reach(i, -1);
        double dx = x[ahead] - x[behind];
        double dy = y[ahead] - y[behind];
        double length = Math.hypot(dx, dy);
        if (length == 0) {
            return new double[] { 1, 0 };
        }
        double sign = direction < 0 ? -1 : 1;
        return new double[] { sign * dx / length, sign * dy / length };
    }

    private int reach(int i, int step) {
        int j = i;
        while (j + step >= 0 && j + step <= last()) {
            j += step;
            if (Math.hypot(x[j] - x[i], y[j] - y[i]) >= TANGENT_REACH) {
                break;
            }
        }
        return j;
    }

    /** The largest distance of a point strictly between {@code a} and {@code b} from the segment joining them. */
    double maxDistanceToChord(int a, int b) {
        double worst = 0;
        for (int i = a + 1; i < b; i++) {
            worst = Math.max(worst, distanceToChord(a, b, i));
        }
        return worst;
    }

    private double distanceToChord(int a, int b, int i) {
        double dx = x[b] - x[a];
        double dy = y[b] - y[a];
        double length2 = dx * dx + dy * dy;
        double t = length2 == 0 ? 0 : ((x[i] - x[a]) * dx + (y[i] - y[a]) * dy) / length2;
        t = Math.max(0, Math.min(1, t));
        return Math.hypot(x[i] - x[a] - t * dx, y[i] - y[a] - t * dy);
    }

    /** The point strictly between {@code a} and {@code b} farthest from the segment joining them. */
    int farthestFromChord(int a, int b) {
        int at = (a + b) / 2;
        double worst = -1;
        for (int i = a + 1; i < b; i++) {
            double d = distanceToChord(a, b, i);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        return at;
    }
}
