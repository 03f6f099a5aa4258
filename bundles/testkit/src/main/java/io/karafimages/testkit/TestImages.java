package io.karafimages.testkit;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.osgi.annotation.versioning.ProviderType;

/** Small images for tests: make them, encode them, read them back. Stateless and thread-safe. */
@ProviderType
public final class TestImages {
    private TestImages() {
    }

    /** A {@code width x height} image of one colour. */
    public static BufferedImage solid(int width, int height, Color colour) {
        int type = colour.getAlpha() == 255 ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB;
        BufferedImage img = new BufferedImage(width, height, type);
        Graphics2D g = img.createGraphics();
        try {
            g.setComposite(java.awt.AlphaComposite.Src);
            g.setColor(colour);
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** A PNG of one colour. */
    public static byte[] solidPng(int width, int height, Color colour) {
        return png(solid(width, height, colour));
    }

    /** A one-rectangle SVG document of this size and colour, as a vectorising provider would answer. */
    public static byte[] solidSvg(int width, int height, Color colour) {
        String fill = String.format("#%06x", colour.getRGB() & 0xffffff);
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\"><rect width=\"" + width + "\" height=\"" + height
                + "\" fill=\"" + fill + "\"/></svg>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The image encoded as PNG. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalArgumentException("ImageIO cannot write this image as PNG");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes PNG or JPEG bytes (WebP too when a WebP reader is on the class path).
     *
     * @throws IllegalArgumentException when no reader can decode them
     */
    public static BufferedImage decode(byte[] encoded) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(encoded));
            if (img == null) {
                throw new IllegalArgumentException("No ImageIO reader can decode these " + encoded.length + " bytes");
            }
            return img;
        } catch (IOException e) {
            throw new IllegalArgumentException("The bytes are not a readable image", e);
        }
    }
}
