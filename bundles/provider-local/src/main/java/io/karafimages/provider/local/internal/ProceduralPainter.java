package io.karafimages.provider.local.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.karafimages.api.AspectRatio;

/** Paints a deterministic abstract picture from a prompt: same prompt and ratio, same pixels. Stateless. */
final class ProceduralPainter {
    static {
        // Decrypted plaintext must not reach ImageIO's file cache (imageio*.tmp in java.io.tmpdir). JVM-wide,
        // so it also covers streams this bundle does not create itself.
        ImageIO.setUseCache(false);
    }

    private ProceduralPainter() {
    }

    /** Size with exactly the requested ratio and about {@code megapixels} pixels. */
    static int[] size(AspectRatio ratio, double megapixels) {
        int unit = (int) Math.floor(Math.sqrt(megapixels * 1_000_000 / (ratio.width() * ratio.height())));
        return new int[] { unit * ratio.width(), unit * ratio.height() };
    }

    static byte[] paintPng(String prompt, AspectRatio ratio, double megapixels) {
        BufferedImage img = render(prompt, ratio, megapixels);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(img, "png", ios);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The same picture as {@link #paintPng}, as pixels, for a step that changes them before encoding. */
    static Picture paint(String prompt, AspectRatio ratio, double megapixels) {
        BufferedImage img = render(prompt, ratio, megapixels);
        int w = img.getWidth();
        int h = img.getHeight();
        return new Picture(w, h, img.getRGB(0, 0, w, h, null, 0, w), false);
    }

    private static BufferedImage render(String prompt, AspectRatio ratio, double megapixels) {
        int[] size = size(ratio, megapixels);
        SplittableRandom rnd = new SplittableRandom(seed(prompt + "|" + ratio.wireName()));
        BufferedImage img = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, color(rnd, 255), size[0], size[1], color(rnd, 255)));
            g.fillRect(0, 0, size[0], size[1]);
            int shapes = 12 + rnd.nextInt(12);
            for (int i = 0; i < shapes; i++) {
                g.setColor(color(rnd, 90 + rnd.nextInt(120)));
                double d = (0.05 + rnd.nextDouble() * 0.4) * Math.min(size[0], size[1]);
                Ellipse2D e = new Ellipse2D.Double(rnd.nextDouble() * size[0] - d / 2, rnd.nextDouble() * size[1] - d / 2,
                        d, d);
                if (rnd.nextBoolean()) {
                    g.fill(e);
                } else {
                    g.setStroke(new BasicStroke((float) (2 + rnd.nextDouble() * 10)));
                    g.draw(e);
                }
            }
            g.setColor(new Color(255, 255, 255, 220));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(14, size[1] / 30)));
            String caption = prompt.length() > 80 ? prompt.substring(0, 77) + "..." : prompt;
            g.drawString(caption, size[1] / 30, size[1] - size[1] / 30);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static Color color(SplittableRandom rnd, int alpha) {
        return new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), Math.min(255, alpha));
    }

    private static long seed(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (h[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
