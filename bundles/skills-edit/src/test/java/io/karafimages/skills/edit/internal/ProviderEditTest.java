package io.karafimages.skills.edit.internal;

import static io.karafimages.skills.edit.internal.EditFixtures.argb;
import static io.karafimages.skills.edit.internal.EditFixtures.assertImagesError;
import static io.karafimages.skills.edit.internal.EditFixtures.gray;
import static io.karafimages.skills.edit.internal.EditFixtures.grayMask;
import static io.karafimages.skills.edit.internal.EditFixtures.isPng;
import static io.karafimages.skills.edit.internal.EditFixtures.model;
import static io.karafimages.skills.edit.internal.EditFixtures.noise;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

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

/** What every provider-backed editing skill does (ProviderEdit), seen through the skills and a scripted provider. */
class ProviderEditTest {
    private static final String RECT_MASK = "{\"shapes\":[{\"type\":\"rect\",\"x\":0.25,\"y\":0.5,\"w\":0.5,"
            + "\"h\":0.25}]}";

    private final FakeImageProvider cheap = new FakeImageProvider("cheap",
            model("cheap/paint-v1", ModelTier.QUALITY, 0.03, ImageOperation.INPAINT, ImageOperation.IMAGE_TO_IMAGE,
                    ImageOperation.ERASE_REGION, ImageOperation.REPLACE_BACKGROUND, ImageOperation.VARIATE,
                    ImageOperation.REMOVE_BACKGROUND),
            model("cheap/sketch-v1", ModelTier.DRAFT, 0.005, ImageOperation.IMAGE_TO_IMAGE, ImageOperation.VARIATE));
    private final FakeImageProvider second = new FakeImageProvider("second",
            model("second/paint-v2", ModelTier.QUALITY, 0.08, ImageOperation.INPAINT, ImageOperation.IMAGE_TO_IMAGE,
                    ImageOperation.ERASE_REGION, ImageOperation.VARIATE));
    private final FakeImageProvider local = new FakeImageProvider("local",
            model("local/telea-v1", ModelTier.QUALITY, 0, ImageOperation.ERASE_REGION));
    private final FakeImageProvider generatorOnly = new FakeImageProvider("gen",
            model("gen/only-v1", ModelTier.QUALITY, 0.01, ImageOperation.GENERATE));

    /** The providers as given, best first; a 120x80 noise picture registered as embed "src". */
    private final FakeSkillContext ctx = FakeSkillContext.builder().provider(generatorOnly).provider(cheap)
            .provider(second).build();
    private final BufferedImage picture = noise(120, 80, 7, false);
    private final ImageRef src = ctx.addImage("src", picture, true);

    @Test
    void bestRankedProviderThatCanDoTheOperationRuns() {
        SkillResult result = SkillHarness.of(new InpaintSkill(ctx.providers())).run("{\"image\":{\"embed_id\":"
                + "\"src\"},\"mask\":" + RECT_MASK + ",\"prompt\":\"a red scarf\"}", ctx);
        assertEquals(0, generatorOnly.calls(), "ranked first but cannot inpaint");
        assertEquals(0, second.calls(), "ranked after cheap");
        assertEquals(1, cheap.editRequests().size());
        EditRequest request = cheap.editRequests().get(0);
        assertEquals(ImageOperation.INPAINT, request.operation());
        assertEquals("cheap/paint-v1", request.model());
        assertEquals("cheap/paint-v1", result.model());
        assertEquals(Cost.ofUsd(0.03), result.cost(), "the model's costPerImage");
        assertEquals("a red scarf", request.prompt().orElseThrow());
        assertEquals(List.of(src), ctx.imagesRead());
    }

    @Test
    void draftPicksTheDraftTierAndQualityOtherwise() {
        SkillHarness<ImageToImageSkill.Input> harness = SkillHarness.of(new ImageToImageSkill(ctx.providers()));
        SkillResult draft = harness.run("{\"image\":{\"embed_id\":\"src\"},\"prompt\":\"ink\",\"draft\":true}", ctx);
        SkillResult quality = harness.run("{\"image\":{\"embed_id\":\"src\"},\"prompt\":\"ink\"}", ctx);
        assertEquals(List.of("cheap/sketch-v1", "cheap/paint-v1"),
                cheap.editRequests().stream().map(EditRequest::model).toList());
        assertEquals("cheap/sketch-v1", draft.model());
        assertEquals(Cost.ofUsd(0.005), draft.cost());
        assertEquals(Cost.ofUsd(0.03), quality.cost());
    }

