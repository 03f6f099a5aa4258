package io.karafimages.provider.local.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Traces the outlines of a {@link RegionMap}'s regions along pixel edges. Each loop is walked with its region on
 * the right, so on screen (y down) an outer outline runs clockwise and a hole anticlockwise: filled with the
 * non-zero rule, holes stay open and shapes of one colour can share a path. Where a region touches itself only at a
 * corner the walk turns so as to cut that corner, keeping regions 4-connected, as {@link RegionMap} made them; no two
 * loops ever cross.
 *
 * <p>Shapes are meant to be stacked, the largest first. A hole whose inside holds only opaque regions is left out:
 * those regions are smaller and are drawn on top of it, and a filled backdrop under them hides the hairline seams
 * that two independently smoothed outlines would otherwise leave. A hole with transparent pixels somewhere inside
 * it is kept. Which hole encloses what is read during the walk: the edge left of each region's first pixel belongs
 * either to a hole of the region there (then the new region is inside that hole) or to its outer outline (then
 * both regions share one parent). Not thread-safe; one instance traces one map.
 */
final class ContourTracer {
    /** One direction per quarter turn clockwise on screen: right, down, left, up. */
    private static final int[] DX = { 1, 0, -1, 0 };
    private static final int[] DY = { 0, 1, 0, -1 };
    private static final int ROOT = -1;

    /**
     * An opaque region's outline: its first pixel ({@code y * width + x}), its palette index, the area its outer
     * outline encloses (holes included), and the corners of the outer outline and of the holes it keeps, as
     * {@code x0, y0, x1, y1, ...} in pixel-corner coordinates.
     */
    record Shape(int firstPixel, int colour, long area, int[] outer, List<int[]> holes) {
    }

    private final RegionMap map;
    private final int width;
    private final int height;
    private final long[] visitedTop;
    private final int[] enclosing;
    private final int[] outerLoop;
    private final IntList loopOwner = new IntList(256);
    private final List<int[]> loopCorners = new ArrayList<>();

    private ContourTracer(RegionMap map) {
        this.map = map;
        this.width = map.width();
        this.height = map.height();
        this.visitedTop = new long[(width * height + 63) / 64];
        this.enclosing = new int[map.count()];
        this.outerLoop = new int[map.count()];
        Arrays.fill(enclosing, ROOT);
        Arrays.fill(outerLoop, ROOT);
    }

    /** The opaque regions' shapes, in region order. */
    static List<Shape> trace(RegionMap map, EditProgress progress) {
        ContourTracer tracer = new ContourTracer(map);
        tracer.traceAll(progress);
        return tracer.shapes();
    }

