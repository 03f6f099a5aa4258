package io.karafimages.core.internal.pipeline;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ServiceRegistry;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import io.karafimages.api.ImagesException;

/**
 * Reads PNG, JPEG (incl. CMYK) and WebP. Uses TwelveMonkeys' reader SPIs from a private registry instead of
 * registering them in the JVM-wide {@code IIORegistry} (inside OSGi the registry's class-loader scan does not see
 * bundles, and global registrations outlive a bundle), then falls back to the JDK's own readers. Refuses
 * images over the pixel limit from their header, before any pixel is decoded. Reads through a memory cache,
 * never ImageIO's temp files (the bytes are decrypted plaintext).
 */
public final class ImageDecoder {
    /** Dimensions and format of an encoded image, read from its header. */
    public record Probe(int width, int height, String formatName) {
    }

    private final List<ImageReaderSpi> readers;
    private final long maxPixels;

    ImageDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
        this.readers = privateReaders();
    }

    /**
     * TwelveMonkeys' JPEG reader delegates parts of its work to the JDK's and finds it in the registry it is
     * registered with. A private registry holding the JDK's readers gives it that without touching the
     * JVM-wide one.
     */
    private static List<ImageReaderSpi> privateReaders() {
        ServiceRegistry registry = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());
        IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, false)
                .forEachRemaining(spi -> registry.registerServiceProvider(spi, ImageReaderSpi.class));
        ImageReaderSpi webp = new com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi();
        ImageReaderSpi jpeg = new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi();
        registry.registerServiceProvider(webp, ImageReaderSpi.class);
        registry.registerServiceProvider(jpeg, ImageReaderSpi.class);
        List<ImageReaderSpi> ours = new ArrayList<>();
        for (ImageReaderSpi spi : List.of(webp, jpeg)) {
            if (registry.contains(spi)) {
                ours.add(spi);
            }
        }
        return List.copyOf(ours);
    }

    Probe probe(byte[] encoded) {
        return withReader(encoded, reader -> new Probe(reader.getWidth(0), reader.getHeight(0),
                reader.getFormatName().toLowerCase(java.util.Locale.ROOT)));
    }

    BufferedImage decode(byte[] encoded) {
        return withReader(encoded, reader -> reader.read(0, reader.getDefaultReadParam()));
    }

    private interface ReaderAction<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private <T> T withReader(byte[] encoded, ReaderAction<T> action) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            ImageReader reader = readerFor(in);
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw ImagesException.invalid("image_too_large", "The image has " + pixels
                            + " pixels; this instance accepts at most " + maxPixels + ".");
                }
                return action.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImagesException ie) {
                throw ie;
            }
            throw ImagesException.invalid("unsupported_image", "The image could not be read: " + e.getMessage());
        }
    }

    private ImageReader readerFor(ImageInputStream in) throws IOException {
        for (ImageReaderSpi spi : readers) {
            in.mark();
            boolean ok = spi.canDecodeInput(in);
            in.reset();
            if (ok) {
                return spi.createReaderInstance();
            }
        }
        Iterator<ImageReader> jdk = ImageIO.getImageReaders(in);
        if (jdk.hasNext()) {
            return jdk.next();
        }
        throw ImagesException.invalid("unsupported_image", "The data is not a PNG, JPEG or WebP image.");
    }
}
