package io.karafimages.skills.edit.internal;

import static io.karafimages.skills.edit.internal.EditFixtures.argb;
import static io.karafimages.skills.edit.internal.EditFixtures.assertImagesError;
import static io.karafimages.skills.edit.internal.EditFixtures.noise;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.karafimages.api.Cost;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.SkillResult;
import io.karafimages.testkit.FakeImageProvider;
import io.karafimages.testkit.FakeSkillContext;
import io.karafimages.testkit.SkillHarness;
import io.karafimages.testkit.TestImages;

/** Crop: exact pixels, done locally, free. */
class CropSkillTest {
    private final FakeImageProvider provider = new FakeImageProvider("acme");
    private final FakeSkillContext ctx = FakeSkillContext.builder().provider(provider).build();
    private final SkillHarness<CropSkill.Input> harness = SkillHarness.of(new CropSkill());

    @Test
    void keepsTheExactPixelsOfTheRectangle() {
        BufferedImage source = noise(100, 80, 5, false);
        ImageRef ref = ctx.addImage("src", source, false);
        SkillResult result = harness.run("{\"image\":{\"embed_id\":\"src\"},\"rect\":{\"x\":0.1,\"y\":0.25,\"w\":0.5,"
                + "\"h\":0.5}}", ctx);
        BufferedImage cropped = TestImages.decode(result.image());
        assertEquals("50x40", cropped.getWidth() + "x" + cropped.getHeight());
        assertArrayEquals(argb(source, 10, 20, 50, 40), argb(cropped), "x 10..60, y 20..60 of the source");
        assertFalse(cropped.getColorModel().hasAlpha(), "an opaque source stays opaque");
        assertEquals(ref, result.source().orElseThrow());
        assertEquals(List.of(ref), ctx.imagesRead());
    }

    @Test
    void keepsAlphaOfAnRgbaSource() {
        BufferedImage source = noise(64, 48, 6, true);
        ctx.addImage("src", source, false);
        SkillResult result = harness.run("{\"image\":{\"embed_id\":\"src\"},\"rect\":{\"x\":0.5,\"y\":0,\"w\":0.5,"
                + "\"h\":0.75}}", ctx);
        BufferedImage cropped = TestImages.decode(result.image());
        assertTrue(cropped.getColorModel().hasAlpha(), "the alpha channel is kept");
        assertEquals("32x36", cropped.getWidth() + "x" + cropped.getHeight());
        assertArrayEquals(argb(source, 32, 0, 32, 36), argb(cropped), "colour and alpha, pixel for pixel");
    }

    @Test
    void isAFreeAlgorithmicCropByTheLocalModel() {
        ctx.addImage("src", noise(100, 80, 5, false), true);
        SkillResult result = harness.run("{\"image\":{\"embed_id\":\"src\",\"format\":\"full\"},\"rect\":{\"x\":0,"
                + "\"y\":0,\"w\":1,\"h\":0.5}}", ctx);
        assertEquals("local/crop-v1", result.model());
        assertEquals(Cost.FREE, result.cost());
        assertEquals("image/png", result.mediaType());
        SkillResult.Edit edit = result.edit().orElseThrow();
        assertEquals(SkillResult.Edit.CROPPED, edit.action());
        assertFalse(edit.generative(), "cropping is not generative");
        assertEquals("cropped to 100x40 at 0,0", edit.description().orElseThrow());
        assertEquals(new ImageRef("src", "full"), result.source().orElseThrow());
        assertEquals(0, provider.calls(), "no provider is involved");
        assertEquals(Cost.FREE, new CropSkill().descriptor().cost());
    }

    @Test
    void cropOfATranslucentSourceIsExactlyWhatTheSkillRead() {
        // isolates the crop from how the context decodes: pixel for pixel the rectangle of InputImage.decoded()
        ImageRef ref = ctx.addImage("src", noise(64, 48, 6, true), false);
        BufferedImage asRead = ctx.image(ref).decoded();
        SkillResult result = harness.run("{\"image\":{\"embed_id\":\"src\"},\"rect\":{\"x\":0.5,\"y\":0,\"w\":0.5,"
                + "\"h\":0.75}}", ctx);
        assertArrayEquals(argb(asRead, 32, 0, 32, 36), argb(TestImages.decode(result.image())));
    }

    @Test
    void wholeImageIsAnExactCopy() {
        BufferedImage source = noise(33, 17, 8, false);
        ctx.addImage("src", source, false);
        SkillResult result = harness.run("{\"image\":{\"embed_id\":\"src\"},\"rect\":{\"x\":0,\"y\":0,\"w\":1,"
                + "\"h\":1}}", ctx);
        BufferedImage copy = TestImages.decode(result.image());
        assertEquals("33x17", copy.getWidth() + "x" + copy.getHeight());
        assertArrayEquals(argb(source), argb(copy));
    }

    @Test
    void rectangleSmallerThanAPixelIsRefusedAtRunTime() {
        ctx.addImage("src", noise(10, 10, 5, false), false);
        assertImagesError("invalid_rect", 400, () -> harness.run("{\"image\":{\"embed_id\":\"src\"},\"rect\":"
                + "{\"x\":0.5,\"y\":0.5,\"w\":0.01,\"h\":0.01}}", ctx));
    }

    @Test
    void unknownImageIsNotFound() {
        assertImagesError("not_found", 404, () -> harness.run("{\"image\":{\"embed_id\":\"nobody\"},\"rect\":"
                + "{\"x\":0,\"y\":0,\"w\":0.5,\"h\":0.5}}", ctx));
    }
}
