package io.karafimages.skills.edit.internal;

import static io.karafimages.skills.edit.internal.EditFixtures.assertImagesError;
import static io.karafimages.skills.edit.internal.EditFixtures.noise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.karafimages.api.Cost;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.skill.SkillResult;
import io.karafimages.testkit.FakeImageProvider;
import io.karafimages.testkit.FakeSkillContext;
import io.karafimages.testkit.SkillHarness;

/** create_style and vectorize with the testkit: what they ask the provider and what they return. */
class StyleAndVectorSkillsTest {
    private final FakeImageProvider acme = new FakeImageProvider("acme",
            ModelInfo.builder("acme/styles-v1").tier(ModelTier.QUALITY).costPerImage(Cost.ofUsd(0.04))
                    .operations(ImageOperation.CREATE_STYLE).build(),
            ModelInfo.builder("acme/tracer-v1").tier(ModelTier.QUALITY).costPerImage(Cost.ofUsd(0.01))
                    .operations(ImageOperation.VECTORIZE).build());
    private final FakeSkillContext ctx = FakeSkillContext.builder().provider(acme).build();

    @Test
    void createStyleSendsEveryReferenceAndReturnsAStyleEmbedOfTheProvidersReference() {
        ctx.addImage("a", noise(300, 200, 1, false), false);
        ctx.addImage("b", noise(256, 256, 2, true), false);
        SkillResult result = SkillHarness.of(new CreateStyleSkill(ctx.providers())).run("{\"images\":[{\"embed_id\":"
                + "\"a\"},{\"embed_id\":\"b\"}],\"base_style\":\"realistic_image\"}", ctx);
        assertEquals("style", result.type());
        assertEquals("acme/styles-v1", result.model());
        assertEquals(40, result.cost().credits());
        assertEquals("acme-style-1", result.extra().get("provider_style"));
        assertEquals("acme", result.extra().get("provider"));
        assertEquals("realistic_image", result.extra().get("base_style"));
        assertEquals(List.of("a", "b"), result.extra().get("reference_embed_ids"));
        var sent = acme.styleRequests().get(0);
        assertEquals(2, sent.references().size());
        assertEquals("image/png", sent.references().get(1).mediaType());
        assertEquals("realistic_image", sent.baseStyle().orElseThrow());
        assertEquals("style", new CreateStyleSkill(ctx.providers()).descriptor().resultType());
    }

    @Test
    void createStyleRefusesNoImagesTooManyAndAModelWithoutStyles() {
        ctx.addImage("a", noise(64, 64, 1, false), false);
        SkillHarness<CreateStyleSkill.Input> harness = SkillHarness.of(new CreateStyleSkill(ctx.providers()));
        assertImagesError("images_required", 400, () -> harness.run("{\"images\":[]}", ctx));
        assertImagesError("unknown_model", 400, () -> harness.run("{\"images\":[{\"embed_id\":\"a\"}],"
                + "\"model\":\"acme/tracer-v1\"}", ctx));
        assertImagesError("invalid_base_style", 400, () -> harness.run("{\"images\":[{\"embed_id\":\"a\"}],"
                + "\"base_style\":\"icon\"}", ctx));
        String six = "{\"embed_id\":\"a\"},".repeat(5) + "{\"embed_id\":\"a\"}";
        assertImagesError("invalid_images", 400, () -> harness.run("{\"images\":[" + six + "]}", ctx));
        assertEquals(0, acme.calls(), "nothing reached the provider");
    }

    @Test
    void vectorizeReturnsTheProvidersSvgAsAnAlgorithmicEdit() {
        ctx.addImage("src", noise(120, 80, 3, false), true);
        SkillResult result = SkillHarness.of(new VectorizeSkill(ctx.providers()))
                .run("{\"image\":{\"embed_id\":\"src\"}}", ctx);
        assertEquals("image/svg+xml", result.mediaType());
        String svg = new String(result.image(), StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<svg") && svg.contains("width=\"120\""), svg);
        assertEquals("acme/tracer-v1", result.model());
        SkillResult.Edit edit = result.edit().orElseThrow();
        assertFalse(edit.generative(), "tracing invents nothing, whichever provider traced");
        assertEquals("vectorized", edit.description().orElseThrow());
        assertEquals(ImageOperation.VECTORIZE, acme.editRequests().get(0).operation());
    }
}
