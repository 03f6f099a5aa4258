package io.karafimages.provider.local.internal;

import java.util.Arrays;

/**
 * A binary min-heap of pixel indices keyed by a float (the arrival time of the fast-marching method), in two
 * primitive arrays so a megapixel front costs no boxing. Ties leave in a fixed order, so results are repeatable.
 * Not thread-safe.
 */
final class PixelHeap {
    private int[] pixels;
    private float[] keys;
    private int size;

    PixelHeap(int capacity) {
        pixels = new int[Math.max(16, capacity)];
        keys = new float[pixels.length];
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(int pixel, float key) {
        if (size == pixels.length) {
            pixels = Arrays.copyOf(pixels, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(key, pixel, keys[parent], pixels[parent])) {
                break;
            }
            pixels[i] = pixels[parent];
            keys[i] = keys[parent];
            i = parent;
        }
        pixels[i] = pixel;
        keys[i] = key;
    }

    /** Removes and returns the pixel with the smallest key. */
    int pop() {
        int top = pixels[0];
        size--;
        int pixel = pixels[size];
        float key = keys[size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(keys[child + 1], pixels[child + 1], keys[child], pixels[child])) {
                child++;
            }
            if (!less(keys[child], pixels[child], key, pixel)) {
                break;
            }
            pixels[i] = pixels[child];
            keys[i] = keys[child];
            i = child;
        }
        pixels[i] = pixel;
        keys[i] = key;
        return top;
    }

    private static boolean less(float k1, int p1, float k2, int p2) {
        return k1 < k2 || k1 == k2 && p1 < p2;
    }
}
