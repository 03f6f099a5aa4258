package io.karafimages.provider.local.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.karafimages.api.AspectRatio;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageRequest;

class LocalStyledGenerationTest {
    private static final String PROMPT = "a quiet harbour with boats at dawn";
    private static final double MEGAPIXELS = 0.25;

    private final LocalImageProvider provider = new LocalImageProvider(MEGAPIXELS, 0);
    private final String warm = style(StyleReferences.warm(2), null);
    private final String cool = style(StyleReferences.cool(2), null);

    private String style(java.util.List<ImageRequest.ReferenceImage> references, String baseStyle) {
        return provider.createStyle(StyleReferences.request(references, baseStyle), (f, m) -> { }, () -> false)
                .reference();
    }

    private GeneratedImage generate(String style) {
        ImageRequest request = ImageRequest.builder(style == null ? null : LocalStyles.MODEL, PROMPT)
                .aspectRatio(AspectRatio.LANDSCAPE_16_9).style(style).build();
        return provider.generate(request, (f, m) -> { }, () -> false);
    }

    @Test
    void styledPicturesTakeTheColoursOfTheirStyle() {
        int[] plain = TestImages.pixels(generate(null).data());
        GeneratedImage warmImage = generate(warm);
        GeneratedImage coolImage = generate(cool);
        assertEquals(LocalStyles.MODEL, warmImage.modelId());
        assertEquals("image/png", warmImage.mediaType());
        assertArrayEquals(TestImages.size(generate(null).data()), TestImages.size(warmImage.data()));
        int[] warmPixels = TestImages.pixels(warmImage.data());
        int[] coolPixels = TestImages.pixels(coolImage.data());

        double[] plainMean = StyleReferences.meanRgb(plain);
        double[] warmMean = StyleReferences.meanRgb(warmPixels);
        double[] coolMean = StyleReferences.meanRgb(coolPixels);
        assertTrue(warmMean[0] - warmMean[2] > 50, "warm picture is red over blue: " + Arrays.toString(warmMean));
        assertTrue(coolMean[2] - coolMean[0] > 50, "cool picture is blue over red: " + Arrays.toString(coolMean));
        assertTrue(distance(warmMean, coolMean) > 80, Arrays.toString(warmMean) + " " + Arrays.toString(coolMean));
        assertTrue(distance(warmMean, plainMean) > 30, Arrays.toString(warmMean) + " " + Arrays.toString(plainMean));
        assertTrue(distance(coolMean, plainMean) > 30, Arrays.toString(coolMean) + " " + Arrays.toString(plainMean));

        StyleDescription warmStyle = StyleDescription.parse(warm);
        StyleDescription coolStyle = StyleDescription.parse(cool);
        double warmHue = StyleReferences.meanHue(warmPixels);
        double coolHue = StyleReferences.meanHue(coolPixels);
        assertTrue(StyleReferences.hueDistance(warmHue, StyleReferences.meanHue(warmStyle.colours(),
                warmStyle.weights())) < 0.05, "warm picture hue " + warmHue);
        assertTrue(StyleReferences.hueDistance(coolHue, StyleReferences.meanHue(coolStyle.colours(),
                coolStyle.weights())) < 0.05, "cool picture hue " + coolHue);
    }

    @Test
    void theShapesSurviveTheRemap() {
        int[] plain = TestImages.pixels(generate(null).data());
        int[] styled = TestImages.pixels(generate(cool).data());
        double[] plainLight = new double[plain.length];
        double[] styledLight = new double[plain.length];
        for (int i = 0; i < plain.length; i++) {
            plainLight[i] = OkLab.of(plain[i])[0];
            styledLight[i] = OkLab.of(styled[i])[0];
        }
        double correlation = correlation(plainLight, styledLight);
        assertTrue(correlation > 0.7, "lightness follows the unstyled picture: " + correlation);
    }

    @Test
    void styledGenerationIsDeterministic() {
        assertArrayEquals(generate(warm).data(), generate(warm).data());
        assertEquals(warm, style(StyleReferences.warm(2), null));
    }

