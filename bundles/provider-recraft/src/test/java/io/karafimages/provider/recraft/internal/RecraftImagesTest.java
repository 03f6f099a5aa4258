package io.karafimages.provider.recraft.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.junit.jupiter.api.Test;

import io.karafimages.imaging.PngChunks;

/** Recraft's answers are decoded here: an answer is not trusted to be small (security review M2, issue 11 §2). */
class RecraftImagesTest {

    @Test
    void anAnswerOverThePixelLimitIsRefusedFromItsHeaderWithoutAllocatingItsPixels() throws Exception {
        byte[] bomb = blackPng(12_000); // 144 MP, 432 MB of RGB pixels, a few hundred KB on the wire
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertEquals(Optional.empty(), RecraftImages.decode(bomb));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 16L << 20, "allocated " + allocated + " bytes");
    }

    @Test
    void anAnswerWithinTheLimitDecodes() throws Exception {
        assertEquals(64, RecraftImages.decode(blackPng(64)).orElseThrow().getWidth());
    }

    private static byte[] blackPng(int side) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(PngChunks.signature());
        byte[] ihdr = { 0, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 0, 0 };
        for (int i = 0; i < 4; i++) {
            ihdr[i] = (byte) (side >>> (24 - 8 * i));
            ihdr[4 + i] = ihdr[i];
        }
        PngChunks.write(png, "IHDR", ihdr);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[1 + side * 3];
            for (int y = 0; y < side; y++) {
                z.write(row);
            }
        }
        PngChunks.write(png, "IDAT", idat.toByteArray());
        PngChunks.write(png, "IEND", new byte[0]);
        return png.toByteArray();
    }
}
