package io.karafimages.provider.recraft.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.karafimages.testsupport.BombPngs;

/** Recraft's answers are decoded here: an answer is not trusted to be small (security review M2, issue 11 §2). */
class RecraftImagesTest {

    @Test
    void anAnswerOverThePixelLimitIsRefusedFromItsHeaderWithoutAllocatingItsPixels() throws Exception {
        byte[] bomb = BombPngs.black(12_000); // 144 MP, 432 MB of RGB pixels, a few hundred KB on the wire
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertEquals(Optional.empty(), RecraftImages.decode(bomb));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 16L << 20, "allocated " + allocated + " bytes");
    }

    @Test
    void anAnswerWithinTheLimitDecodes() throws Exception {
        assertEquals(64, RecraftImages.decode(BombPngs.black(64)).orElseThrow().getWidth());
    }

    @Test
    void aMaskOverThePixelLimitIsRefusedFromItsHeaderToo() {
        byte[] bomb = BombPngs.black(12_000);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertTrue(RecraftImages.binaryMask(bomb, 64, 64).isEmpty(), "an unusable mask");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 16L << 20, "allocated " + allocated + " bytes");
        assertTrue(RecraftImages.binaryMask(BombPngs.black(64), 64, 64).isPresent(), "a mask within the limit");
    }
}
