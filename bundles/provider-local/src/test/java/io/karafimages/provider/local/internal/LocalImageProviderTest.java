package io.karafimages.provider.local.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import io.karafimages.api.AspectRatio;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageRequest;

class LocalImageProviderTest {
    private final LocalImageProvider provider = new LocalImageProvider(1.0, 0);

    @ParameterizedTest
    @EnumSource(AspectRatio.class)
    void paintsAboutOneMegapixelAtExactlyTheRequestedRatio(AspectRatio ratio) throws IOException {
        GeneratedImage image = provider.generate(ImageRequest.builder(LocalImageProvider.QUALITY_MODEL, "a cat").aspectRatio(ratio).references(List.of()).build(), (f, m) -> { }, () -> false);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(image.data()));
        assertEquals("image/png", image.mediaType());
        assertEquals((double) ratio.width() / ratio.height(), (double) img.getWidth() / img.getHeight(), 1e-9);
        long pixels = (long) img.getWidth() * img.getHeight();
        assertTrue(pixels > 900_000 && pixels <= 1_000_000, ratio + ": " + pixels);
        assertTrue(image.modelId().startsWith("local/"), "the model id says it is local");
    }

    @Test
    void samePromptSamePicture() {
        ImageRequest r = ImageRequest.builder(null, "a cat").aspectRatio(AspectRatio.SQUARE).references(List.of()).build();
        byte[] a = provider.generate(r, (f, m) -> { }, () -> false).data();
        byte[] b = provider.generate(r, (f, m) -> { }, () -> false).data();
        assertArrayEquals(a, b);
        byte[] c = provider.generate(ImageRequest.builder(null, "a dog").aspectRatio(AspectRatio.SQUARE).references(List.of()).build(), (f, m) -> { },
                () -> false).data();
        assertFalse(java.util.Arrays.equals(a, c));
    }
}
