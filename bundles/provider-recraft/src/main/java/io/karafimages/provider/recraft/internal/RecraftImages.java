package io.karafimages.provider.recraft.internal;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.twelvemonkeys.image.ResampleOp;

import io.karafimages.imaging.ImageDecoder;
import io.karafimages.imaging.ImageException;

/**
 * The pixel work around a Recraft call: decoding PNG, JPEG (CMYK too) and WebP with the images-imaging decoder (the
 * pixel limit from the header), scaling without aliasing, encoding PNG or JPEG, and turning the runtime's mask into
 * Recraft's. Stateless and thread-safe.
 */
final class RecraftImages {
    static {
        // Decrypted plaintext must not reach ImageIO's file cache (imageio*.tmp in java.io.tmpdir). JVM-wide,
        // so it also covers streams this bundle does not create itself.
        ImageIO.setUseCache(false);
    }

    /** A mask in Recraft's convention: an 8-bit grayscale PNG holding only 0 (keep) and 255 (edit). */
    record BinaryMask(byte[] png, long editPixels) {
    }

    private static final int EDIT_THRESHOLD = 128;
    private static final ImageDecoder DECODER = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

    private RecraftImages() {
    }

    /**
     * The decoded image as packed RGB or ARGB, or empty when the bytes are not a readable PNG, JPEG or WebP or have
     * more pixels than {@link ImageDecoder#DEFAULT_MAX_PIXELS} (refused from the header before any pixel is
     * allocated: Recraft's answers are decoded here, and an answer is not trusted to be small).
     */
    static Optional<BufferedImage> decode(byte[] encoded) {
        try {
            return Optional.of(packed(DECODER.decode(encoded)));
        } catch (ImageException e) {
            return Optional.empty();
        }
    }

    /**
     * Scales to exactly {@code width x height}. Downscales halve with a 2x2 box filter while the image is at least
     * twice the target (cheap and alias-free), then finish with Lanczos; upscales use Mitchell, which rings less
     * than Lanczos on the hard edges an edit leaves.
     */
    static BufferedImage resize(BufferedImage image, int width, int height) {
        return resize(image, width, height, ResampleOp.FILTER_MITCHELL);
    }

    /**
     * Like {@link #resize}, but Lanczos when enlarging too: an upscale's result brought to the asked factor should
     * keep all the sharpness Recraft gave it.
     */
    static BufferedImage resample(BufferedImage image, int width, int height) {
        return resize(image, width, height, ResampleOp.FILTER_LANCZOS);
    }

    private static BufferedImage resize(BufferedImage image, int width, int height, int upFilter) {
        BufferedImage current = packed(image);
        if (current.getWidth() == width && current.getHeight() == height) {
            return current;
        }
        while (current.getWidth() >= 2 * width && current.getHeight() >= 2 * height) {
            current = halve(current);
        }
        boolean up = current.getWidth() < width || current.getHeight() < height;
        ResampleOp op = new ResampleOp(width, height, up ? upFilter : ResampleOp.FILTER_LANCZOS);
        if (!hasAlpha(current)) {
            return op.filter(current, null);
        }
        // filtered premultiplied, else the colour of transparent pixels (black in a cut-out) darkens the edges
        BufferedImage premultiplied = converted(current, BufferedImage.TYPE_INT_ARGB_PRE);
        return converted(op.filter(premultiplied, null), BufferedImage.TYPE_INT_ARGB);
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", ios)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** JPEG at a high quality, for opaque images whose PNG is too large to upload. */
    static byte[] jpeg(BufferedImage opaque, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(opaque, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * The runtime's mask (8-bit gray, 255 = edit, possibly feathered) as Recraft wants it: the given size
     * (nearest neighbour, so no new grey appears), thresholded at 128, an 8-bit grayscale PNG.
     *
     * @return empty when the mask cannot be read
     */
    static Optional<BinaryMask> binaryMask(byte[] maskPng, int width, int height) {
        BufferedImage mask;
        try {
            mask = DECODER.decode(maskPng); // the one decoder: its size is checked from the header first
        } catch (RuntimeException e) { // ImageException (unreadable, too large) or a broken stream
            return Optional.empty();
        }
        int[] gray = grayLevels(mask);
        int sw = mask.getWidth();
        int sh = mask.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] row = new byte[width];
        long edit = 0;
        for (int y = 0; y < height; y++) {
            int sy = Math.min(sh - 1, (int) ((y + 0.5) * sh / height));
            for (int x = 0; x < width; x++) {
                int sx = Math.min(sw - 1, (int) ((x + 0.5) * sw / width));
                boolean on = gray[sy * sw + sx] >= EDIT_THRESHOLD;
                row[x] = on ? (byte) 255 : 0;
                edit += on ? 1 : 0;
            }
            out.getRaster().setDataElements(0, y, width, 1, row);
        }
        return Optional.of(new BinaryMask(png(out), edit));
    }

    /** Gray level per pixel: the sample of a one-band mask, else the luminance of its colours. */
    private static int[] grayLevels(BufferedImage mask) {
        int w = mask.getWidth();
        int h = mask.getHeight();
        Raster raster = mask.getRaster();
        if (raster.getNumBands() == 1) {
            int[] samples = raster.getSamples(0, 0, w, h, 0, new int[w * h]);
            int bits = raster.getSampleModel().getSampleSize(0);
            if (bits != 8) { // 1-bit or 16-bit gray: bring to 0..255
                int max = (1 << bits) - 1;
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = samples[i] * 255 / max;
                }
            }
            return samples;
        }
        int[] rgb = mask.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            rgb[i] = (299 * (p >> 16 & 255) + 587 * (p >> 8 & 255) + 114 * (p & 255)) / 1000;
        }
        return rgb;
    }

