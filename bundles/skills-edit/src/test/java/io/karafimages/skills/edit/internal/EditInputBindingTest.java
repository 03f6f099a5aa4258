package io.karafimages.skills.edit.internal;

import static io.karafimages.skills.edit.internal.EditFixtures.assertImagesError;
import static io.karafimages.skills.edit.internal.EditFixtures.image;
import static io.karafimages.skills.edit.internal.EditFixtures.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.MaskRef;
import io.karafimages.spi.skill.MaskShape;
import io.karafimages.testkit.FakeImageProvider;
import io.karafimages.testkit.FakeSkillContext;
import io.karafimages.testkit.SkillHarness;

/**
 * Request bodies as the runtime binds them ({@link SkillHarness}: strict snake_case JSON, {@code @Field} checks,
 * normalize, store and bind again), for every editing skill.
 */
class EditInputBindingTest {
    private static final String MASK = "{\"shapes\":[{\"type\":\"rect\",\"x\":0.25,\"y\":0.25,\"w\":0.5,\"h\":0.5}],"
            + "\"feather\":2}";

    /** acme/any-v1 does every edit; acme/painter-v1 only generates. */
    private final ProviderCatalog providers = FakeSkillContext.builder()
            .provider(new FakeImageProvider("acme", model("acme/any-v1", ModelTier.QUALITY, 0.04,
                    ImageOperation.GENERATE, ImageOperation.values()),
                    model("acme/draft-v1", ModelTier.DRAFT, 0.01, ImageOperation.IMAGE_TO_IMAGE,
                            ImageOperation.VARIATE),
                    model("acme/painter-v1", ModelTier.QUALITY, 0.02, ImageOperation.GENERATE)))
            .build().providers();

    @Test
    void inpaintBindsSnakeCaseAndKeepsWhatWasSent() {
        InpaintSkill.Input in = SkillHarness.of(new InpaintSkill(providers)).submit("{\"image\":"
                + "{\"embed_id\":\"e1\",\"format\":\"full\"},\"mask\":" + MASK + ",\"prompt\":\"a red scarf\","
                + "\"vector\":false,\"model\":\"acme/any-v1\"}");
        assertEquals(new ImageRef("e1", "full"), in.image());
        assertEquals(new MaskRef(null, List.of(MaskShape.rect(0.25, 0.25, 0.5, 0.5)), 2.0), in.mask());
        assertEquals("a red scarf", in.prompt());
        assertEquals(Boolean.FALSE, in.vector());
        assertEquals("acme/any-v1", in.model());
    }

    @Test
    void maskFromAnUploadBindsItsEmbedId() {
        EraseRegionSkill.Input in = SkillHarness.of(new EraseRegionSkill(providers))
                .submit("{\"image\":" + image("e1") + ",\"mask\":{\"embed_id\":\"m1\"}}");
        assertEquals(ImageRef.of("e1"), in.image(), "format defaults to original");
        assertEquals(MaskRef.ofEmbed("m1"), in.mask());
        assertEquals(null, in.model());
    }

    @Test
    void storedJsonUsesSnakeCaseNames() {
        String stored = SkillHarness.of(new EraseRegionSkill(providers))
                .stored("{\"image\":" + image("e1") + ",\"mask\":{\"embed_id\":\"m1\"}}");
        assertTrue(stored.contains("\"embed_id\":\"m1\""), stored);
        assertFalse(stored.contains("embedId"), stored);
    }

    @Test
    void replaceAndGenerateBackgroundBind() {
        ReplaceBackgroundSkill.Input replace = SkillHarness.of(new ReplaceBackgroundSkill(providers))
                .submit("{\"image\":" + image("e1") + ",\"prompt\":\"a beach at dusk\"}");
        assertEquals("a beach at dusk", replace.prompt());
        assertEquals(ImageRef.of("e1"), replace.image());

        GenerateBackgroundSkill.Input generate = SkillHarness.of(new GenerateBackgroundSkill(providers))
                .submit("{\"image\":" + image("e1") + "}");
        assertEquals(null, generate.mask(), "no mask: the skill finds the background itself");
        assertEquals(null, generate.prompt(), "the default prompt is applied at run time, not stored");
    }

