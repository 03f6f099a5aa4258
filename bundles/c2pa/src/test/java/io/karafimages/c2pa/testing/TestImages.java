package io.karafimages.c2pa.testing;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.luciad.imageio.webp.WebPWriteParam;

/** Deterministic test images made with the JDK (and the libwebp encoder for WebP). */
public final class TestImages {

    /** PNG pixel layouts. */
    public enum PngKind { RGB, RGBA, RGB16, PALETTE }

    private TestImages() {
    }

    /**
     * @param kind   pixel layout
     * @param width  width
     * @param height height
     * @return PNG bytes
     */
    public static byte[] png(PngKind kind, int width, int height) {
        BufferedImage image;
        switch (kind) {
            case RGBA:
                image = painted(width, height, BufferedImage.TYPE_INT_ARGB);
                break;
            case PALETTE:
                image = painted(width, height, BufferedImage.TYPE_BYTE_INDEXED);
                break;
            case RGB16:
                image = rgb16(width, height);
                break;
            default:
                image = painted(width, height, BufferedImage.TYPE_INT_RGB);
        }
        return encode(image, "png");
    }

    /**
     * @param width  width
     * @param height height
     * @return baseline JPEG (JFIF) bytes
     */
    public static byte[] jpeg(int width, int height) {
        return encode(painted(width, height, BufferedImage.TYPE_INT_RGB), "jpg");
    }

    /**
     * @param width    width
     * @param height   height
     * @param lossless VP8L instead of VP8
     * @param alpha    with transparency (lossy: VP8X + ALPH; lossless: VP8L with the alpha bit)
     * @return WebP bytes
     */
    public static byte[] webp(int width, int height, boolean lossless, boolean alpha) {
        BufferedImage image = painted(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByMIMEType("image/webp").next();
        WebPWriteParam param = new WebPWriteParam(Locale.ROOT);
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(param.getCompressionTypes()[lossless ? WebPWriteParam.LOSSLESS_COMPRESSION : WebPWriteParam.LOSSY_COMPRESSION]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * @param name a file in the verifier's {@code fixtures/src} or {@code fixtures/upstream/...}
     * @return its bytes
     */
    public static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(TestCa.verifierHome().resolve("fixtures").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage painted(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Random noise = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / Math.max(1, width - 1);
                int g = y * 255 / Math.max(1, height - 1);
                int b = (x ^ y) & 0xff ^ noise.nextInt(16);
                int a = type == BufferedImage.TYPE_INT_ARGB ? 64 + (x + y) % 192 : 255;
                image.setRGB(x, y, (a << 24) | (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static BufferedImage rgb16(int width, int height) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {x * 65535 / Math.max(1, width - 1), y * 65535 / Math.max(1, height - 1), (x * y) & 0xffff});
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @param dir   folder
     * @param name  file name
     * @param bytes content
     * @return the written file
     */
    public static Path write(Path dir, String name, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
