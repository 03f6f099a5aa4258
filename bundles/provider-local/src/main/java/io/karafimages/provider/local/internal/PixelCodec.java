package io.karafimages.provider.local.internal;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.function.Supplier;

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
 * Between encoded bytes and {@link Picture}s: decoding through the imaging module's {@link ImageDecoder} (PNG, JPEG
 * with CMYK, WebP; the pixel limit checked on the header before a pixel is allocated, which also turns ImageIO's
 * temp-file cache off), PNG encoding with the JDK's writer on a memory-cached stream. Stateless and thread-safe.
 */
final class PixelCodec {
    /**
     * Sources and references with more pixels are refused from their header. The runtime's own limit
     * ({@code images.pipeline} {@code max.pixels}, 40 MP by default) is lower and governs; this is the provider's
     * guard against a decompression bomb (a small file that decodes to gigabytes), the same as the upscaler's.
     */
    static final long MAX_PIXELS = LanczosUpscaler.MAX_OUTPUT_PIXELS;
    private static final ImageDecoder DECODER = new ImageDecoder(MAX_PIXELS);

    private PixelCodec() {
    }

    /**
     * The source image's pixels.
     *
     * @throws ImagesException {@code unsupported_image} when it is not a readable PNG, JPEG or WebP,
     *         {@code image_too_large} over {@link #MAX_PIXELS}
     */
    static Picture decodeSource(byte[] data) {
        return read(data, DECODER, () -> ImagesException.invalid(ErrorCodes.UNSUPPORTED_IMAGE,
                "The local provider cannot decode the source image."));
    }

    /** Reference image {@code number} (from 1) of a style; errors as {@link #decodeSource}. */
    static Picture decodeReference(byte[] data, int number) {
        return read(data, DECODER, () -> ImagesException.invalid(ErrorCodes.UNSUPPORTED_IMAGE,
                "The local provider cannot decode reference image " + number + "."));
    }

    /**
     * The mask as one 0..255 value per pixel (255 = edit). A gray PNG gives its samples unchanged; a colour or
     * alpha mask gives its mean of R, G and B scaled by alpha, so transparent means keep. A mask with more pixels
     * than the image is refused from its header, before it is decoded.
     *
     * @throws ImagesException {@code invalid_mask} when unreadable, {@code mask_size_mismatch} for another size
     */
    static int[] decodeMask(byte[] png, int width, int height) {
        Supplier<ImagesException> unreadable = () -> ImagesException.invalid(ErrorCodes.INVALID_MASK,
                "The mask is not a readable image.");
        ImageHeader header = ImageHeader.read(png).orElseThrow(unreadable);
        if (header.width() != width || header.height() != height) {
            throw sizeMismatch(header.width(), header.height(), width, height);
        }
        Picture mask = read(png, new ImageDecoder(Math.max(1, (long) width * height)), unreadable);
        if (mask.width() != width || mask.height() != height) {
            throw sizeMismatch(mask.width(), mask.height(), width, height); // the header said otherwise
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

    private static ImagesException sizeMismatch(int maskWidth, int maskHeight, int width, int height) {
        return ImagesException.invalid(ErrorCodes.MASK_SIZE_MISMATCH, "The mask is " + maskWidth + "x" + maskHeight
                + ", the image " + width + "x" + height + ".");
    }

    private static Picture read(byte[] data, ImageDecoder decoder, Supplier<ImagesException> unreadable) {
        BufferedImage img;
        try {
            img = decoder.decode(data);
        } catch (ImageException e) {
            if (e.reason() == ImageException.Reason.TOO_LARGE) {
                throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_LARGE, e.getMessage());
            }
            throw unreadable.get(); // corrupt data reads as "cannot decode", like an unknown format
        }
        ColorModel cm = img.getColorModel();
        int[] argb = isPlainGray(cm) ? graySamples(img) : img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0,
                img.getWidth());
        return new Picture(img.getWidth(), img.getHeight(), argb, cm.hasAlpha());
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
