package io.karafimages.provider.local.internal;

import java.util.Arrays;

/**
 * A growable list of ints without boxing, for the tracer's flood-fill stacks and outline corners, which reach
 * millions of entries on a large picture. Not thread-safe.
 */
final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) {
        values = new int[Math.max(4, capacity)];
    }

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int get(int index) {
        return values[index];
    }

    /** Removes and returns the last value (the list used as a stack). */
    int pop() {
        return values[--size];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
