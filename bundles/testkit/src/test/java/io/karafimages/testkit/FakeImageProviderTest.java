package io.karafimages.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.karafimages.api.AspectRatio;
import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageProvider.ProgressListener;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderCatalog;

class FakeImageProviderTest {
    private final List<Double> progress = new ArrayList<>();
    private final ProgressListener listener = (fraction, message) -> progress.add(fraction);

    @Test
    void withAnEmptyScriptItGeneratesASolidPngInTheAskedAspectRatio() {
        FakeImageProvider provider = new FakeImageProvider("fake").solidColour(Color.GREEN);
        ImageRequest request = ImageRequest.builder(null, "a meadow").aspectRatio(AspectRatio.LANDSCAPE_16_9)
                .build();
        GeneratedImage image = provider.generate(request, listener, () -> false);
        assertEquals("image/png", image.mediaType());
        assertEquals("fake/fake-v1", image.modelId());
        BufferedImage pixels = TestImages.decode(image.data());
        assertEquals(256, pixels.getWidth());
        assertEquals(144, pixels.getHeight());
        assertEquals(Color.GREEN.getRGB(), pixels.getRGB(10, 10));
        assertEquals(List.of(request), provider.generateRequests());
        assertEquals(List.of(1.0), progress);
    }

    @Test
    void answersScriptedBytesAndFailuresInOrderThenFallsBackToSolidImages() {
        byte[] scripted = TestImages.solidPng(3, 3, Color.RED);
        ImagesException busy = ImagesException.unavailable("provider_unavailable", "busy", null, null);
        FakeImageProvider provider = new FakeImageProvider("fake").thenThrow(busy).thenReturn(scripted, "image/png");
        ImageRequest request = ImageRequest.builder("fake/fake-v1", "x").build();

        assertSame(busy, assertThrows(ImagesException.class, () -> provider.generate(request, listener, () -> false)));
        assertArrayEquals(scripted, provider.generate(request, listener, () -> false).data());
        assertEquals(256, TestImages.decode(provider.generate(request, listener, () -> false).data()).getWidth());
        assertEquals(3, provider.calls());
    }

    @Test
    void editsAnswerAtTheSourceSizeAndAreRecorded() {
        FakeImageProvider provider = new FakeImageProvider("fake");
        EditRequest request = EditRequest.builder(ImageOperation.INPAINT, "fake/fake-v1",
                EditRequest.SourceImage.of(TestImages.solidPng(30, 20, Color.BLUE), "image/png", 30, 20))
                .prompt("a hat").maskPng(new byte[] { 1 }).build();
        BufferedImage result = TestImages.decode(provider.edit(request, listener, () -> false).data());
        assertEquals(30, result.getWidth());
        assertEquals(20, result.getHeight());
        assertEquals(List.of(request), provider.editRequests());
    }

    @Test
    void refusesOperationsItsModelsLackAndStopsWhenCancelled() {
        FakeImageProvider generateOnly = new FakeImageProvider("gen", ModelInfo.of("gen/v1", ModelTier.DRAFT,
                Cost.FREE));
        EditRequest erase = EditRequest.builder(ImageOperation.ERASE_REGION, "gen/v1",
                EditRequest.SourceImage.of(new byte[] { 1 }, "image/png", 1, 1)).build();
        assertEquals("operation_not_supported", assertThrows(ImagesException.class,
                () -> generateOnly.edit(erase, listener, () -> false)).code());

        assertThrows(TaskCancelledException.class, () -> generateOnly.generate(ImageRequest.builder(null, "x")
                .build(), listener, () -> true));
        assertEquals(0, generateOnly.calls());
    }

    @Test
    void theContextsCatalogRanksProvidersInTheOrderGivenAndFallsBackAcrossTiers() {
        FakeImageProvider quality = new FakeImageProvider("q");
        FakeImageProvider draft = new FakeImageProvider("d", ModelInfo.of("d/draft", ModelTier.DRAFT, Cost.FREE));
        ProviderCatalog catalog = FakeSkillContext.builder().provider(quality).provider(draft).build().providers();

        assertEquals(List.of(quality, draft), catalog.providers());
        assertEquals("d/draft", catalog.forTier(ModelTier.DRAFT).orElseThrow().model().id());
        assertEquals("q/fake-v1", catalog.forTier(ModelTier.QUALITY).orElseThrow().model().id());
        assertSame(draft, catalog.forModel("d/draft").orElseThrow().provider());
        assertTrue(catalog.forModel("nope").isEmpty());
        assertEquals(2, catalog.all(ImageOperation.GENERATE).size());
        assertEquals(1, catalog.all(ImageOperation.INPAINT).size());

        ProviderCatalog draftOnly = FakeSkillContext.builder().provider(draft).build().providers();
        assertEquals("d/draft", draftOnly.forTier(ModelTier.QUALITY).orElseThrow().model().id(), "fallback");
        ProviderCatalog strict = FakeSkillContext.builder().provider(draft).tierFallback(false).build().providers();
        assertTrue(strict.forTier(ModelTier.QUALITY).isEmpty());
    }
}