    static boolean hasAlpha(BufferedImage image) {
        return image.getColorModel().hasAlpha();
    }

    /** TYPE_INT_RGB or TYPE_INT_ARGB: what ResampleOp and the box filter are fast on. */
    static BufferedImage packed(BufferedImage image) {
        return converted(image, hasAlpha(image) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    }

    private static BufferedImage converted(BufferedImage image, int type) {
        if (image.getType() == type) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        g.setComposite(AlphaComposite.Src);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    /**
     * Whether PNG bytes carry transparency: colour type 4 or 6 (an alpha channel), or a {@code tRNS} chunk before
     * the image data. Read from the chunk headers, without decoding.
     */
    static boolean pngHasAlpha(byte[] png) {
        final int ihdrColourType = 8 + 8 + 9; // signature, IHDR length and type, then width, height, bit depth
        if (png.length <= ihdrColourType || !"IHDR".equals(new String(png, 12, 4, StandardCharsets.ISO_8859_1))) {
            return false;
        }
        int colourType = png[ihdrColourType] & 0xff;
        if (colourType == 4 || colourType == 6) {
            return true;
        }
        int at = 8;
        while (at + 8 <= png.length) {
            long length = ((png[at] & 0xffL) << 24) | (png[at + 1] & 0xff) << 16 | (png[at + 2] & 0xff) << 8
                    | (png[at + 3] & 0xff);
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("tRNS")) {
                return true;
            }
            if (type.equals("IDAT") || type.equals("IEND")) {
                return false;
            }
            long next = at + 12L + length; // length, type, data, CRC
            if (next > png.length) {
                return false;
            }
            at = (int) next;
        }
        return false;
    }

    /** 2x2 box average (alpha-weighted colour when the image has alpha). */
    private static BufferedImage halve(BufferedImage src) {
        int w = src.getWidth() / 2;
        int h = src.getHeight() / 2;
        boolean alpha = src.getType() == BufferedImage.TYPE_INT_ARGB;
        int[] row0 = new int[src.getWidth()];
        int[] row1 = new int[src.getWidth()];
        int[] out = new int[w];
        BufferedImage dst = new BufferedImage(w, h, src.getType());
        for (int y = 0; y < h; y++) {
            src.getRGB(0, 2 * y, src.getWidth(), 1, row0, 0, src.getWidth());
            src.getRGB(0, 2 * y + 1, src.getWidth(), 1, row1, 0, src.getWidth());
            for (int x = 0; x < w; x++) {
                out[x] = average(row0[2 * x], row0[2 * x + 1], row1[2 * x], row1[2 * x + 1], alpha);
            }
            dst.setRGB(0, y, w, 1, out, 0, w);
        }
        return dst;
    }

    private static int average(int p0, int p1, int p2, int p3, boolean alpha) {
        int a0 = alpha ? p0 >>> 24 : 1;
        int a1 = alpha ? p1 >>> 24 : 1;
        int a2 = alpha ? p2 >>> 24 : 1;
        int a3 = alpha ? p3 >>> 24 : 1;
        int sum = a0 + a1 + a2 + a3;
        if (sum == 0) {
            return 0;
        }
        int r = ((p0 >> 16 & 255) * a0 + (p1 >> 16 & 255) * a1 + (p2 >> 16 & 255) * a2 + (p3 >> 16 & 255) * a3
                + sum / 2) / sum;
        int g = ((p0 >> 8 & 255) * a0 + (p1 >> 8 & 255) * a1 + (p2 >> 8 & 255) * a2 + (p3 >> 8 & 255) * a3
                + sum / 2) / sum;
        int b = ((p0 & 255) * a0 + (p1 & 255) * a1 + (p2 & 255) * a2 + (p3 & 255) * a3 + sum / 2) / sum;
        int a = alpha ? (sum + 2) >> 2 : 255;
        return a << 24 | r << 16 | g << 8 | b;
    }
}
