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
