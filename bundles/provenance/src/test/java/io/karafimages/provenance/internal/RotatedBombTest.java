package io.karafimages.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.api.ImagesException;
import io.karafimages.imaging.ImageDecoder;
import io.karafimages.testsupport.BombPngs;

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
        byte[] bomb = BombPngs.black(8_000, 6); // 64 MP: over the shipped 40 MP
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
        byte[] small = BombPngs.black(40, 6); // 1600 pixels
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
}
