package io.karafimages.provider.onnx.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ServiceRegistry;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Between encoded bytes and ARGB pixels: reads PNG, JPEG (CMYK too) and WebP, writes PNG with alpha. TwelveMonkeys'
 * readers are used through their SPIs from a private registry, as in core, never registered in the JVM-wide
 * {@code IIORegistry} (inside OSGi its class-loader scan does not see bundles, and a global registration would
 * outlive this bundle). Streams are memory-cached, never ImageIO's temp files. Stateless and thread-safe.
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
    private static final List<ImageReaderSpi> READERS = privateReaders();

    private SourceImages() {
    }

    /**
     * TwelveMonkeys' JPEG reader delegates parts of its work to the JDK's and finds it in the registry it is
     * registered with: a private registry holding the JDK's readers gives it that. A reader that could not find its
     * delegate is left out (the JDK's own JPEG reader then decodes).
     */
    private static List<ImageReaderSpi> privateReaders() {
        ServiceRegistry registry = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());
        IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, false)
                .forEachRemaining(spi -> registry.registerServiceProvider(spi, ImageReaderSpi.class));
        ImageReaderSpi webp = new com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi();
        ImageReaderSpi jpeg = new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi();
        registry.registerServiceProvider(webp, ImageReaderSpi.class);
        registry.registerServiceProvider(jpeg, ImageReaderSpi.class);
        return List.of(webp, jpeg).stream().filter(registry::contains).toList();
    }

    /**
     * The source's pixels.
     *
     * @throws ImagesException {@code unsupported_image} when no reader decodes the bytes; {@code image_too_large}
     *         above {@link #MAX_PIXELS}
     */
    static Pixels decode(byte[] encoded) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            ImageReader reader = readerFor(in);
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > MAX_PIXELS) {
                    throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_LARGE, "The image is " + width + "x" + height
                            + "; the ONNX provider cuts out at most " + MAX_PIXELS / 1_000_000 + " megapixels.");
                }
                BufferedImage image = reader.read(0, reader.getDefaultReadParam());
                return new Pixels(image.getRGB(0, 0, width, height, null, 0, width), width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImagesException ie) {
                throw ie;
            }
            throw unsupported();
        }
    }

    private static ImageReader readerFor(ImageInputStream in) throws IOException {
        for (ImageReaderSpi spi : READERS) {
            in.mark();
            boolean ok = spi.canDecodeInput(in);
            in.reset();
            if (ok) {
                return spi.createReaderInstance();
            }
        }
        Iterator<ImageReader> jdk = ImageIO.getImageReaders(in); // PNG, and the JDK's JPEG as a fallback
        if (!jdk.hasNext()) {
            throw unsupported();
        }
        return jdk.next();
    }

    private static ImagesException unsupported() {
        return ImagesException.invalid(ErrorCodes.UNSUPPORTED_IMAGE,
                "The ONNX provider cannot decode the source image: it reads PNG, JPEG and WebP.");
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
