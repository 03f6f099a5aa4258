package io.karafimages.provider.local.internal;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Between encoded bytes and {@link Picture}s, with the JDK's ImageIO only. Streams are memory-cached, never the
 * temp-file cache ImageIO uses by default. Stateless and thread-safe.
 */
final class PixelCodec {
    static {
        // Decrypted plaintext must not reach ImageIO's file cache (imageio*.tmp in java.io.tmpdir). JVM-wide,
        // so it also covers streams this bundle does not create itself.
        ImageIO.setUseCache(false);
    }

    private PixelCodec() {
    }

    /** The source image's pixels; {@code unsupported_image} when no installed ImageIO reader can decode them. */
    static Picture decodeSource(byte[] data) {
        return read(data).orElseThrow(() -> ImagesException.invalid(ErrorCodes.UNSUPPORTED_IMAGE,
                "The local provider cannot decode the source image."));
    }

    /** Reference image {@code number} (from 1) of a style; {@code unsupported_image} when it cannot be decoded. */
    static Picture decodeReference(byte[] data, int number) {
        return read(data).orElseThrow(() -> ImagesException.invalid(ErrorCodes.UNSUPPORTED_IMAGE,
                "The local provider cannot decode reference image " + number + "."));
    }

    /**
     * The mask as one 0..255 value per pixel (255 = edit). A gray PNG gives its samples unchanged; a colour or
     * alpha mask gives its mean of R, G and B scaled by alpha, so transparent means keep.
     */
    static int[] decodeMask(byte[] png, int width, int height) {
        Picture mask = read(png).orElseThrow(() -> ImagesException.invalid(ErrorCodes.INVALID_MASK,
                "The mask is not a readable image."));
        if (mask.width() != width || mask.height() != height) {
            throw ImagesException.invalid(ErrorCodes.MASK_SIZE_MISMATCH, "The mask is " + mask.width() + "x"
                    + mask.height() + ", the image " + width + "x" + height + ".");
        }
        int[] out = new int[mask.size()];
        for (int i = 0; i < out.length; i++) {
            int p = mask.argb()[i];
            int mean = (Colours.red(p) + Colours.green(p) + Colours.blue(p)) / 3;
            out[i] = mean * Colours.alpha(p) / 255;
        }
        return out;
    }

    static byte[] encodePng(Picture picture) {
        BufferedImage img = new BufferedImage(picture.width(), picture.height(),
                picture.alpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, picture.width(), picture.height(), picture.argb(), 0, picture.width());
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("the JDK's PNG writer is missing");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(img);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static Optional<Picture> read(byte[] data) {
        BufferedImage img;
        try {
            // ImageIO.read closes the stream itself; a memory cache holds nothing else to release
            ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data));
            img = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // corrupt data reads as "cannot decode", like no reader at all
        }
        if (img == null || img.getWidth() <= 0 || img.getHeight() <= 0) {
            return Optional.empty();
        }
        ColorModel cm = img.getColorModel();
        int[] argb = isPlainGray(cm) ? graySamples(img) : img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0,
                img.getWidth());
        return Optional.of(new Picture(img.getWidth(), img.getHeight(), argb, cm.hasAlpha()));
    }

    private static boolean isPlainGray(ColorModel cm) {
        return !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /**
     * Gray samples taken as they are. {@code getRGB} would pass them through Java's linear-gray colour space and
     * change every mid-tone, so an untouched pixel would not come back byte for byte.
     */
    private static int[] graySamples(BufferedImage img) {
        Raster raster = img.getRaster();
        int bits = img.getColorModel().getComponentSize(0);
        boolean alpha = raster.getNumBands() > 1;
        int w = img.getWidth();
        int[] out = new int[w * img.getHeight()];
        int[] gray = new int[w];
        int[] a = new int[w];
        for (int y = 0; y < img.getHeight(); y++) {
            raster.getSamples(0, y, w, 1, 0, gray);
            if (alpha) {
                raster.getSamples(0, y, w, 1, 1, a);
            }
            for (int x = 0; x < w; x++) {
                int v = to8(gray[x], bits);
                out[y * w + x] = Colours.argb(alpha ? to8(a[x], bits) : 255, v, v, v);
            }
        }
        return out;
    }

    private static int to8(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        return bits > 8 ? sample >>> (bits - 8) : sample * 255 / ((1 << bits) - 1);
    }
}