    @Test
    void aRequestWithoutStyleIsTheProceduralPicture() {
        GeneratedImage image = generate(null);
        assertArrayEquals(ProceduralPainter.paintPng(PROMPT, AspectRatio.LANDSCAPE_16_9, MEGAPIXELS), image.data());
        assertEquals(LocalImageProvider.QUALITY_MODEL, image.modelId());
    }

    @Test
    void aFlatStyleUsesFewerColoursThanANaturalOne() {
        String flat = style(StyleReferences.cool(2), "digital_illustration");
        String natural = style(StyleReferences.cool(2), "realistic_image");
        long flatColours = Arrays.stream(TestImages.pixels(generate(flat).data())).distinct().count();
        long naturalColours = Arrays.stream(TestImages.pixels(generate(natural).data())).distinct().count();
        assertTrue(flatColours * 2 < naturalColours, flatColours + " flat against " + naturalColours + " natural");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "garbage", "local-style/2;render=flat;palette=ee8a2a:1.0000",
        "local-style/1;render=flat;palette=ee8a2a:0.2500,c4521f:0.2500,102030:0.2500,405060:0.2500;"
            + "lightness=0.5000;contrast=0.1000;chroma=0.1000;warmth=0.0000",
        "local-style/1;render=glossy;palette=ee8a2a:0.2000,c4521f:0.2000,102030:0.2000,405060:0.2000,708090:0.2000;"
            + "lightness=0.5000;contrast=0.1000;chroma=0.1000;warmth=0.0000",
        "local-style/1;render=flat;palette=ee8a2a:0.2000,c4521f:0.2000,102030:0.2000,405060:0.2000,708090:0.5000;"
            + "lightness=0.5000;contrast=0.1000;chroma=0.1000;warmth=0.0000",
        "local-style/1;render=flat;palette=ee8a2a:0.2000,c4521f:0.2000,102030:0.2000,405060:0.2000,708090:0.2000;"
            + "lightness=1.5000;contrast=0.1000;chroma=0.1000;warmth=0.0000",
        "local-style/1;render=flat;palette=EE8A2A:0.2000,c4521f:0.2000,102030:0.2000,405060:0.2000,708090:0.2000;"
            + "lightness=0.5000;contrast=0.1000;chroma=0.1000;warmth=0.0000",
        "local-style/1;render=flat;palette=ee8a2a:0.2000,c4521f:0.2000,102030:0.2000,405060:0.2000,708090:0.2000;"
            + "lightness=0.5000;contrast=0.1000;chroma=0.1000",
        "local-style/1;render=flat;palette=ee8a2a:0.2000,c4521f:0.2000,102030:0.2000,405060:0.2000,708090:0.2000;"
            + "lightness=0.5000;contrast=0.1000;chroma=0.1000;warmth=0.0000;extra=1" })
    void aMalformedStyleIsRefusedBeforeAnyWork(String reference) {
        AtomicInteger reports = new AtomicInteger();
        ImageRequest request = ImageRequest.builder(LocalStyles.MODEL, PROMPT).style(reference).build();
        ImagesException e = assertThrows(ImagesException.class, () -> provider.generate(request,
                (f, m) -> reports.incrementAndGet(), () -> false));
        assertEquals("invalid_style", e.code());
        assertEquals(400, e.httpStatus());
        assertEquals(0, reports.get());
    }

    @Test
    void aWellFormedHandWrittenStyleIsAccepted() {
        String reference = "local-style/1;render=flat;palette=ee8a2a:0.2000,c4521f:0.2000,102030:0.2000,"
                + "405060:0.2000,708090:0.2000;lightness=0.5000;contrast=0.1000;chroma=0.1000;warmth=0.0000";
        assertEquals(LocalStyles.MODEL, generate(reference).modelId());
    }

    private static double distance(double[] p, double[] q) {
        return Math.sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
    }

    private static double correlation(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
