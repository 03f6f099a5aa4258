package io.karafimages.core.internal.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.skill.Mask;
import io.karafimages.spi.skill.MaskRef;
import io.karafimages.spi.skill.MaskShape;

/** Shapes in fractions of the image become an 8-bit gray mask at the image's size, 255 = edit. */
class MaskRasterizerTest {

    private static int at(Mask m, int x, int y) {
        return m.gray()[y * m.width() + x] & 0xff;
    }

    private static void assertOnlyHardValues(Mask m) {
        for (byte b : m.gray()) {
            int v = b & 0xff;
            assertTrue(v == 0 || v == 255, "an unfeathered mask has only 0 and 255, found " + v);
        }
    }

    private static ImagesException refused(String code, List<MaskShape> shapes) {
        ImagesException e = assertThrows(ImagesException.class, () -> MaskRasterizer.draw(shapes, 0, 100, 100));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(400, e.httpStatus());
        return e;
    }

    @Test
    void aRectangleCoversItsFractionOfTheImageExactly() {
        GrayMask m = MaskRasterizer.draw(List.of(MaskShape.rect(0.25, 0.25, 0.5, 0.5)), 0, 200, 100);
        assertEquals(200, m.width());
        assertEquals(100, m.height());
        assertEquals(200 * 100, m.gray().length);
        assertEquals(0.25, m.coverage(), 1e-9);
        assertOnlyHardValues(m);
        assertEquals(255, at(m, 50, 25));
        assertEquals(255, at(m, 149, 74));
        assertEquals(0, at(m, 49, 25));
        assertEquals(0, at(m, 150, 74));
        assertEquals(0, at(m, 100, 75));
    }

    @Test
    void ellipsePolygonAndStrokeCoverAboutTheirArea() {
        GrayMask ellipse = MaskRasterizer.draw(List.of(MaskShape.ellipse(0, 0, 1, 1)), 0, 400, 400);
        assertEquals(Math.PI / 4, ellipse.coverage(), 0.01);
        assertOnlyHardValues(ellipse);

        GrayMask triangle = MaskRasterizer.draw(List.of(MaskShape.polygon(List.of(List.of(0.0, 0.0),
                List.of(1.0, 0.0), List.of(0.0, 1.0)))), 0, 400, 400);
        assertEquals(0.5, triangle.coverage(), 0.01);
        assertEquals(255, at(triangle, 10, 10));
        assertEquals(0, at(triangle, 390, 390));

        // a horizontal stroke across the middle, 10 % of the shorter side wide: about a 0.1-high band
        GrayMask stroke = MaskRasterizer.draw(List.of(MaskShape.stroke(List.of(List.of(0.1, 0.5), List.of(0.9, 0.5)),
                0.1)), 0, 400, 200);
        assertEquals(0.8 * 20 * 400 / (400.0 * 200) + Math.PI * 10 * 10 / (400.0 * 200), stroke.coverage(), 0.01,
                "a band plus two round caps");
        assertEquals(255, at(stroke, 200, 100));
        assertEquals(0, at(stroke, 200, 60));

        GrayMask dot = MaskRasterizer.draw(List.of(MaskShape.stroke(List.of(List.of(0.5, 0.5)), 0.2)), 0, 100, 100);
        assertEquals(Math.PI * 10 * 10 / 10_000, dot.coverage(), 0.01, "one point is a round dot");
        assertEquals(255, at(dot, 50, 50));
    }

    @Test
    void shapesAreFractionsSoTheSameMaskFitsAnySize() {
        List<MaskShape> shapes = List.of(MaskShape.rect(0.1, 0.2, 0.3, 0.4), MaskShape.ellipse(0.5, 0.5, 0.4, 0.4));
        double small = MaskRasterizer.draw(shapes, 0, 300, 200).coverage();
        double large = MaskRasterizer.draw(shapes, 0, 1500, 1000).coverage();
        assertEquals(small, large, 0.01);
    }

    @Test
    void overlappingShapesUniteAndShapesBeyondTheEdgeAreClipped() {
        GrayMask m = MaskRasterizer.draw(List.of(MaskShape.rect(0, 0, 0.5, 1), MaskShape.rect(0.25, 0, 0.5, 1),
                MaskShape.rect(0.9, 0.9, 1, 1)), 0, 100, 100);
        assertEquals(0.75 + 0.1 * 0.1, m.coverage(), 1e-9);
    }

