package io.karafimages.provider.local.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderStyle;
import io.karafimages.spi.provider.StyleRequest;

class LocalStyleTest {
    private final LocalImageProvider provider = new LocalImageProvider(0.25, 0);

    private ProviderStyle create(StyleRequest request) {
        return provider.createStyle(request, (f, m) -> { }, () -> false);
    }

    private StyleDescription learn(List<ImageRequest.ReferenceImage> references, String baseStyle) {
        ProviderStyle style = create(StyleReferences.request(references, baseStyle));
        assertEquals(LocalStyles.MODEL, style.modelId());
        return StyleDescription.parse(style.reference());
    }

    private ImagesException refusal(StyleRequest request) {
        return assertThrows(ImagesException.class, () -> create(request));
    }

    @Test
    void thePaletteModelCreatesStylesForFree() {
        ModelInfo model = provider.models().stream().filter(m -> m.id().equals("local/palette-style-v1")).findFirst()
                .orElseThrow();
        assertEquals(Set.of(ImageOperation.CREATE_STYLE), model.operations());
        assertEquals("Offline palette style", model.displayName());
        assertEquals(ModelTier.QUALITY, model.tier());
        assertEquals(Cost.FREE, model.costPerImage());
        assertEquals(List.of(model), provider.models().stream().filter(m -> m.supports(ImageOperation.CREATE_STYLE))
                .toList());
    }

    @Test
    void warmAndCoolReferencesGiveWarmAndCoolPalettes() {
        StyleDescription warm = learn(StyleReferences.warm(2), null);
        StyleDescription cool = learn(StyleReferences.cool(2), null);
        for (StyleDescription style : List.of(warm, cool)) {
            assertTrue(style.colours().length >= 5 && style.colours().length <= 8, "" + style.colours().length);
        }
        double warmHue = StyleReferences.meanHue(warm.colours(), warm.weights());
        double coolHue = StyleReferences.meanHue(cool.colours(), cool.weights());
        assertTrue(warmHue > 0.02 && warmHue < 0.12, "warm palette hue " + warmHue);
        assertTrue(coolHue > 0.52 && coolHue < 0.66, "cool palette hue " + coolHue);
        double heaviestWarm = Colours.toHsv(warm.colours()[0])[0];
        double heaviestCool = Colours.toHsv(cool.colours()[0])[0];
        assertTrue(StyleReferences.hueDistance(heaviestWarm, heaviestCool) > 0.35, heaviestWarm + " " + heaviestCool);
        assertTrue(warm.warmth() > 0.03 && cool.warmth() < -0.03, warm.warmth() + " " + cool.warmth());
        assertTrue(warm.chroma() > 0.08 && cool.chroma() > 0.08, warm.chroma() + " " + cool.chroma());
    }

    @Test
    void oneAndFiveReferencesWork() {
        StyleDescription one = learn(StyleReferences.warm(1), null);
        assertTrue(one.colours().length >= 5);
        List<ImageRequest.ReferenceImage> five = new ArrayList<>(StyleReferences.warm(3));
        five.addAll(StyleReferences.cool(2));
        StyleDescription mixed = learn(five, null);
        assertTrue(mixed.colours().length >= 5 && mixed.colours().length <= 8);
        double warmShare = 0;
        double coolShare = 0;
        for (int i = 0; i < mixed.colours().length; i++) {
            double hue = Colours.toHsv(mixed.colours()[i])[0];
            warmShare += StyleReferences.hueDistance(hue, 0.065) < 0.08 ? mixed.weights()[i] : 0;
            coolShare += StyleReferences.hueDistance(hue, 0.595) < 0.08 ? mixed.weights()[i] : 0;
        }
        // three warm references of five, two cool: the palette covers both in about those shares
        assertTrue(warmShare > 0.45 && warmShare < 0.75, "warm share " + warmShare);
        assertTrue(coolShare > 0.25 && coolShare < 0.55, "cool share " + coolShare);
    }

