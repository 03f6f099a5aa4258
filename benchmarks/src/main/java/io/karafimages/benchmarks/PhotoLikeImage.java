package io.karafimages.benchmarks;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

/**
 * A deterministic photo-like test image: smooth multi-octave value noise (like sky, skin, foliage), soft
 * shapes and fine grain, so that encoders see real texture instead of flat colour.
 */
final class PhotoLikeImage {
    private PhotoLikeImage() {
    }

    static byte[] png(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        SplittableRandom rnd = new SplittableRandom(42);
        float[][] lattice = new float[66][66];
        for (float[] row : lattice) {
            for (int i = 0; i < row.length; i++) {
                row[i] = rnd.nextFloat();
            }
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double n = 0;
                double amp = 0.5;
                for (int octave = 1; octave <= 4; octave++) {
                    n += amp * noise(lattice, x * 4.0 * octave / size, y * 4.0 * octave / size);
                    amp /= 2;
                }
                double grain = rnd.nextDouble() * 0.06 - 0.03;
                int r = clamp(255 * (0.3 + 0.7 * n + grain));
                int g = clamp(255 * (0.2 + 0.6 * noise(lattice, x * 3.0 / size + 7, y * 3.0 / size) + grain));
                int b = clamp(255 * (0.5 * n + 0.4 * y / size + grain));
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        Graphics2D gfx = img.createGraphics();
        gfx.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int i = 0; i < 25; i++) {
            gfx.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 70));
            int d = size / 12 + rnd.nextInt(size / 5);
            gfx.fillOval(rnd.nextInt(size), rnd.nextInt(size), d, d);
        }
        gfx.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static double noise(float[][] l, double x, double y) {
        int xi = (int) x % 64;
        int yi = (int) y % 64;
        double fx = smooth(x - Math.floor(x));
        double fy = smooth(y - Math.floor(y));
        double top = l[yi][xi] * (1 - fx) + l[yi][xi + 1] * fx;
        double bottom = l[yi + 1][xi] * (1 - fx) + l[yi + 1][xi + 1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, v));
    }
}
