package io.karafimages.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.api.ImagesException;
import io.karafimages.imaging.ImageDecoder;
import io.karafimages.imaging.PngChunks;

/**
 * Security review M2 at the provenance hook itself: sanitizing an EXIF-rotated PNG decodes it to turn it upright,
 * which used to happen with no pixel limit at all. Now the hook's decoder refuses it from the header with the
 * pipeline's limit ({@code images.pipeline} {@code max.pixels}, read by {@link PixelLimit}), as
 * {@code image_too_large}, allocating nothing like the image.
 */
class RotatedBombTest {
    @TempDir
    Path dir;

    @Test
    void sanitizeRefusesARotatedImageOverThePipelineLimitFromItsHeader() throws IOException {
        SigningIdentity identity = new SigningIdentity(
                Configs.of(SigningIdentity.Config.class, Map.of("directory", dir.resolve("identity").toString())));
        byte[] bomb = rotatedPng(8_000); // 64 MP: over the shipped 40 MP
        AiProvenance shipped = new AiProvenance(Configs.of(AiProvenance.Config.class, Map.of()), identity);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        ImagesException e = assertThrows(ImagesException.class, () -> shipped.sanitize(bomb, "image/png"));
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals("image_too_large", e.code(), e::getMessage);
        assertTrue(allocated < 16L << 20, "allocated " + (allocated >> 20) + " MiB refusing a 192 MB bomb");

        AiProvenance strict = new AiProvenance(Configs.of(AiProvenance.Config.class, Map.of()), identity,
                new PixelLimit(Map.of("max.pixels", "1000")));
        byte[] small = rotatedPng(40); // 1600 pixels
        assertEquals("image_too_large", assertThrows(ImagesException.class,
                () -> strict.sanitize(small, "image/png")).code(), "the configured limit, not the shipped one");
        AiProvenance roomy = new AiProvenance(Configs.of(AiProvenance.Config.class, Map.of()), identity,
                new PixelLimit(Map.of("max.pixels", 2000L)));
        assertTrue(roomy.sanitize(small, "image/png").length > 0, "within the limit: turned upright");
    }

    @Test
    void theLimitIsThePipelinesSetting() {
        assertEquals(ImageDecoder.DEFAULT_MAX_PIXELS, new PixelLimit(Map.of()).maxPixels(), "not configured");
        assertEquals(1234L, new PixelLimit(Map.of("max.pixels", " 1234 ")).maxPixels(), "from a .cfg file: text");
        assertEquals(99L, new PixelLimit(Map.of("max.pixels", 99)).maxPixels());
        assertEquals(ImageDecoder.DEFAULT_MAX_PIXELS, new PixelLimit(Map.of("max.pixels", "lots")).maxPixels());
    }

    /** A valid side x side black RGB PNG with an eXIf chunk saying orientation 6 (rotate 90). */
    private static byte[] rotatedPng(int side) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(PngChunks.signature());
        byte[] ihdr = { (byte) (side >>> 24), (byte) (side >>> 16), (byte) (side >>> 8), (byte) side,
            (byte) (side >>> 24), (byte) (side >>> 16), (byte) (side >>> 8), (byte) side, 8, 2, 0, 0, 0 };
        PngChunks.write(png, "IHDR", ihdr);
        PngChunks.write(png, "eXIf", new byte[] { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0,
            6, 0, 0, 0, 0, 0, 0, 0, 0 });
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
