package io.karafimages.provider.recraft.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.ImageIO;

import io.karafimages.spi.provider.EditRequest.SourceImage;

/** Images and masks for the tests, drawn in memory. */
final class TestImages {
    /** The colour of every test source: far from every colour the simulator paints. */
    static final Color SOURCE = new Color(40, 90, 200);

    private TestImages() {
    }

    static SourceImage source(int width, int height) {
        return SourceImage.of(png(width, height), "image/png", width, height);
    }

    static byte[] png(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(SOURCE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return encode(img, "png");
    }

    /**
     * A product shot: a white background, a {@link #SOURCE} rectangle over the middle half in each direction, and a
     * white hole in its centre (a tenth of the short side): light, but not joined to the border.
     */
    static byte[] subjectPng(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(SOURCE);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        int hole = Math.min(width, height) / 10;
        g.setColor(Color.WHITE);
        g.fillRect(width / 2 - hole / 2, height / 2 - hole / 2, hole, hole);
        g.dispose();
        return encode(img, "png");
    }

    /** Random, partly transparent pixels: a PNG that stays over 10 MB and cannot become a JPEG. */
    static byte[] noiseArgbPng(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(11);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = random.nextInt();
            }
            img.setRGB(0, y, width, 1, row, 0, width);
        }
        return encode(img, "png");
    }

    /** Random pixels: a PNG of them does not compress, so 2048x2048 is about 12.6 MB. */
    static byte[] noisePng(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = random.nextInt(0x1000000);
            }
            img.setRGB(0, y, width, 1, row, 0, width);
        }
        return encode(img, "png");
    }

    /** An 8-bit gray mask, 255 inside the rectangle, 0 elsewhere: the runtime's convention. */
    static byte[] rectMask(int width, int height, int x, int y, int w, int h) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(x, y, w, h);
        g.dispose();
        return encode(mask, "png");
    }

    /** An 8-bit gray mask of one grey level everywhere. */
    static byte[] greyMask(int width, int height, int level) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        g.setColor(new Color(level, level, level));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return encode(mask, "png");
    }

    /** A horizontal ramp: column x has grey level x * 255 / (width - 1), like a feathered edge. */
    static byte[] rampMask(int width, int height) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] row = new byte[width];
        for (int x = 0; x < width; x++) {
            row[x] = (byte) (x * 255 / (width - 1));
        }
        for (int y = 0; y < height; y++) {
            mask.getRaster().setDataElements(0, y, width, 1, row);
        }
        return encode(mask, "png");
    }

    static BufferedImage decode(byte[] data) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(data));
            if (img == null) {
                throw new IllegalArgumentException("not an image");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether two colours differ by at most {@code tolerance} in every channel. */
    static boolean near(int rgb, Color expected, int tolerance) {
        Color c = new Color(rgb);
        return Math.abs(c.getRed() - expected.getRed()) <= tolerance
                && Math.abs(c.getGreen() - expected.getGreen()) <= tolerance
                && Math.abs(c.getBlue() - expected.getBlue()) <= tolerance;
    }

    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
