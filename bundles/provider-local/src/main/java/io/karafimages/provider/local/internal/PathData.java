package io.karafimages.provider.local.internal;

/**
 * Writes SVG path data compactly: coordinates rounded to tenths of a pixel and kept as integers of tenths, so
 * relative commands never drift; {@code h} and {@code v} for axis-parallel lines; a repeated command letter left
 * out. Each subpath starts with an absolute {@code M} and ends with {@code z}. Not thread-safe.
 */
final class PathData {
    private final StringBuilder d = new StringBuilder();
    private long cx;
    private long cy;
    private long sx;
    private long sy;
    private char last;
    private int nodes;
    /** Where the last line began in {@code d} and the letter before it, or -1 after anything else. */
    private int lineAt = -1;
    private char beforeLine;

    void moveTo(double x, double y) {
        cx = tenths(x);
        cy = tenths(y);
        sx = cx;
        sy = cy;
        command('M');
        number(cx);
        number(cy);
        last = 0; // numbers after an M would be lines: always write the next letter
        lineAt = -1;
        nodes++;
    }

    void lineTo(double x, double y) {
        long dx = tenths(x) - cx;
        long dy = tenths(y) - cy;
        if (dx == 0 && dy == 0) {
            return;
        }
        lineAt = d.length();
        beforeLine = last;
        if (dy == 0) {
            command('h');
            number(dx);
        } else if (dx == 0) {
            command('v');
            number(dy);
        } else {
            command('l');
            number(dx);
            number(dy);
        }
        cx += dx;
        cy += dy;
        nodes++;
    }

    void cubicTo(double x1, double y1, double x2, double y2, double x, double y) {
        long ex = tenths(x) - cx;
        long ey = tenths(y) - cy;
        lineAt = -1;
        command('c');
        number(tenths(x1) - cx);
        number(tenths(y1) - cy);
        number(tenths(x2) - cx);
        number(tenths(y2) - cy);
        number(ex);
        number(ey);
        cx += ex;
        cy += ey;
        nodes++;
    }

    /** Ends the subpath; a last line back to its start is left to the {@code z}, which draws it anyway. */
    void close() {
        if (lineAt >= 0 && cx == sx && cy == sy) {
            d.setLength(lineAt);
            last = beforeLine;
            nodes--;
        }
        lineAt = -1;
        d.append('z');
        last = 0;
        cx = sx;
        cy = sy;
    }

    /** Subpath starts, lines and curves written so far. */
    int nodes() {
        return nodes;
    }

    boolean isEmpty() {
        return d.length() == 0;
    }

    @Override
    public String toString() {
        return d.toString();
    }

    private void command(char c) {
        if (c != last) {
            d.append(c);
            last = c;
        }
    }

    /** A number of tenths as a decimal: "12", "-3.5"; a space before it only where a digit would run on. */
    private void number(long tenths) {
        char previous = d.length() == 0 ? ' ' : d.charAt(d.length() - 1);
        if (tenths >= 0 && (Character.isDigit(previous) || previous == '.')) {
            d.append(' ');
        }
        if (tenths < 0) {
            d.append('-');
        }
        long abs = Math.abs(tenths);
        d.append(abs / 10);
        if (abs % 10 != 0) {
            d.append('.').append(abs % 10);
        }
    }

    private static long tenths(double v) {
        return Math.round(v * 10);
    }
}