    private void traceAll(EditProgress progress) {
        for (int y = 0; y < height; y++) {
            if ((y & 31) == 0) {
                progress.report((double) y / height, "tracing outlines");
            }
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int r = map.at(x, y);
                boolean boundary = y == 0 || map.at(x, y - 1) != r;
                if (boundary && (visitedTop[i >>> 6] & 1L << i) == 0) {
                    traceLoop(x, y, r);
                }
            }
        }
        progress.report(1, "traced outlines");
    }

    /**
     * Walks one loop from the top edge of pixel {@code sx, sy}, keeping the corners where it turns. The first loop
     * found for a region is its outer outline: its first pixel in raster order is met before any other of its
     * pixels, and nothing of the region lies above that pixel's top edge.
     */
    private void traceLoop(int sx, int sy, int r) {
        int loop = loopCorners.size();
        IntList corners = new IntList(16);
        corners.add(sx);
        corners.add(sy);
        int vx = sx;
        int vy = sy;
        int d = 0;
        while (true) {
            if (d == 0) {
                int i = vy * width + vx;
                visitedTop[i >>> 6] |= 1L << i;
            } else if (d == 1 && vx < width) {
                int other = map.at(vx, vy);
                if (map.first(other) == vy * width + vx) {
                    enclosing[other] = loop;
                }
            }
            vx += DX[d];
            vy += DY[d];
            int next = turn(vx, vy, d, r);
            if (vx == sx && vy == sy && next == 0) {
                break;
            }
            if (next != d) {
                corners.add(vx);
                corners.add(vy);
            }
            d = next;
        }
        int[] points = corners.toArray();
        loopCorners.add(points);
        loopOwner.add(r);
        if (outerLoop[r] == ROOT) {
            outerLoop[r] = loop;
        }
    }

    /**
     * The direction after vertex {@code vx, vy}, reached going {@code d}, from the two pixels ahead: the region
     * must stay on the right. Where only the pixel ahead on the left belongs to it (a diagonal touch) the walk
     * turns right and cuts the corner.
     */
    private int turn(int vx, int vy, int d, int r) {
        boolean aheadLeft;
        boolean aheadRight;
        switch (d) {
            case 0 -> {
                aheadLeft = in(vx, vy - 1, r);
                aheadRight = in(vx, vy, r);
            }
            case 1 -> {
                aheadLeft = in(vx, vy, r);
                aheadRight = in(vx - 1, vy, r);
            }
            case 2 -> {
                aheadLeft = in(vx - 1, vy, r);
                aheadRight = in(vx - 1, vy - 1, r);
            }
            default -> {
                aheadLeft = in(vx - 1, vy - 1, r);
                aheadRight = in(vx, vy - 1, r);
            }
        }
        if (!aheadRight) {
            return (d + 1) & 3;
        }
        return aheadLeft ? (d + 3) & 3 : d;
    }

    private boolean in(int x, int y, int r) {
        return x >= 0 && y >= 0 && x < width && y < height && map.at(x, y) == r;
    }

    /** Twice the signed area (shoelace): positive for an outer outline, negative for a hole. */
    private static long doubledArea(int[] corners) {
        long sum = 0;
        int n = corners.length;
        for (int i = 0; i < n; i += 2) {
            int j = (i + 2) % n;
            sum += (long) corners[i] * corners[j + 1] - (long) corners[j] * corners[i + 1];
        }
        return sum;
    }

    private List<Shape> shapes() {
        boolean[] keep = holesAroundTransparency();
        List<List<int[]>> holes = new ArrayList<>(map.count());
        for (int r = 0; r < map.count(); r++) {
            holes.add(List.of());
        }
        for (int loop = 0; loop < loopCorners.size(); loop++) {
            if (keep[loop]) {
                int owner = loopOwner.get(loop);
                if (holes.get(owner).isEmpty()) {
                    holes.set(owner, new ArrayList<>());
                }
                holes.get(owner).add(loopCorners.get(loop));
            }
        }
        List<Shape> shapes = new ArrayList<>();
        for (int r = 0; r < map.count(); r++) {
            if (map.label(r) != ColourQuantizer.TRANSPARENT) {
                int outer = outerLoop[r];
                int[] corners = loopCorners.get(outer);
                shapes.add(new Shape(map.first(r), map.label(r), doubledArea(corners) / 2, corners, holes.get(r)));
            }
        }
        return shapes;
    }

    /** Marks the holes that have a transparent region somewhere inside them, however deeply nested. */
    private boolean[] holesAroundTransparency() {
        boolean[] keep = new boolean[loopCorners.size()];
        int[] parent = new int[map.count()];
        for (int r = 0; r < map.count(); r++) {
            int loop = enclosing[r];
            if (map.first(r) % width == 0 || loop == ROOT) {
                parent[r] = ROOT; // touches the left border: inside no hole
            } else {
                parent[r] = isHole(loop) ? loop : parent[loopOwner.get(loop)]; // that owner's id is lower: done
            }
        }
        for (int r = 0; r < map.count(); r++) {
            if (map.label(r) == ColourQuantizer.TRANSPARENT) {
                for (int loop = parent[r]; loop != ROOT && !keep[loop]; loop = parent[loopOwner.get(loop)]) {
                    keep[loop] = true;
                }
            }
        }
        return keep;
    }

    private boolean isHole(int loop) {
        return outerLoop[loopOwner.get(loop)] != loop;
    }
}
