package io.karafimages.provider.local.internal;

/**
 * A least-squares cubic Bézier through a run of points with fixed end points and end tangent directions: only the
 * two handle lengths are free, which makes the fit a 2x2 linear system. Points are first placed on the curve by
 * their share of the run's length; a few Newton steps then move each to its nearest curve parameter and the system
 * is solved again, keeping the best result. Handle lengths that come out non-positive or longer than the run fall
 * back to a third of the chord, which keeps the curve from looping. Not thread-safe: one fitter per tracer.
 */
final class CubicFit {
    private static final int REFITS = 3;

    private double[] u = new double[64];
    private final double[] controls = new double[4];
    private final double[] trial = new double[4];
    private int worst;

    /**
     * Fits points {@code a..b}; {@code t1} is the unit tangent leaving point a, {@code t2} the one leaving point b
     * backwards. Answers the largest distance of a point from its place on the curve.
     */
    double fit(double[] x, double[] y, int a, int b, double t1x, double t1y, double t2x, double t2y) {
        if (u.length < b - a + 1) {
            u = new double[2 * (b - a + 1)];
        }
        double arc = parameterizeByLength(x, y, a, b);
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass <= REFITS; pass++) {
            solve(x, y, a, b, t1x, t1y, t2x, t2y, arc);
            double[] error = maxError(x, y, a, b);
            if (error[0] < best) {
                best = error[0];
                worst = (int) error[1];
                System.arraycopy(trial, 0, controls, 0, 4);
            }
            if (best <= CurveFitter.CURVE_TOLERANCE || pass == REFITS) {
                break;
            }
            reparameterize(x, y, a, b);
        }
        return best;
    }

    /** The handles of the best fit: {@code x1, y1, x2, y2}. */
    double[] controls() {
        return controls.clone();
    }

    /** The point that lay farthest from the best fit, where a run that did not fit is split. */
    int worst() {
        return worst;
    }

    private double parameterizeByLength(double[] x, double[] y, int a, int b) {
        u[0] = 0;
        for (int i = a + 1; i <= b; i++) {
            u[i - a] = u[i - a - 1] + Math.hypot(x[i] - x[i - 1], y[i] - y[i - 1]);
        }
        double total = u[b - a];
        for (int i = 1; i <= b - a; i++) {
            u[i] = total == 0 ? (double) i / (b - a) : u[i] / total;
        }
        return total;
    }

    private void solve(double[] x, double[] y, int a, int b, double t1x, double t1y, double t2x, double t2y,
            double arc) {
        double c11 = 0;
        double c12 = 0;
        double c22 = 0;
        double r1 = 0;
        double r2 = 0;
        for (int i = a; i <= b; i++) {
            double t = u[i - a];
            double s = 1 - t;
            double b1 = 3 * t * s * s;
            double b2 = 3 * t * t * s;
            double ends0 = s * s * s + b1;
            double ends1 = b2 + t * t * t;
            double ax = t1x * b1;
            double ay = t1y * b1;
            double bx = t2x * b2;
            double by = t2y * b2;
            double rx = x[i] - (x[a] * ends0 + x[b] * ends1);
            double ry = y[i] - (y[a] * ends0 + y[b] * ends1);
            c11 += ax * ax + ay * ay;
            c12 += ax * bx + ay * by;
            c22 += bx * bx + by * by;
            r1 += ax * rx + ay * ry;
            r2 += bx * rx + by * ry;
        }
        double det = c11 * c22 - c12 * c12;
        double alpha1 = det == 0 ? 0 : (r1 * c22 - r2 * c12) / det;
        double alpha2 = det == 0 ? 0 : (c11 * r2 - c12 * r1) / det;
        double limit = Math.max(arc, 1e-9);
        if (!(alpha1 > 1e-3 * limit && alpha2 > 1e-3 * limit && alpha1 < limit && alpha2 < limit)) {
            double chord = Math.hypot(x[b] - x[a], y[b] - y[a]);
            alpha1 = chord / 3;
            alpha2 = chord / 3;
        }
        trial[0] = x[a] + alpha1 * t1x;
        trial[1] = y[a] + alpha1 * t1y;
        trial[2] = x[b] + alpha2 * t2x;
        trial[3] = y[b] + alpha2 * t2y;
    }

    /** {largest distance, its point's index}, over the points between the ends. */
    private double[] maxError(double[] x, double[] y, int a, int b) {
        double max = 0;
        int at = (a + b) / 2;
        for (int i = a + 1; i < b; i++) {
            double t = u[i - a];
            double d = Math.hypot(bezier(x[a], trial[0], trial[2], x[b], t) - x[i],
                    bezier(y[a], trial[1], trial[3], y[b], t) - y[i]);
            if (d > max) {
                max = d;
                at = i;
            }
        }
        return new double[] { max, at };
    }

    /** One Newton step per point towards the curve parameter nearest to it. */
    private void reparameterize(double[] x, double[] y, int a, int b) {
        for (int i = a + 1; i < b; i++) {
            double t = u[i - a];
            double dx = bezier(x[a], trial[0], trial[2], x[b], t) - x[i];
            double dy = bezier(y[a], trial[1], trial[3], y[b], t) - y[i];
            double d1x = derivative(x[a], trial[0], trial[2], x[b], t);
            double d1y = derivative(y[a], trial[1], trial[3], y[b], t);
            double d2x = second(x[a], trial[0], trial[2], x[b], t);
            double d2y = second(y[a], trial[1], trial[3], y[b], t);
            double denominator = d1x * d1x + d1y * d1y + dx * d2x + dy * d2y;
            if (denominator != 0) {
                u[i - a] = Math.max(0, Math.min(1, t - (dx * d1x + dy * d1y) / denominator));
            }
        }
    }

    private static double bezier(double p0, double p1, double p2, double p3, double t) {
        double s = 1 - t;
        return s * s * s * p0 + 3 * s * s * t * p1 + 3 * s * t * t * p2 + t * t * t * p3;
    }

    private static double derivative(double p0, double p1, double p2, double p3, double t) {
        double s = 1 - t;
        return 3 * (s * s * (p1 - p0) + 2 * s * t * (p2 - p1) + t * t * (p3 - p2));
    }

    private static double second(double p0, double p1, double p2, double p3, double t) {
        return 6 * ((1 - t) * (p2 - 2 * p1 + p0) + t * (p3 - 2 * p2 + p1));
    }
}