    @Test
    void draftFallsBackToQualityWhenNoDraftModelExists() {
        FakeSkillContext onlyQuality = FakeSkillContext.builder().provider(second).build();
        ImageRef ref = onlyQuality.addImage("src", picture, false);
        SkillResult result = SkillHarness.of(new VariateSkill(onlyQuality.providers()))
                .run("{\"image\":{\"embed_id\":\"src\"},\"draft\":true}", onlyQuality);
        assertEquals("second/paint-v2", result.model());
        assertEquals(ref, result.source().orElseThrow());
    }

    @Test
    void explicitModelWinsOverRanking() {
        SkillResult result = SkillHarness.of(new EraseRegionSkill(ctx.providers())).run("{\"image\":{\"embed_id\":"
                + "\"src\"},\"mask\":" + RECT_MASK + ",\"model\":\"second/paint-v2\"}", ctx);
        assertEquals(0, cheap.calls());
        assertEquals("second/paint-v2", second.editRequests().get(0).model());
        assertEquals(Cost.ofUsd(0.08), result.cost());
    }

    @Test
    void sourceArrivesAsThePngItWas() {
        SkillHarness.of(new VariateSkill(ctx.providers())).run("{\"image\":{\"embed_id\":\"src\"}}", ctx);
        EditRequest.SourceImage source = cheap.editRequests().get(0).image();
        assertEquals("image/png", source.mediaType());
        assertEquals(120, source.width());
        assertEquals(80, source.height());
        assertArrayEquals(TestImages.png(picture), source.data(), "a PNG source is passed on as it is");
    }

    @Test
    void fullRenditionInWebpArrivesAsPng() {
        FakeSkillContext webp = FakeSkillContext.builder().provider(cheap).build();
        webp.addImage("src", EditFixtures.losslessWebp(picture), false);
        SkillResult result = SkillHarness.of(new ImageToImageSkill(webp.providers())).run(
                "{\"image\":{\"embed_id\":\"src\",\"format\":\"full\"},\"prompt\":\"ink\"}", webp);
        EditRequest.SourceImage source = cheap.editRequests().get(0).image();
        assertEquals("image/png", source.mediaType(), "providers get PNG even when the rendition is WebP");
        assertTrue(isPng(source.data()), "the bytes are a PNG, not WebP labelled as PNG");
        assertEquals(120 + "x" + 80, source.width() + "x" + source.height());
        assertArrayEquals(argb(picture), argb(TestImages.decode(source.data())), "lossless: the same pixels");
        assertEquals(new ImageRef("src", "full"), result.source().orElseThrow());
    }

    @Test
    void maskArrivesAsGrayPngAtTheImageSize() {
        SkillHarness.of(new InpaintSkill(ctx.providers())).run("{\"image\":{\"embed_id\":\"src\"},\"mask\":"
                + RECT_MASK + ",\"prompt\":\"a red scarf\"}", ctx);
        BufferedImage mask = grayMask(cheap.editRequests().get(0).maskPng().orElseThrow(), 120, 80);
        // rect x 0.25..0.75 of 120 = 30..90, y 0.5..0.75 of 80 = 40..60
        assertEquals(255, gray(mask, 60, 50), "inside the rectangle: edit");
        assertEquals(255, gray(mask, 31, 41));
        assertEquals(0, gray(mask, 10, 10), "outside: keep");
        assertEquals(0, gray(mask, 60, 70));
        assertEquals(0, gray(mask, 100, 50));
    }

    @Test
    void eraseSendsItsMaskAndUnmaskedSkillsSendNone() {
        SkillHarness.of(new EraseRegionSkill(ctx.providers())).run("{\"image\":{\"embed_id\":\"src\"},\"mask\":"
                + "{\"shapes\":[{\"type\":\"ellipse\",\"x\":0,\"y\":0,\"w\":0.5,\"h\":0.5}]}}", ctx);
        SkillHarness.of(new ReplaceBackgroundSkill(ctx.providers()))
                .run("{\"image\":{\"embed_id\":\"src\"},\"prompt\":\"a beach\"}", ctx);
        SkillHarness.of(new RemoveBackgroundSkill(ctx.providers())).run("{\"image\":{\"embed_id\":\"src\"}}", ctx);
        List<EditRequest> requests = cheap.editRequests();
        assertEquals(List.of(ImageOperation.ERASE_REGION, ImageOperation.REPLACE_BACKGROUND,
                ImageOperation.REMOVE_BACKGROUND), requests.stream().map(EditRequest::operation).toList());
        BufferedImage mask = grayMask(requests.get(0).maskPng().orElseThrow(), 120, 80);
        assertEquals(255, gray(mask, 30, 20), "the ellipse's centre");
        assertEquals(0, gray(mask, 90, 60));
        assertFalse(requests.get(1).maskPng().isPresent());
        assertEquals("a beach", requests.get(1).prompt().orElseThrow());
        assertFalse(requests.get(2).maskPng().isPresent());
        assertFalse(requests.get(2).prompt().isPresent());
    }