    @Test
    void imageToImageAppliesItsDefaults() {
        SkillHarness<ImageToImageSkill.Input> harness = SkillHarness.of(new ImageToImageSkill(providers));
        ImageToImageSkill.Input defaults = harness.submit("{\"image\":" + image("e1") + ",\"prompt\":\"as a sketch\"}");
        assertEquals(0.5, defaults.strength());
        assertEquals(Boolean.FALSE, defaults.draft());

        ImageToImageSkill.Input given = harness.submit("{\"image\":" + image("e1")
                + ",\"prompt\":\"as a sketch\",\"strength\":0.2,\"draft\":true}");
        assertEquals(0.2, given.strength());
        assertEquals(Boolean.TRUE, given.draft());
    }

    @Test
    void variateRemovalUpscaleAndCropBind() {
        VariateSkill.Input variate = SkillHarness.of(new VariateSkill(providers))
                .submit("{\"image\":" + image("e1") + ",\"seed\":4294967295}");
        assertEquals(4294967295L, variate.seed());
        assertEquals(Boolean.FALSE, variate.draft());

        RemoveBackgroundSkill.Input removal = SkillHarness.of(new RemoveBackgroundSkill(providers))
                .submit("{\"image\":" + image("e1") + ",\"model\":\"acme/any-v1\"}");
        assertEquals("acme/any-v1", removal.model());

        UpscaleSkill.Input upscale = SkillHarness.of(new UpscaleSkill(providers)).submit("{\"image\":" + image("e1")
                + "}");
        assertEquals("crisp", upscale.mode());
        assertEquals(2, upscale.scale());

        CropSkill.Input crop = SkillHarness.of(new CropSkill()).submit("{\"image\":" + image("e1")
                + ",\"rect\":{\"x\":0.1,\"y\":0.2,\"w\":0.9,\"h\":0.8}}");
        assertEquals(new CropSkill.Rect(0.1, 0.2, 0.9, 0.8), crop.rect());
    }

    @Test
    void unknownFieldIsRefused() {
        assertImagesError(ErrorCodes.UNKNOWN_FIELD, 400, () -> SkillHarness.of(new InpaintSkill(providers))
                .submit("{\"image\":" + image("e1") + ",\"mask\":" + MASK + ",\"prompt\":\"x\",\"colour\":\"red\"}"));
        // erase_region offers no vector output, so 'vector' is just an unknown field there
        assertImagesError(ErrorCodes.UNKNOWN_FIELD, 400, () -> SkillHarness.of(new EraseRegionSkill(providers))
                .submit("{\"image\":" + image("e1") + ",\"mask\":" + MASK + ",\"vector\":false}"));
        // camelCase is not the wire name
        assertImagesError(ErrorCodes.UNKNOWN_FIELD, 400, () -> SkillHarness.of(new VariateSkill(providers))
                .submit("{\"image\":{\"embedId\":\"e1\"}}"));
    }

    @Test
    void inpaintAndEraseNeedAMask() {
        assertImagesError(ErrorCodes.MASK_REQUIRED, 400, () -> SkillHarness.of(new InpaintSkill(providers))
                .submit("{\"image\":" + image("e1") + ",\"prompt\":\"a red scarf\"}"));
        assertImagesError(ErrorCodes.MASK_REQUIRED, 400, () -> SkillHarness.of(new EraseRegionSkill(providers))
                .submit("{\"image\":" + image("e1") + "}"));
    }

    @Test
    void promptIsRequiredWhereTheOperationNeedsOne() {
        assertImagesError(ErrorCodes.PROMPT_REQUIRED, 400, () -> SkillHarness.of(new ReplaceBackgroundSkill(providers))
                .submit("{\"image\":" + image("e1") + ",\"prompt\":\"  \"}"));
    }

    @Test
    void strengthOutsideZeroToOneIsRefused() {
        SkillHarness<ImageToImageSkill.Input> harness = SkillHarness.of(new ImageToImageSkill(providers));
        assertImagesError("invalid_strength", 400, () -> harness.submit("{\"image\":" + image("e1")
                + ",\"prompt\":\"as a sketch\",\"strength\":2}"));
        assertImagesError("invalid_strength", 400, () -> harness.submit("{\"image\":" + image("e1")
                + ",\"prompt\":\"as a sketch\",\"strength\":-0.1}"));
    }

