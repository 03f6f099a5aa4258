package io.karafimages.provider.local.internal;

import java.util.Arrays;

/**
 * The connected regions of a quantised picture: 4-connected pixels of one label (a colour or
 * {@link ColourQuantizer#TRANSPARENT}) form a region. Ids are given in raster order of each region's first pixel,
 * which {@link ContourTracer} relies on. Regions smaller than a speck threshold take the label most of their
 * neighbours have, so noise and stray fringe pixels do not become shapes of their own; a speck with no neighbour
 * (the whole picture) stays. Immutable after {@link #of}.
 */
final class RegionMap {
    private final int width;
    private final int height;
    private final int[] region;
    private final int[] first;
    private final int[] area;
    private final byte[] label;

    private RegionMap(int width, int height, int[] region, int[] first, int[] area, byte[] label) {
        this.width = width;
        this.height = height;
        this.region = region;
        this.first = first;
        this.area = area;
        this.label = label;
    }

    /**
     * The regions of {@code labels} after specks below {@code minArea} pixels joined their neighbours.
     *
     * @param labels one label per pixel; rewritten where specks are merged
     */
    static RegionMap of(byte[] labels, int width, int height, int minArea, EditProgress progress) {
        int[] region = new int[labels.length]; // shared by both passes: the first map is discarded after merging
        RegionMap raw = label(labels, width, height, region, progress.slice(0, 0.4));
        if (!raw.mergeSpecks(labels, minArea, progress.slice(0.4, 0.6))) {
            return raw;
        }
        return label(labels, width, height, region, progress.slice(0.6, 1));
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int count() {
        return first.length;
    }

    /** The region of pixel {@code x, y}, which must lie inside the picture. */
    int at(int x, int y) {
        return region[y * width + x];
    }

    /** The region's first pixel in raster order, as {@code y * width + x}. */
    int first(int id) {
        return first[id];
    }

    int area(int id) {
        return area[id];
    }

    /** The region's palette index, or {@link ColourQuantizer#TRANSPARENT}. */
    byte label(int id) {
        return label[id];
    }

    private static RegionMap label(byte[] labels, int width, int height, int[] region, EditProgress progress) {
        Arrays.fill(region, -1);
        IntList firsts = new IntList(256);
        IntList areas = new IntList(256);
        IntList stack = new IntList(1024);
        for (int start = 0; start < labels.length; start++) {
            if (region[start] >= 0) {
                continue;
            }
            if (start % (width * 64) == 0) {
                progress.report((double) start / labels.length, "finding regions");
            }
            int id = firsts.size();
            firsts.add(start);
            areas.add(fill(labels, width, height, region, start, id, stack));
        }
        byte[] label = new byte[firsts.size()];
        for (int id = 0; id < label.length; id++) {
            label[id] = labels[firsts.get(id)];
        }
        progress.report(1, "found regions");
        return new RegionMap(width, height, region, firsts.toArray(), areas.toArray(), label);
    }

    /** Gives the 4-connected pixels of {@code start}'s label the id {@code id}; answers how many there were. */
    private static int fill(byte[] labels, int width, int height, int[] region, int start, int id, IntList stack) {
        byte value = labels[start];
        int count = 0;
        region[start] = id;
        stack.add(start);
        while (!stack.isEmpty()) {
            int i = stack.pop();
            count++;
            int x = i % width;
            if (x > 0) {
                push(labels, region, i - 1, value, id, stack);
            }
            if (x < width - 1) {
                push(labels, region, i + 1, value, id, stack);
            }
            if (i >= width) {
                push(labels, region, i - width, value, id, stack);
            }
            if (i < (height - 1) * width) {
                push(labels, region, i + width, value, id, stack);
            }
        }
        return count;
    }

    private static void push(byte[] labels, int[] region, int i, byte value, int id, IntList stack) {
        if (region[i] < 0 && labels[i] == value) {
            region[i] = id;
            stack.add(i);
        }
    }

    /**
     * Relabels each speck, smallest first, with the label most common around it, reading the labels as already
     * merged so that neighbouring specks end up together. Answers whether anything changed.
     */
    private boolean mergeSpecks(byte[] labels, int minArea, EditProgress progress) {
        IntList specks = specksBySize(minArea);
        IntList pixels = new IntList(Math.max(4, minArea));
        int[] votes = new int[128];
        boolean changed = false;
        for (int s = 0; s < specks.size(); s++) {
            if ((s & 4095) == 0) {
                progress.report((double) s / specks.size(), "merging specks");
            }
            int id = specks.get(s);
            pixels.clear();
            Arrays.fill(votes, 0);
            collect(id, pixels, labels, votes);
            int best = -1;
            for (int v = 0; v < votes.length; v++) {
                best = votes[v] > 0 && (best < 0 || votes[v] > votes[best]) ? v : best;
            }
            if (best >= 0) {
                for (int p = 0; p < pixels.size(); p++) {
                    labels[pixels.get(p)] = (byte) (best - 1);
                }
                changed = true;
            }
        }
        progress.report(1, "merged specks");
        return changed;
    }

    /** The ids of regions under {@code minArea} pixels, smallest first (a counting sort: specks are small). */
    private IntList specksBySize(int minArea) {
        int[] counts = new int[minArea + 1];
        for (int a : area) {
            counts[Math.min(a, minArea)]++;
        }
        int[] start = new int[minArea + 1];
        for (int a = 1; a <= minArea; a++) {
            start[a] = start[a - 1] + counts[a - 1];
        }
        int[] order = new int[start[minArea]];
        for (int id = 0; id < area.length; id++) {
            if (area[id] < minArea) {
                order[start[area[id]]++] = id;
            }
        }
        IntList specks = new IntList(order.length);
        for (int id : order) {
            specks.add(id);
        }
        return specks;
    }

    /**
     * The region's pixels into {@code pixels}, and one vote per pixel side it shares with another region for that
     * side's current label (index label + 1, so transparent is 0).
     */
    private void collect(int id, IntList pixels, byte[] labels, int[] votes) {
        // flood fill over the region's own pixels, marked ~id while the fill runs so that each is taken once
        pixels.add(first[id]);
        region[first[id]] = ~id;
        for (int p = 0; p < pixels.size(); p++) {
            int i = pixels.get(p);
            int x = i % width;
            take(x > 0 ? i - 1 : -1, id, pixels, labels, votes);
            take(x < width - 1 ? i + 1 : -1, id, pixels, labels, votes);
            take(i - width, id, pixels, labels, votes);
            take(i + width < labels.length ? i + width : -1, id, pixels, labels, votes);
        }
        for (int p = 0; p < pixels.size(); p++) {
            region[pixels.get(p)] = id;
        }
    }

    private void take(int neighbour, int id, IntList pixels, byte[] labels, int[] votes) {
        if (neighbour < 0 || region[neighbour] == ~id) {
            return;
        }
        if (region[neighbour] == id) {
            region[neighbour] = ~id;
            pixels.add(neighbour);
        } else {
            votes[labels[neighbour] + 1]++;
        }
    }
}