    @Test
    void strengthSeedAndPromptArriveAsGiven() {
        SkillHarness.of(new ImageToImageSkill(ctx.providers()))
                .run("{\"image\":{\"embed_id\":\"src\"},\"prompt\":\"as an etching\",\"strength\":0.3}", ctx);
        SkillHarness.of(new ImageToImageSkill(ctx.providers()))
                .run("{\"image\":{\"embed_id\":\"src\"},\"prompt\":\"as an etching\"}", ctx);
        SkillHarness.of(new VariateSkill(ctx.providers())).run("{\"image\":{\"embed_id\":\"src\"},\"seed\":42}", ctx);
        SkillHarness.of(new VariateSkill(ctx.providers())).run("{\"image\":{\"embed_id\":\"src\"}}", ctx);
        List<EditRequest> r = cheap.editRequests();
        assertEquals(OptionalDouble.of(0.3), r.get(0).strength());
        assertEquals("as an etching", r.get(0).prompt().orElseThrow());
        assertEquals(OptionalDouble.of(0.5), r.get(1).strength(), "the documented default");
        assertEquals(OptionalLong.empty(), r.get(0).seed());
        assertEquals(OptionalLong.of(42), r.get(2).seed());
        assertEquals(OptionalLong.empty(), r.get(3).seed());
        assertEquals(OptionalDouble.empty(), r.get(2).strength());
        assertEquals(OptionalInt.empty(), r.get(2).scale());
        assertFalse(r.get(2).prompt().isPresent(), "a variation has no prompt");
    }

    @Test
    void resultIsAGenerativeEditOfTheSource() {
        cheap.solidColour(Color.ORANGE);
        SkillResult result = SkillHarness.of(new InpaintSkill(ctx.providers())).run("{\"image\":{\"embed_id\":"
                + "\"src\"},\"mask\":" + RECT_MASK + ",\"prompt\":\"a red scarf\"}", ctx);
        assertEquals(src, result.source().orElseThrow());
        SkillResult.Edit edit = result.edit().orElseThrow();
        assertEquals(SkillResult.Edit.EDITED, edit.action());
        assertTrue(edit.generative(), "a non-local model is generative");
        assertEquals("inpainted the masked region", edit.description().orElseThrow());
        assertEquals("a red scarf", result.prompt().orElseThrow());
        assertEquals("image/png", result.mediaType());
        assertEquals(Color.ORANGE.getRGB(), TestImages.decode(result.image()).getRGB(5, 5), "the provider's pixels");
    }

    @Test
    void localModelEditIsAlgorithmicAndFree() {
        FakeSkillContext offline = FakeSkillContext.builder().provider(local).provider(cheap).build();
        ImageRef ref = offline.addImage("src", picture, false);
        SkillResult result = SkillHarness.of(new EraseRegionSkill(offline.providers())).run("{\"image\":{\"embed_id\":"
                + "\"src\"},\"mask\":" + RECT_MASK + "}", offline);
        assertEquals(1, local.calls());
        assertEquals(0, cheap.calls());
        assertEquals("local/telea-v1", result.model());
        assertEquals(Cost.FREE, result.cost());
        assertEquals(ref, result.source().orElseThrow());
        assertEquals(SkillResult.Edit.EDITED, result.edit().orElseThrow().action());
        assertFalse(result.edit().orElseThrow().generative(), "local/... models are classical algorithms");
    }

    @Test
    void noProviderForTheOperationIsUnavailable() {
        FakeSkillContext bare = FakeSkillContext.builder().provider(generatorOnly).build();
        bare.addImage("src", picture, false);
        assertImagesError(ErrorCodes.PROVIDER_UNAVAILABLE, 503, () -> SkillHarness.of(
                new ReplaceBackgroundSkill(bare.providers())).run("{\"image\":{\"embed_id\":\"src\"},\"prompt\":\"p\"}",
                        bare));
        FakeSkillContext none = FakeSkillContext.create();
        none.addImage("src", picture, false);
        assertImagesError(ErrorCodes.PROVIDER_UNAVAILABLE, 503, () -> SkillHarness.of(
                new VariateSkill(none.providers())).run("{\"image\":{\"embed_id\":\"src\"}}", none));
        assertEquals(0, generatorOnly.calls());
        assertTrue(bare.imagesRead().isEmpty(), "refused before the source is read");
    }

    @Test
    void descriptorListsWhoCanAndTheDefaultPrice() {
        var descriptor = new InpaintSkill(ctx.providers()).descriptor();
        assertEquals(List.of("cheap", "second"), descriptor.providers());
        assertEquals(Cost.ofUsd(0.03), descriptor.cost());
    }
}