    @Test
    void featherSoftensTheEdgeOnly() {
        GrayMask hard = MaskRasterizer.draw(List.of(MaskShape.rect(0.25, 0.25, 0.5, 0.5)), 0, 200, 200);
        GrayMask soft = MaskRasterizer.draw(List.of(MaskShape.rect(0.25, 0.25, 0.5, 0.5)), 8, 200, 200);
        assertEquals(255, at(soft, 100, 100), "the inside stays fully edited");
        assertEquals(0, at(soft, 5, 5), "far outside stays kept");
        int edge = at(soft, 50, 100);
        assertTrue(edge > 0 && edge < 255, "the edge is in between: " + edge);
        assertTrue(at(soft, 46, 100) < edge && edge < at(soft, 54, 100), "a ramp across the edge");
        assertEquals(hard.coverage(), soft.coverage(), 0.01, "a symmetric blur keeps the marked share");
        long between = 0;
        for (byte b : soft.gray()) {
            int v = b & 0xff;
            between += v > 0 && v < 255 ? 1 : 0;
        }
        assertTrue(between > 0 && between < 200 * 200 / 4, "only a band around the edge is soft: " + between);
    }

    @Test
    void malformedShapesAreInvalidMaskWithTheirPath() {
        ImagesException e = refused("invalid_mask", List.of(MaskShape.rect(0, 0, 1, 1),
                new MaskShape("rect", 0.1, null, 0.5, 0.5, null, null)));
        assertTrue(e.getMessage().contains("$.mask.shapes[1]"), e.getMessage());
        refused("invalid_mask", List.of(MaskShape.polygon(List.of(List.of(0.0, 0.0), List.of(1.0, 1.0)))));
        refused("invalid_mask", List.of(new MaskShape("polygon", null, null, null, null, null, null)));
        e = refused("invalid_mask", List.of(MaskShape.polygon(List.of(List.of(0.0, 0.0), List.of(1.5, 0.0),
                List.of(0.0, 1.0)))));
        assertTrue(e.getMessage().contains("$.mask.shapes[0].points[1]"), e.getMessage());
        refused("invalid_mask", List.of(MaskShape.polygon(List.of(List.of(0.0, 0.0), List.of(1.0),
                List.of(0.0, 1.0)))));
        e = refused("invalid_mask", List.of(new MaskShape("stroke", null, null, null, null,
                List.of(List.of(0.5, 0.5)), null)));
        assertTrue(e.getMessage().contains("$.mask.shapes[0].width"), e.getMessage());
        refused("invalid_mask", List.of(MaskShape.stroke(List.of(List.of(0.5, 0.5)), 0)));
        refused("invalid_mask", List.of(new MaskShape("star", 0.0, 0.0, 1.0, 1.0, null, null)));
    }

    @Test
    void aMaskThatMarksNothingIsMaskEmpty() {
        ImagesException e = assertThrows(ImagesException.class,
                () -> MaskRasterizer.check(MaskRef.ofShapes(MaskShape.rect(0.5, 0.5, 0, 0.5))));
        assertEquals("mask_empty", e.code());
        assertEquals(400, e.httpStatus());
        assertEquals("mask_empty", assertThrows(ImagesException.class, () -> MaskRasterizer.check(
                MaskRef.ofShapes(MaskShape.polygon(List.of(List.of(0.1, 0.1), List.of(0.5, 0.5),
                        List.of(0.9, 0.9)))))).code(), "a degenerate polygon has no area");
        assertEquals("invalid_mask", assertThrows(ImagesException.class, () -> MaskRasterizer.check(
                MaskRef.ofShapes(new MaskShape("ellipse", null, 0.0, 1.0, 1.0, null, null)))).code(),
                "check finds malformed shapes too");
        MaskRasterizer.check(MaskRef.ofShapes(MaskShape.rect(0.4, 0.4, 0.2, 0.2)));
    }

    @Test
    void grayMaskIsImmutableAndConvertsFaithfully() throws IOException {
        GrayMask m = MaskRasterizer.draw(List.of(MaskShape.rect(0, 0, 0.5, 1)), 6, 64, 32);
        byte[] gray = m.gray();
        gray[0] = 17;
        assertEquals(255, at(m, 0, 0), "gray() is a copy");
        BufferedImage img = m.image();
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
        img.getRaster().setSample(0, 0, 0, 3);
        assertEquals(255, at(m, 0, 0), "image() is a copy");

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(m.png()));
        assertEquals(64, png.getWidth());
        assertEquals(32, png.getHeight());
        assertEquals(1, png.getRaster().getNumBands(), "an 8-bit grayscale PNG");
        assertArrayEquals(m.gray(), ((DataBufferByte) png.getRaster().getDataBuffer()).getData());

        Mask binary = m.binary(128);
        for (int i = 0; i < m.gray().length; i++) {
            int v = m.gray()[i] & 0xff;
            assertEquals(v >= 128 ? 255 : 0, binary.gray()[i] & 0xff);
        }
        assertEquals(m.coverage(), binary.coverage(), 1e-9, "coverage counts values >= 128");
        assertThrows(IllegalArgumentException.class, () -> new GrayMask(2, 2, new byte[3]));
    }
}