    @Test
    void aFlatReferenceIsPaddedWithShades() {
        byte[] flat = TestImages.rgbPng(64, 64, (x, y) -> 0x2f6cc4);
        StyleDescription style = learn(List.of(ImageRequest.ReferenceImage.of(flat, "image/png")), null);
        assertEquals(5, style.colours().length);
        assertEquals(0x2f6cc4, style.colours()[0]);
        assertEquals(5, java.util.Arrays.stream(style.colours()).distinct().count());
        double sum = java.util.Arrays.stream(style.weights()).sum();
        assertEquals(1, sum, 0.001);
    }

    @Test
    void theSameReferencesGiveTheSameReference() {
        String a = create(StyleReferences.request(StyleReferences.warm(3), "realistic_image")).reference();
        String b = create(StyleReferences.request(StyleReferences.warm(3), "realistic_image")).reference();
        assertEquals(a, b);
        assertTrue(a.startsWith("local-style/1;render=natural;palette="), a);
        assertTrue(a.length() < 400, a);
        assertEquals(a, StyleDescription.parse(a).encode());
    }

    @Test
    void theBaseStyleChoosesTheRendering() {
        assertEquals(StyleRendering.NATURAL, learn(StyleReferences.cool(1), "realistic_image").rendering());
        assertEquals(StyleRendering.FLAT, learn(StyleReferences.cool(1), "digital_illustration").rendering());
        assertEquals(StyleRendering.FLAT, learn(StyleReferences.cool(1), "icon").rendering());
        assertEquals(StyleRendering.BALANCED, learn(StyleReferences.cool(1), null).rendering());
        assertEquals(StyleRendering.BALANCED, learn(StyleReferences.cool(1), "watercolour").rendering());
        assertTrue(learn(StyleReferences.cool(2), "digital_illustration").colours().length <= 6);
    }

    @Test
    void undecodableReferencesAreUnsupported() {
        List<ImageRequest.ReferenceImage> refs = new ArrayList<>(StyleReferences.warm(1));
        refs.add(ImageRequest.ReferenceImage.of("not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "image/webp"));
        ImagesException e = refusal(StyleReferences.request(refs, null));
        assertEquals("unsupported_image", e.code());
        assertEquals(400, e.httpStatus());
        assertTrue(e.getMessage().contains("reference image 2"), e.getMessage());
    }

    @Test
    void fullyTransparentReferencesAreInvalid() {
        byte[] clear = TestImages.argbPng(32, 32, (x, y) -> 0x00ff8800);
        assertEquals("invalid_input", refusal(StyleReferences.request(List.of(ImageRequest.ReferenceImage.of(clear,
                "image/png")), null)).code());
    }

    @Test
    void anotherModelCannotCreateStyles() {
        StyleRequest request = StyleRequest.of(LocalImageProvider.QUALITY_MODEL, StyleReferences.warm(1), null);
        assertEquals("operation_not_supported", refusal(request).code());
        byte[] png = TestImages.rgbPng(32, 32, (x, y) -> 0x808080);
        ImagesException edit = assertThrows(ImagesException.class, () -> provider.edit(TestImages.request(
                ImageOperation.CREATE_STYLE, LocalStyles.MODEL, png, 32, 32).build(), (f, m) -> { }, () -> false));
        assertEquals("operation_not_supported", edit.code());
    }

    @Test
    void cancellingDuringTheWorkStopsIt() {
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Double> afterCancel = new CopyOnWriteArrayList<>();
        StyleRequest request = StyleReferences.request(StyleReferences.warm(4), null);
        assertThrows(TaskCancelledException.class, () -> provider.createStyle(request, (fraction, message) -> {
            if (cancelled.get()) {
                afterCancel.add(fraction);
            }
            if (fraction > 0.1) {
                cancelled.set(true);
            }
        }, cancelled::get));
        assertTrue(afterCancel.isEmpty(), "progress reported after cancellation: " + afterCancel);
    }

    @Test
    void okLabConvertsBackToTheSameColour() {
        for (int r = 0; r < 256; r += 15) {
            for (int g = 0; g < 256; g += 15) {
                for (int b = 0; b < 256; b += 15) {
                    int rgb = Colours.rgb(r, g, b);
                    double[] lab = OkLab.of(rgb);
                    assertEquals(rgb, OkLab.toRgb(lab[0], lab[1], lab[2]), Integer.toHexString(rgb));
                }
            }
        }
    }
}
