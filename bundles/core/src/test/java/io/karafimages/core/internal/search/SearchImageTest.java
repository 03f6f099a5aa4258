package io.karafimages.core.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;

class SearchImageTest {

    @Test
    void isASmallJpegWithNoMetadataSegmentsButJfif() throws IOException {
        BufferedImage big = noise(3000, 2000, BufferedImage.TYPE_INT_ARGB);
        byte[] jpeg = SearchImage.jpeg(big, 500 * 1024);
        assertTrue(jpeg.length <= 500 * 1024, "size " + jpeg.length);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(SearchImage.MAX_SIDE, Math.max(back.getWidth(), back.getHeight()));
        assertEquals(3.0 / 2.0, (double) back.getWidth() / back.getHeight(), 0.01);
        // Walk the marker segments up to the scan: only APP0 (JFIF) may appear, no APP1 (EXIF/XMP) or APP11 (C2PA).
        int at = 2;
        while ((jpeg[at + 1] & 0xff) != 0xda) {
            int marker = jpeg[at + 1] & 0xff;
            assertTrue(marker < 0xe1 || marker > 0xef, "APPn segment 0x" + Integer.toHexString(marker));
            assertTrue(marker != 0xfe, "comment segment");
            at += 2 + ((jpeg[at + 2] & 0xff) << 8 | (jpeg[at + 3] & 0xff));
        }
    }

    @Test
    void shrinksFurtherForATightLimitAndRefusesTheImpossible() {
        BufferedImage big = noise(1600, 1600, BufferedImage.TYPE_INT_RGB);
        byte[] tight = SearchImage.jpeg(big, 40 * 1024);
        assertTrue(tight.length <= 40 * 1024);
        ImagesException e = assertThrows(ImagesException.class, () -> SearchImage.jpeg(big, 200));
        assertEquals("image_too_large", e.code());
    }

    private static BufferedImage noise(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random r = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0xff000000 | r.nextInt(0xffffff));
            }
        }
        return img;
    }
}
