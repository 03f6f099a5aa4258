package io.karafimages.provider.onnx.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntBinaryOperator;

import javax.imageio.ImageIO;

import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.ImageOperation;

/** Pictures for the tests, encoded and decoded with the JDK's ImageIO. */
final class TestPictures {
    private TestPictures() {
    }

    /** A PNG whose pixel (x, y) is {@code argb(x, y)}; with an alpha channel when {@code alpha}. */
    static byte[] png(int width, int height, boolean alpha, IntBinaryOperator argb) {
        BufferedImage image = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, argb.applyAsInt(x, y));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage read(byte[] encoded) {
        try {
            return ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EditRequest request(ImageOperation operation, String model, byte[] png, int width, int height) {
        return EditRequest.builder(operation, model, EditRequest.SourceImage.of(png, "image/png", width, height))
                .build();
    }
}
