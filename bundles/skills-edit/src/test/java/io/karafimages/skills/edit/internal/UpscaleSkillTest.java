package io.karafimages.skills.edit.internal;

import static io.karafimages.skills.edit.internal.EditFixtures.assertImagesError;
import static io.karafimages.skills.edit.internal.EditFixtures.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.SkillResult;
import io.karafimages.testkit.FakeImageProvider;
import io.karafimages.testkit.FakeSkillContext;
import io.karafimages.testkit.SkillHarness;
import io.karafimages.testkit.TestImages;

/** Upscale: crisp and creative go to different operations and provenance actions; too large is refused early. */
class UpscaleSkillTest {
    private final FakeImageProvider acme = new FakeImageProvider("acme",
            model("acme/crisp-v1", ModelTier.QUALITY, 0.004, ImageOperation.UPSCALE_CRISP),
            model("acme/creative-v1", ModelTier.QUALITY, 0.25, ImageOperation.UPSCALE_CREATIVE));

    /** Pixel limit 50,000: a 100x100 source fits, 2x (40,000 px) fits, 4x (160,000 px) does not. */
    private final FakeSkillContext ctx = FakeSkillContext.builder().provider(acme).maxPixels(50_000).build();
    private final ImageRef src = ctx.addImage("src", EditFixtures.noise(100, 100, 3, false), false);
    private final SkillHarness<UpscaleSkill.Input> harness = SkillHarness.of(new UpscaleSkill(ctx.providers()));

    @Test
    void crispIsAResizeByTheCrispModel() {
        SkillResult result = harness.run("{\"image\":{\"embed_id\":\"src\"}}", ctx);
        EditRequest request = acme.editRequests().get(0);
        assertEquals(ImageOperation.UPSCALE_CRISP, request.operation());
        assertEquals("acme/crisp-v1", request.model());
        assertEquals(OptionalInt.of(2), request.scale(), "the default scale");
        assertEquals("image/png", request.image().mediaType());
        assertEquals(SkillResult.Edit.RESIZED, result.edit().orElseThrow().action());
        assertTrue(result.edit().orElseThrow().generative(), "acme/... is not a local model");
        assertEquals(src, result.source().orElseThrow());
        assertEquals(Cost.ofUsd(0.004), result.cost());
    }

    @Test
    void creativeIsAnEditByTheCreativeModel() {
        FakeSkillContext roomy = FakeSkillContext.builder().provider(acme).build();
        ImageRef ref = roomy.addImage("src", EditFixtures.noise(100, 100, 3, false), false);
        SkillResult result = SkillHarness.of(new UpscaleSkill(roomy.providers()))
                .run("{\"image\":{\"embed_id\":\"src\"},\"mode\":\"creative\",\"scale\":4}", roomy);
        EditRequest request = acme.editRequests().get(0);
        assertEquals(ImageOperation.UPSCALE_CREATIVE, request.operation());
        assertEquals("acme/creative-v1", request.model());
        assertEquals(OptionalInt.of(4), request.scale());
        assertEquals(SkillResult.Edit.EDITED, result.edit().orElseThrow().action());
        assertTrue(result.edit().orElseThrow().generative());
        assertEquals(ref, result.source().orElseThrow());
        assertEquals(Cost.ofUsd(0.25), result.cost());
    }

    @Test
    void localCrispUpscaleIsAlgorithmic() {
        FakeImageProvider local = new FakeImageProvider("local",
                model("local/lanczos-v1", ModelTier.QUALITY, 0, ImageOperation.UPSCALE_CRISP));
        FakeSkillContext offline = FakeSkillContext.builder().provider(local).provider(acme).build();
        offline.addImage("src", EditFixtures.noise(40, 30, 3, false), false);
        SkillResult result = SkillHarness.of(new UpscaleSkill(offline.providers()))
                .run("{\"image\":{\"embed_id\":\"src\"},\"scale\":4}", offline);
        assertEquals("local/lanczos-v1", result.model());
        assertEquals(Cost.FREE, result.cost());
        assertEquals(SkillResult.Edit.RESIZED, result.edit().orElseThrow().action());
        assertFalse(result.edit().orElseThrow().generative());
        assertEquals(0, acme.calls());
    }

    @Test
    void resultOverThePixelLimitIsRefusedBeforeAnyProviderCall() {
        assertImagesError(ErrorCodes.IMAGE_TOO_LARGE, 400,
                () -> harness.run("{\"image\":{\"embed_id\":\"src\"},\"scale\":4}", ctx));
        assertImagesError(ErrorCodes.IMAGE_TOO_LARGE, 400,
                () -> harness.run("{\"image\":{\"embed_id\":\"src\"},\"scale\":4,\"mode\":\"creative\"}", ctx));
        assertEquals(List.of(), acme.editRequests(), "the provider saw no request");
        assertEquals(0, acme.calls());
    }

    @Test
    void resultAtThePixelLimitIsAccepted() {
        FakeSkillContext exact = FakeSkillContext.builder().provider(acme).maxPixels(40_000).build();
        exact.addImage("src", EditFixtures.noise(100, 100, 3, false), false);
        SkillHarness.of(new UpscaleSkill(exact.providers())).run("{\"image\":{\"embed_id\":\"src\"}}", exact);
        assertEquals(1, acme.calls(), "100x100 at 2x is exactly 40,000 pixels");
    }

    @Test
    void noUpscalerInstalledIsUnavailable() {
        FakeImageProvider crispOnly = new FakeImageProvider("crispy",
                model("crispy/x-v1", ModelTier.QUALITY, 0, ImageOperation.UPSCALE_CRISP));
        FakeSkillContext some = FakeSkillContext.builder().provider(crispOnly).build();
        some.addImage("src", new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), false);
        assertImagesError(ErrorCodes.PROVIDER_UNAVAILABLE, 503, () -> SkillHarness.of(
                new UpscaleSkill(some.providers())).run("{\"image\":{\"embed_id\":\"src\"},\"mode\":\"creative\"}",
                        some));
        assertEquals(0, crispOnly.calls());
    }

    @Test
    void listingShowsCrispPrice() {
        assertEquals(Cost.ofUsd(0.004), new UpscaleSkill(ctx.providers()).descriptor().cost());
        assertEquals(Cost.ofUsd(0.25), harness.estimate("{\"image\":{\"embed_id\":\"src\"},\"mode\":\"creative\"}"));
        SkillResult result = harness.run("{\"image\":{\"embed_id\":\"src\"}}", ctx);
        assertEquals(Color.GRAY.getRGB(), TestImages.decode(result.image()).getRGB(0, 0), "the provider's pixels");
    }
}