    @Test
    void vectorOutputIsNotAvailableYet() {
        String body = "{\"image\":" + image("e1") + ",\"prompt\":\"p\",\"vector\":true}";
        assertImagesError("vector_not_supported", 400,
                () -> SkillHarness.of(new ReplaceBackgroundSkill(providers)).submit(body));
        assertImagesError("vector_not_supported", 400,
                () -> SkillHarness.of(new ImageToImageSkill(providers)).submit(body));
        assertImagesError("vector_not_supported", 400,
                () -> SkillHarness.of(new GenerateBackgroundSkill(providers)).submit(body));
        assertImagesError("vector_not_supported", 400, () -> SkillHarness.of(new InpaintSkill(providers))
                .submit("{\"image\":" + image("e1") + ",\"mask\":" + MASK + ",\"prompt\":\"p\",\"vector\":true}"));
    }

    @Test
    void explicitModelMustExistAndDoTheOperation() {
        String inpaint = "{\"image\":" + image("e1") + ",\"mask\":" + MASK + ",\"prompt\":\"p\",\"model\":\"%s\"}";
        SkillHarness<InpaintSkill.Input> harness = SkillHarness.of(new InpaintSkill(providers));
        assertImagesError("unknown_model", 400, () -> harness.submit(inpaint.formatted("acme/painter-v1")));
        assertImagesError("unknown_model", 400, () -> harness.submit(inpaint.formatted("nobody/nothing-v9")));
        // the draft model does image-to-image and variations, but no inpainting
        assertImagesError("unknown_model", 400, () -> harness.submit(inpaint.formatted("acme/draft-v1")));
        assertEquals("acme/draft-v1", SkillHarness.of(new VariateSkill(providers))
                .submit("{\"image\":" + image("e1") + ",\"model\":\"acme/draft-v1\"}").model());
        assertImagesError("unknown_model", 400, () -> SkillHarness.of(new UpscaleSkill(providers))
                .submit("{\"image\":" + image("e1") + ",\"model\":\"acme/painter-v1\"}"));
    }

    @Test
    void upscaleTakesOnlyTwoOrFour() {
        SkillHarness<UpscaleSkill.Input> harness = SkillHarness.of(new UpscaleSkill(providers));
        assertImagesError("invalid_scale", 400, () -> harness.submit("{\"image\":" + image("e1") + ",\"scale\":3}"));
        assertImagesError("invalid_scale", 400, () -> harness.submit("{\"image\":" + image("e1") + ",\"scale\":5}"));
        assertImagesError("invalid_mode", 400, () -> harness.submit("{\"image\":" + image("e1")
                + ",\"mode\":\"sharp\"}"));
        assertEquals(4, harness.submit("{\"image\":" + image("e1") + ",\"scale\":4,\"mode\":\"creative\"}").scale());
    }

    @Test
    void cropRectMustLieInsideTheImage() {
        SkillHarness<CropSkill.Input> harness = SkillHarness.of(new CropSkill());
        String body = "{\"image\":" + image("e1") + ",\"rect\":{\"x\":%s,\"y\":%s,\"w\":%s,\"h\":%s}}";
        assertImagesError("invalid_rect", 400, () -> harness.submit(body.formatted(0.5, 0, 0.8, 1)));
        assertImagesError("invalid_rect", 400, () -> harness.submit(body.formatted(0, 0.3, 1, 0.75)));
        assertImagesError("invalid_rect", 400, () -> harness.submit(body.formatted(0.2, 0.2, 0, 0.5)));
        assertImagesError("invalid_rect", 400, () -> harness.submit(body.formatted(1.2, 0, 0.5, 0.5)));
        assertImagesError("rect_required", 400, () -> harness.submit("{\"image\":" + image("e1") + "}"));
        assertEquals(new CropSkill.Rect(0.0, 0.0, 1.0, 1.0), harness.submit(body.formatted(0, 0, 1, 1)).rect());
    }

    @Test
    void estimateIsThePriceOfTheModelThatWouldRun() {
        SkillHarness<ImageToImageSkill.Input> harness = SkillHarness.of(new ImageToImageSkill(providers));
        assertEquals(Cost.ofUsd(0.04), harness.estimate("{\"image\":" + image("e1") + ",\"prompt\":\"p\"}"));
        assertEquals(Cost.ofUsd(0.01), harness.estimate("{\"image\":" + image("e1")
                + ",\"prompt\":\"p\",\"draft\":true}"));
        assertEquals(Cost.FREE, SkillHarness.of(new CropSkill()).estimate("{\"image\":" + image("e1")
                + ",\"rect\":{\"x\":0,\"y\":0,\"w\":0.5,\"h\":0.5}}"));
    }
}
