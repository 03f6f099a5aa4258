package io.karafimages.imaging;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
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

/**
 * The decoder: PNG, JPEG (CMYK and YCCK included) and WebP. The pixel limit is checked on the header
 * ({@link ImageHeader#read}) before a reader is even created, and again on the reader's own idea of the size before
 * it reads, so no image over the limit allocates its pixels, rotated or not. TwelveMonkeys' reader SPIs (embedded in
 * this bundle) are used from a private registry, never registered in the JVM-wide {@code IIORegistry} (inside OSGi
 * its class-loader scan does not see bundles, and global registrations outlive a bundle); PNG goes to the JDK's
 * reader. Reads through a memory cache; ImageIO's disk cache is turned off for the JVM when this class loads (the
 * bytes are decrypted plaintext, which must not reach {@code imageio*.tmp} files). Thread-safe: a reader per call.
 */
public final class ImageDecoder {
    /** The limit the product ships with: 40 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    static {
        // JVM-wide on purpose: any ImageIO stream made without an explicit memory cache (a plugin's, another
        // bundle's) would otherwise spool decrypted pixels to imageio*.tmp under java.io.tmpdir.
        ImageIO.setUseCache(false);
    }

    private static final List<ImageReaderSpi> READERS = privateReaders();

    private final long maxPixels;

    /** @param maxPixels images with more pixels (width times height) are refused, at least 1 */
    public ImageDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /** @return the pixel limit */
    public long maxPixels() {
        return maxPixels;
    }

    /**
     * The header, refused when over the limit. Allocates nothing proportional to the image.
     *
     * @throws ImageException {@code unsupported_image} without a readable header, {@code image_too_large} over the
     *                        limit
     */
    public ImageHeader probe(byte[] encoded) {
        ImageHeader header = ImageHeader.read(encoded).orElseThrow(() -> ImageException.unsupported(
                "The data is not a PNG, JPEG or WebP image."));
        if (header.pixels() > maxPixels) {
            throw ImageException.tooLarge(header.pixels(), maxPixels);
        }
        return header;
    }

    /**
     * The pixels as stored (an EXIF orientation is not applied).
     *
     * @throws ImageException {@code image_too_large} from the header, {@code unsupported_image} when unreadable
     */
    public BufferedImage decode(byte[] encoded) {
        probe(encoded);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            ImageReader reader = readerFor(in);
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw ImageException.tooLarge(pixels, maxPixels); // the reader saw a bigger frame than we did
                }
                return reader.read(0, reader.getDefaultReadParam());
            } finally {
                reader.dispose();
            }
        } catch (ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ImageException.unsupported("The image could not be read: " + e.getMessage());
        }
    }

    /**
     * The pixels upright: decoded, then turned as the EXIF orientation says. The limit holds from the header, so a
     * rotation allocates at most two more rasters of an image under the limit.
     *
     * @throws ImageException as {@link #decode}
     */
    public BufferedImage decodeUpright(byte[] encoded) {
        int orientation = probe(encoded).orientation();
        return upright(decode(encoded), orientation);
    }

    /**
     * @param image       pixels as stored
     * @param orientation EXIF orientation 1..8
     * @return the upright image (the input itself for 1)
     */
    public static BufferedImage upright(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> t.setTransform(-1, 0, 0, 1, w, 0);
            case 3 -> t.setTransform(-1, 0, 0, -1, w, h);
            case 4 -> t.setTransform(1, 0, 0, -1, 0, h);
            case 5 -> t.setTransform(0, 1, 1, 0, 0, 0);
            case 6 -> t.setTransform(0, 1, -1, 0, h, 0);
            case 7 -> t.setTransform(0, -1, -1, 0, h, w);
            case 8 -> t.setTransform(0, -1, 1, 0, 0, w);
            default -> {
                return image;
            }
        }
        boolean swap = orientation >= 5;
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage dst = new BufferedImage(swap ? h : w, swap ? w : h, type);
        new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(ofType(image, type), dst);
        return dst;
    }

    private static BufferedImage ofType(BufferedImage src, int type) {
        if (src.getType() == type) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), type);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    /**
     * TwelveMonkeys' JPEG reader delegates parts of its work to the JDK's and finds it in the registry it is
     * registered with. A private registry holding the JDK's readers gives it that without touching the JVM-wide one.
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

    private static ImageReader readerFor(ImageInputStream in) throws IOException {
        for (ImageReaderSpi spi : READERS) {
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
        throw ImageException.unsupported("The data is not a PNG, JPEG or WebP image.");
    }
}
