package io.karafimages.core.internal.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;

/**
 * Uploaded masks (as the pipeline decodes them: packed RGB or ARGB) in the runtime's convention: white/opaque =
 * edit, black/transparent = keep, scaled to the image when the aspect ratios match.
 */
class UploadedMaskTest {
    private static final double TOLERANCE = 0.01;

    /** A {@code background} image with a {@code fill} rectangle over its left half. */
    private static BufferedImage leftHalf(int w, int h, int type, Color background, Color fill) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setComposite(java.awt.AlphaComposite.Src);
        g.setColor(background);
        g.fillRect(0, 0, w, h);
        g.setColor(fill);
        g.fillRect(0, 0, w / 2, h);
        g.dispose();
        return img;
    }

    private static int at(GrayMask m, int x, int y) {
        return m.gray()[y * m.width() + x] & 0xff;
    }

    @Test
    void anOpaqueMaskIsReadByItsLuminance() {
        GrayMask m = UploadedMask.toGray(leftHalf(100, 50, BufferedImage.TYPE_INT_RGB, Color.BLACK, Color.WHITE),
                100, 50, TOLERANCE, 0);
        assertEquals(0.5, m.coverage(), 1e-9);
        assertEquals(255, at(m, 10, 10));
        assertEquals(0, at(m, 90, 10));

        GrayMask red = UploadedMask.toGray(leftHalf(100, 50, BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.RED),
                100, 50, TOLERANCE, 0);
        assertEquals(76, at(red, 10, 10), "pure red is dark (0.299): not an edit");
        assertEquals(0.5, red.coverage(), 1e-9);

        GrayMask opaqueArgb = UploadedMask.toGray(leftHalf(100, 50, BufferedImage.TYPE_INT_ARGB, Color.BLACK,
                Color.WHITE), 100, 50, TOLERANCE, 0);
        assertEquals(0.5, opaqueArgb.coverage(), 1e-9, "an alpha channel that is all opaque reads like RGB");
    }

    @Test
    void aMaskWithTransparencyEditsOnlyWhiteOpaquePixels() {
        Color clearWhite = new Color(255, 255, 255, 0);
        GrayMask m = UploadedMask.toGray(leftHalf(100, 50, BufferedImage.TYPE_INT_ARGB, clearWhite, Color.WHITE),
                100, 50, TOLERANCE, 0);
        assertEquals(0.5, m.coverage(), 1e-9, "transparent white is kept");
        assertEquals(0, at(m, 90, 10));
        assertEquals(255, at(m, 10, 10));

        Color halfWhite = new Color(255, 255, 255, 128);
        GrayMask half = UploadedMask.toGray(leftHalf(100, 50, BufferedImage.TYPE_INT_ARGB, clearWhite, halfWhite),
                100, 50, TOLERANCE, 0);
        assertEquals(128, at(half, 10, 10));
    }

    @Test
    void aMaskOfTheSameRatioIsScaledToTheImage() {
        GrayMask m = UploadedMask.toGray(leftHalf(50, 25, BufferedImage.TYPE_INT_RGB, Color.BLACK, Color.WHITE),
                200, 100, TOLERANCE, 0);
        assertEquals(200, m.width());
        assertEquals(100, m.height());
        assertEquals(0.5, m.coverage(), 0.02);
        assertEquals(255, at(m, 20, 50));
        assertEquals(0, at(m, 180, 50));

        GrayMask nearly = UploadedMask.toGray(leftHalf(201, 100, BufferedImage.TYPE_INT_RGB, Color.BLACK,
                Color.WHITE), 200, 100, TOLERANCE, 0);
        assertEquals(200, nearly.width(), "a rounding difference of the ratio is accepted");
    }

    @Test
    void anotherAspectRatioIsMaskSizeMismatch() {
        ImagesException e = assertThrows(ImagesException.class, () -> UploadedMask.toGray(
                leftHalf(100, 100, BufferedImage.TYPE_INT_RGB, Color.BLACK, Color.WHITE), 200, 100, TOLERANCE, 0));
        assertEquals("mask_size_mismatch", e.code());
        assertEquals(400, e.httpStatus());
        assertTrue(e.getMessage().contains("100x100") && e.getMessage().contains("200x100"), e.getMessage());
        assertThrows(ImagesException.class, () -> UploadedMask.checkRatio(300, 200, 200, 300, TOLERANCE),
                "a portrait mask for a landscape image");
        UploadedMask.checkRatio(1000, 750, 400, 300, TOLERANCE);
    }

    @Test
    void aMaskWithoutWhiteOrOpaquePixelsIsMaskEmpty() {
        ImagesException black = assertThrows(ImagesException.class, () -> UploadedMask.toGray(
                leftHalf(40, 20, BufferedImage.TYPE_INT_RGB, Color.BLACK, Color.DARK_GRAY), 40, 20, TOLERANCE, 0));
        assertEquals("mask_empty", black.code());
        assertEquals(400, black.httpStatus());
        Color clear = new Color(255, 255, 255, 0);
        assertEquals("mask_empty", assertThrows(ImagesException.class, () -> UploadedMask.toGray(
                leftHalf(40, 20, BufferedImage.TYPE_INT_ARGB, clear, clear), 40, 20, TOLERANCE, 0)).code());
    }

    @Test
    void featherSoftensAnUploadedMaskToo() {
        GrayMask m = UploadedMask.toGray(leftHalf(100, 50, BufferedImage.TYPE_INT_RGB, Color.BLACK, Color.WHITE),
                100, 50, TOLERANCE, 6);
        int edge = at(m, 50, 25);
        assertTrue(edge > 0 && edge < 255, "edge " + edge);
        assertEquals(255, at(m, 10, 25));
        assertEquals(0, at(m, 90, 25));
    }
}
