package io.karafimages.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The one decoder: every format, the pixel limit from the header with no allocation, orientation, typed errors. */
class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

    @Test
    void decodesEveryFormat() {
        BufferedImage marked = Samples.marked(40, 24);
        for (byte[] encoded : new byte[][] { Samples.encode(marked, "png"), Samples.encode(marked, "jpeg"),
            Samples.webp(marked, false), Samples.webp(marked, true) }) {
            BufferedImage decoded = decoder.decode(encoded);
            assertEquals(40, decoded.getWidth());
            assertEquals(24, decoded.getHeight());
            assertTrue(isRed(decoded.getRGB(2, 2)), "the marker is top-left");
        }
    }

    @Test
    void aRotatedBombIsRefusedFromItsHeaderWithTheHeapUntouched() throws IOException {
        byte[] bomb = Samples.rotatedBomb(12_000); // 144 MP, 432 MB of RGB pixels
        assertTrue(bomb.length < 2_000_000, "small on the wire: " + bomb.length);
        for (Executable attempt : new Executable[] { () -> decoder.decodeUpright(bomb), () -> decoder.decode(bomb),
            () -> decoder.probe(bomb) }) {
            long allocated = allocatedBy(() -> {
                ImageException e = assertThrows(ImageException.class, attempt);
                assertEquals(ImageException.Reason.TOO_LARGE, e.reason());
                assertEquals("image_too_large", e.code());
                assertTrue(e.getMessage().contains("144000000"), e.getMessage());
            });
            assertTrue(allocated < 16L << 20, "allocated " + (allocated >> 10) + " KiB refusing a 432 MB bomb");
        }
    }

    @Test
    void theLimitIsWidthTimesHeightInclusive() {
        byte[] png = Samples.encode(Samples.marked(40, 25), "png");
        assertEquals(1000, new ImageDecoder(1000).probe(png).pixels());
        assertEquals(40, new ImageDecoder(1000).decode(png).getWidth());
        assertEquals("image_too_large", assertThrows(ImageException.class, () -> new ImageDecoder(999).decode(png))
                .code());
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(0));
    }

    @Test
    void appliesTheExifOrientation() {
        byte[] png = Samples.pngWithExif(Samples.encode(Samples.marked(60, 40), "png"), 6);
        BufferedImage stored = decoder.decode(png);
        assertEquals(60, stored.getWidth(), "decode keeps the stored layout");
        BufferedImage upright = decoder.decodeUpright(png);
        assertEquals(40, upright.getWidth(), "6 = rotate 90 degrees clockwise");
        assertEquals(60, upright.getHeight());
        assertTrue(isRed(upright.getRGB(upright.getWidth() - 2, 2)), "the top-left marker is now top-right");
        assertFalse(isRed(upright.getRGB(2, 2)));
        byte[] jpeg = Samples.jpegWithExif(Samples.encode(Samples.marked(60, 40), "jpeg"), 3);
        BufferedImage turned = decoder.decodeUpright(jpeg);
        assertEquals(60, turned.getWidth(), "3 = rotate 180 degrees");
        assertTrue(isRed(turned.getRGB(58, 38)), "the marker is now bottom-right");
        for (int o = 1; o <= 8; o++) {
            BufferedImage r = ImageDecoder.upright(Samples.marked(6, 4), o);
            assertEquals(o >= 5 ? 4 : 6, r.getWidth(), "orientation " + o);
        }
    }

    @Test
    void garbageAndDamageAreUnsupportedImages() {
        byte[] png = Samples.encode(Samples.marked(40, 24), "png");
        for (byte[] bad : new byte[][] { "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8), new byte[0],
            Arrays.copyOf(png, 30), "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1) }) {
            ImageException e = assertThrows(ImageException.class, () -> decoder.decode(bad));
            assertEquals("unsupported_image", e.code());
        }
        byte[] cut = Arrays.copyOf(png, png.length / 2); // a good header, pixels cut short
        assertEquals(40, decoder.probe(cut).width());
        assertEquals("unsupported_image", assertThrows(ImageException.class, () -> decoder.decode(cut)).code());
    }

    @Test
    void imageIoNeverSpoolsToDisk() {
        assertEquals(ImageDecoder.DEFAULT_MAX_PIXELS, decoder.maxPixels()); // the class is loaded and initialised
        assertFalse(ImageIO.getUseCache(), "security review M3: no imageio*.tmp files of decrypted images");
    }

    private static long allocatedBy(Executable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        try {
            work.execute();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        return threads.getThreadAllocatedBytes(thread) - before;
    }

    private static boolean isRed(int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        return r > 200 && g < 60 && b < 60;
    }
}
