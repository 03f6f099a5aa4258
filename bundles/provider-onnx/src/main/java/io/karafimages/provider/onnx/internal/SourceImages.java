package io.karafimages.provider.onnx.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.imaging.ImageDecoder;
import io.karafimages.imaging.ImageException;
import io.karafimages.imaging.ImageHeader;

/**
 * Between encoded bytes and ARGB pixels: reads PNG, JPEG (CMYK too) and WebP with the imaging module's decoder (the
 * one the pipeline uses), writes PNG with alpha. Streams are memory-cached, never ImageIO's temp files. Stateless
 * and thread-safe.
 */
final class SourceImages {
    static {
        // Decrypted plaintext must not reach ImageIO's file cache (imageio*.tmp in java.io.tmpdir). JVM-wide,
        // so it also covers streams this bundle does not create itself.
        ImageIO.setUseCache(false);
    }

    /** A decoded picture as packed ARGB, row-major. */
    record Pixels(int[] argb, int width, int height) {
    }

    /** Larger sources are refused from their header, before a pixel is decoded (core accepts 40 MP by default). */
    static final long MAX_PIXELS = 64_000_000L;
    private static final ImageDecoder DECODER = new ImageDecoder(MAX_PIXELS);

    private SourceImages() {
    }

    /**
     * The source's pixels, through the imaging module's decoder (PNG, JPEG with CMYK, WebP).
     *
     * @throws ImagesException {@code unsupported_image} when no reader decodes the bytes; {@code image_too_large}
     *         above {@link #MAX_PIXELS}, from the header
     */
    static Pixels decode(byte[] encoded) {
        BufferedImage image;
        try {
            image = DECODER.decode(encoded);
        } catch (ImageException e) {
            if (e.reason() == ImageException.Reason.TOO_LARGE) {
                ImageHeader header = ImageHeader.read(encoded).orElseThrow();
                throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_LARGE, "The image is " + header.width() + "x"
                        + header.height() + "; the ONNX provider cuts out at most " + MAX_PIXELS / 1_000_000
                        + " megapixels.");
            }
            throw ImagesException.invalid(ErrorCodes.UNSUPPORTED_IMAGE,
                    "The ONNX provider cannot decode the source image: it reads PNG, JPEG and WebP.");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        return new Pixels(image.getRGB(0, 0, width, height, null, 0, width), width, height);
    }

    /** A PNG with an alpha channel (8 bits per sample, RGBA). */
    static byte[] png(Pixels pixels) {
        BufferedImage image = new BufferedImage(pixels.width(), pixels.height(), BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, pixels.width(), pixels.height(), pixels.argb(), 0, pixels.width());
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("the JDK's PNG writer is missing");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
