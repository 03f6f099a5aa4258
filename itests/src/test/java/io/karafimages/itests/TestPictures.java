package io.karafimages.itests;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Pictures the editing tests upload: a subject on a plain background, masks, and reading sizes back. */
final class TestPictures {
    private TestPictures() {
    }

    /** A red disc (the subject) on a light grey background. */
    static BufferedImage subjectOnPlainBackground(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xE8E8E8));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0xC0392B));
        g.fillOval(width / 3, height / 4, width / 3, height / 2);
        g.dispose();
        return img;
    }

    /** Random pixels from a fixed seed: a picture no encoder shrinks much, for files larger than a buffer. */
    static BufferedImage noise(int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return img;
    }

    /** A white rectangle on black, as a mask upload. */
    static BufferedImage mask(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return img;
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

    static BufferedImage read(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A WebP with an alpha channel: extended format (VP8X) with the alpha flag, or lossless with alpha used. */
    static boolean webpHasAlpha(byte[] webp) {
        String fourcc = new String(webp, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        if (fourcc.equals("VP8X")) {
            return (webp[20] & 0x10) != 0;
        }
        return fourcc.equals("VP8L") && (webp[24] & 0x10) != 0; // VP8L header: alpha_is_used bit
    }

    static int[] size(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            return new int[] { img.getWidth(), img.getHeight() };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
