package io.karafimages.skills.edit.internal;

import static io.karafimages.skills.edit.internal.EditFixtures.assertImagesError;
import static io.karafimages.skills.edit.internal.EditFixtures.gray;
import static io.karafimages.skills.edit.internal.EditFixtures.grayMask;
import static io.karafimages.skills.edit.internal.EditFixtures.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.skill.SkillResult;
import io.karafimages.testkit.FakeImageProvider;
import io.karafimages.testkit.FakeSkillContext;
import io.karafimages.testkit.SkillHarness;

/** Generate a background: the caller's mask when given, otherwise one found by {@link BackgroundMask}. */
class GenerateBackgroundSkillTest {
    private final FakeImageProvider acme = new FakeImageProvider("acme",
            model("acme/backdrop-v1", ModelTier.QUALITY, 0.04, ImageOperation.GENERATE_BACKGROUND));
    private final FakeSkillContext ctx = FakeSkillContext.builder().provider(acme).build();
    private final SkillHarness<GenerateBackgroundSkill.Input> harness =
            SkillHarness.of(new GenerateBackgroundSkill(ctx.providers()));

    @Test
    void withoutAMaskThePlainBackgroundIsFound() {
        ctx.addImage("shot", EditFixtures.subjectOnPlainBackground(160, 120), false);
        SkillResult result = harness.run("{\"image\":{\"embed_id\":\"shot\"}}", ctx);
        EditRequest request = acme.editRequests().get(0);
        assertEquals(ImageOperation.GENERATE_BACKGROUND, request.operation());
        BufferedImage mask = grayMask(request.maskPng().orElseThrow(), 160, 120);
        assertCorners(mask, 255, "the background is white (to be generated)");
        assertEquals(0, gray(mask, 80, 60), "the subject at the centre is black (kept)");
        assertEquals(0, gray(mask, 70, 55));
        assertEquals(GenerateBackgroundSkill.DEFAULT_PROMPT, request.prompt().orElseThrow());
        assertEquals("generated a background", result.edit().orElseThrow().description().orElseThrow());
        assertTrue(result.edit().orElseThrow().generative());
    }

    @Test
    void largePictureIsSearchedSmallAndTheMaskScaledBack() {
        ctx.addImage("shot", EditFixtures.subjectOnPlainBackground(1000, 700), false);
        harness.run("{\"image\":{\"embed_id\":\"shot\"},\"prompt\":\"marble\"}", ctx);
        EditRequest request = acme.editRequests().get(0);
        BufferedImage mask = grayMask(request.maskPng().orElseThrow(), 1000, 700);
        assertCorners(mask, 255, "background");
        assertEquals(0, gray(mask, 500, 350), "subject");
        assertEquals("marble", request.prompt().orElseThrow());
    }

    @Test
    void transparentPixelsAreTheBackground() {
        BufferedImage cutout = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = cutout.createGraphics();
        g.setColor(new Color(240, 240, 240)); // the same colour as a plain background would have: alpha decides
        g.fillRect(30, 30, 40, 40);
        g.dispose();
        ctx.addImage("cutout", cutout, false);
        harness.run("{\"image\":{\"embed_id\":\"cutout\"}}", ctx);
        BufferedImage mask = grayMask(acme.editRequests().get(0).maskPng().orElseThrow(), 100, 100);
        assertCorners(mask, 255, "transparent");
        assertEquals(0, gray(mask, 50, 50), "opaque");
    }

    @Test
    void callersMaskIsUsedAsItIs() {
        ctx.addImage("shot", EditFixtures.subjectOnPlainBackground(160, 120), false);
        harness.run("{\"image\":{\"embed_id\":\"shot\"},\"mask\":{\"shapes\":[{\"type\":\"rect\",\"x\":0,\"y\":0,"
                + "\"w\":0.5,\"h\":1}]}}", ctx);
        BufferedImage mask = grayMask(acme.editRequests().get(0).maskPng().orElseThrow(), 160, 120);
        assertEquals(255, gray(mask, 10, 60));
        assertEquals(255, gray(mask, 70, 60), "the caller said: the subject's left half is background too");
        assertEquals(0, gray(mask, 150, 5), "and the right half is kept, corner included");
    }

    @Test
    void randomNoiseHasNoBackgroundToFind() {
        // 200x200 is searched as it is; 640x480 is first reduced to 256x192
        for (int[] size : new int[][] { { 200, 200 }, { 640, 480 } }) {
            ctx.addImage("noise", EditFixtures.noise(size[0], size[1], 11, false), false);
            assertImagesError("background_not_found", 400,
                    () -> harness.run("{\"image\":{\"embed_id\":\"noise\"}}", ctx));
        }
        assertEquals(0, acme.calls(), "no provider call for a mask that marks nothing useful");
    }

    @Test
    void pictureOfOneColourHasNoSubject() {
        ctx.addImage("plain", EditFixtures.subjectOnPlainBackground(120, 120).getSubimage(0, 0, 20, 20), false);
        assertImagesError("background_not_found", 400, () -> harness.run("{\"image\":{\"embed_id\":\"plain\"}}",
                ctx));
        assertEquals(0, acme.calls());
    }

    private static void assertCorners(BufferedImage mask, int value, String why) {
        int w = mask.getWidth() - 1;
        int h = mask.getHeight() - 1;
        for (int[] corner : new int[][] { { 0, 0 }, { w, 0 }, { 0, h }, { w, h } }) {
            assertEquals(value, gray(mask, corner[0], corner[1]), why + " at " + corner[0] + "," + corner[1]);
        }
    }
}
