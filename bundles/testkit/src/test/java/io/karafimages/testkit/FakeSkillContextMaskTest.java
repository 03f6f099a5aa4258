package io.karafimages.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.Mask;
import io.karafimages.spi.skill.MaskRef;
import io.karafimages.spi.skill.MaskShape;

/** Masks drawn by {@link FakeSkillContext#mask}: 8-bit gray at the image's size, 255 = edit. */
class FakeSkillContextMaskTest {
    private final FakeSkillContext context = FakeSkillContext.create();
    private final InputImage image = context.image(context.addImage("photo", TestImages.solidPng(200, 100,
            Color.WHITE), false));

    @Test
    void aRectangleInFractionsCoversThoseFractionsOfTheImage() {
        Mask mask = context.mask(MaskRef.ofShapes(MaskShape.rect(0.25, 0.5, 0.5, 0.25)), image);
        assertEquals(200, mask.width());
        assertEquals(100, mask.height());
        assertEquals(255, gray(mask, 50, 50));
        assertEquals(255, gray(mask, 149, 74));
        assertEquals(0, gray(mask, 49, 50));
        assertEquals(0, gray(mask, 150, 74));
        assertEquals(0, gray(mask, 100, 75));
        assertEquals(0.125, mask.coverage(), 1e-9);
        assertOnlyZeroAnd255(mask);
    }

    @Test
    void anEllipseAPolygonAndAStrokeMarkWhereTheyAreDrawn() {
        Mask ellipse = context.mask(MaskRef.ofShapes(MaskShape.ellipse(0, 0, 1, 1)), image);
        assertEquals(255, gray(ellipse, 100, 50));
        assertEquals(0, gray(ellipse, 1, 1));
        assertEquals(Math.PI / 4, ellipse.coverage(), 0.02);

        Mask triangle = context.mask(MaskRef.ofShapes(MaskShape.polygon(List.of(List.of(0.0, 0.0), List.of(1.0, 0.0),
                List.of(0.0, 1.0)))), image);
        assertEquals(255, gray(triangle, 10, 10));
        assertEquals(0, gray(triangle, 190, 90));
        assertEquals(0.5, triangle.coverage(), 0.02);

        Mask stroke = context.mask(MaskRef.ofShapes(MaskShape.stroke(List.of(List.of(0.1, 0.5), List.of(0.9, 0.5)),
                0.1)), image);
        assertEquals(255, gray(stroke, 100, 50));
        assertEquals(0, gray(stroke, 100, 40), "10 % of the shorter side is 10 px wide: 5 px either side");
        assertEquals(0, gray(stroke, 100, 10));
    }

    @Test
    void aFeatheredEdgeIsSoftAndTheInsideStaysMarked() {
        MaskRef ref = new MaskRef(null, List.of(MaskShape.rect(0.25, 0.25, 0.5, 0.5)), 6.0);
        Mask mask = context.mask(ref, image);
        int edge = gray(mask, 50, 50);
        assertTrue(edge > 0 && edge < 255, "soft edge: " + edge);
        assertEquals(255, gray(mask, 100, 50));
        assertEquals(0, gray(mask, 5, 5));
        Mask hard = mask.binary(128);
        assertOnlyZeroAnd255(hard);
    }

    @Test
    void anUploadedMaskIsScaledAndWhiteOrOpaqueMeansEdit() {
        BufferedImage upload = new BufferedImage(100, 50, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = upload.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 50, 50); // left half white and opaque; right half transparent
        g.dispose();
        context.addImage("mask-upload", upload, false);
        Mask mask = context.mask(MaskRef.ofEmbed("mask-upload"), image);
        assertEquals(200, mask.width());
        assertEquals(100, mask.height());
        assertEquals(255, gray(mask, 20, 50));
        assertEquals(0, gray(mask, 180, 50));
        assertEquals(0.5, mask.coverage(), 0.02);
    }

    @Test
    void anUploadedMaskOfAnotherAspectRatioIsRefused() {
        context.addImage("square", TestImages.solidPng(50, 50, Color.WHITE), false);
        assertEquals("mask_size_mismatch", assertThrows(ImagesException.class,
                () -> context.mask(MaskRef.ofEmbed("square"), image)).code());
    }

    @Test
    void emptyAndMalformedMasksAreRefused() {
        assertEquals("mask_empty", code(MaskRef.ofShapes()));
        assertEquals("mask_empty", code(MaskRef.ofShapes(MaskShape.rect(0.5, 0.5, 0, 0))));
        context.addImage("black", TestImages.solidPng(200, 100, Color.BLACK), false);
        assertEquals("mask_empty", code(MaskRef.ofEmbed("black")));
        assertEquals("invalid_mask", code(new MaskRef(null, null, null)));
        assertEquals("invalid_mask", code(new MaskRef("black", List.of(MaskShape.rect(0, 0, 1, 1)), null)));
        assertEquals("invalid_mask", code(MaskRef.ofShapes(MaskShape.polygon(List.of(List.of(0.0, 0.0),
                List.of(1.0, 1.0))))));
        assertEquals("invalid_mask", code(MaskRef.ofShapes(new MaskShape("rect", 0.1, null, 0.2, 0.2, null, null))));
        assertEquals("invalid_mask", code(MaskRef.ofShapes(new MaskShape("star", 0.1, 0.1, 0.2, 0.2, null, null))));
    }

    @Test
    void aMaskIsImmutableAndEncodesAsAGrayPng() {
        Mask mask = context.mask(MaskRef.ofShapes(MaskShape.rect(0, 0, 0.5, 1)), image);
        byte[] gray = mask.gray();
        gray[0] = 0;
        assertEquals(255, gray(mask, 0, 0), "gray() is a copy");
        BufferedImage png = TestImages.decode(mask.png());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, png.getType());
        assertArrayEquals(mask.gray(), ((java.awt.image.DataBufferByte) png.getRaster().getDataBuffer()).getData());
    }

    private String code(MaskRef ref) {
        return assertThrows(ImagesException.class, () -> context.mask(ref, image)).code();
    }

    private static int gray(Mask mask, int x, int y) {
        return mask.image().getRaster().getSample(x, y, 0);
    }

    private static void assertOnlyZeroAnd255(Mask mask) {
        for (byte b : mask.gray()) {
            int v = b & 0xff;
            assertTrue(v == 0 || v == 255, "value " + v);
        }
    }
}
