package io.karafimages.provider.local.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.ImageOperation;

/** Builds test images and masks as PNG bytes and reads results back. */
final class TestImages {
    /** Pixel colour (0xRRGGBB) or mask value (0..255) at x, y. */
    @FunctionalInterface
    interface PixelFunction {
        int at(int x, int y);
    }

    private TestImages() {
    }

    static byte[] rgbPng(int w, int h, PixelFunction rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb.at(x, y));
            }
        }
        return png(img);
    }

    /** An RGBA PNG; {@code argb} gives 0xAARRGGBB, colour kept as given even under alpha 0. */
    static byte[] argbPng(int w, int h, PixelFunction argb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, argb.at(x, y));
            }
        }
        return png(img);
    }

    /** An 8-bit gray PNG, written sample by sample (no colour conversion). */
    static byte[] grayPng(int w, int h, PixelFunction value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, value.at(x, y));
            }
        }
        return png(img);
    }

    static int[] pixels(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] size(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            return new int[] { img.getWidth(), img.getHeight() };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the PNG has an alpha channel at all. */
    static boolean hasAlpha(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png)).getColorModel().hasAlpha();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EditRequest.Builder request(ImageOperation operation, String model, byte[] png, int w, int h) {
        return EditRequest.builder(operation, model, EditRequest.SourceImage.of(png, "image/png", w, h));
    }

    /** Mean absolute difference per channel (R, G, B) between two pixels. */
    static double difference(int p, int q) {
        return (Math.abs((p >> 16 & 0xff) - (q >> 16 & 0xff)) + Math.abs((p >> 8 & 0xff) - (q >> 8 & 0xff))
                + Math.abs((p & 0xff) - (q & 0xff))) / 3.0;
    }

    private static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
