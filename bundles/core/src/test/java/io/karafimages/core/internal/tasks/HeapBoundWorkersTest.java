package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Workers are capped by the heap so that a burst of large images waits in the queue instead of exhausting it. */
class HeapBoundWorkersTest {
    private static final long MIB = 1024L * 1024L;

    @Test
    void aSmallHeapCapsTheWorkers() {
        assertEquals(10, TaskEngine.workers(50, 48, 512 * MIB), "512 MiB / 48 MiB");
        assertEquals(4, TaskEngine.workers(4, 48, 512 * MIB), "the default fits");
        assertEquals(50, TaskEngine.workers(50, 48, 4096 * MIB), "a large heap keeps them all");
    }

    @Test
    void noCapWhenDisabledOrUnbounded() {
        assertEquals(50, TaskEngine.workers(50, 0, 512 * MIB));
        assertEquals(50, TaskEngine.workers(50, 48, Long.MAX_VALUE));
    }

    @Test
    void alwaysAtLeastOne() {
        assertEquals(1, TaskEngine.workers(0, 48, 512 * MIB));
        assertEquals(1, TaskEngine.workers(8, 48, 16 * MIB));
    }
}
