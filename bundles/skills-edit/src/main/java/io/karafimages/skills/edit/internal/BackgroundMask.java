package io.karafimages.skills.edit.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.karafimages.api.ImagesException;

/**
 * Finds the background of a picture when the caller drew no mask, by a classical method: transparent pixels are
 * background; otherwise a flood fill from the border through pixels that continue their neighbour's colour and stay
 * near the border's mean colour. Works on a copy of at most 256 px per side; the mask is scaled back to the image.
 * Good for product shots and portraits on plain backgrounds; busy scenes need a drawn mask. Stateless.
 */
final class BackgroundMask {
    static {
        // Decrypted plaintext must not reach ImageIO's file cache (imageio*.tmp in java.io.tmpdir). JVM-wide,
        // so it also covers streams this bundle does not create itself.
        ImageIO.setUseCache(false);
    }

    private static final int WORK_SIDE = 256;
    private static final int STEP = 28;
    private static final int SPREAD = 110;

    private BackgroundMask() {
    }

    /** An 8-bit gray PNG at the image's size: 255 over the background, 0 over the subject. */
    static byte[] png(BufferedImage image) {
        double scale = Math.min(1.0, (double) WORK_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        int[] px = small.getRGB(0, 0, w, h, null, 0, w);
        boolean transparent = hasTransparency(px);
        boolean[] background = transparent ? byAlpha(px) : byFlood(px, w, h);
        int marked = 0;
        for (boolean b : background) {
            marked += b ? 1 : 0;
        }
        // the flood starts from every border pixel: only what it reaches beyond them shows a background
        int seeds = transparent ? 0 : w == 1 || h == 1 ? px.length : 2 * (w + h) - 4;
        if (marked - seeds < px.length / 100 || marked > px.length * 99 / 100) {
            throw ImagesException.invalid("background_not_found", "No plain background could be told apart from "
                    + "the subject; send a 'mask' that is white over the background.");
        }
        BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < px.length; i++) {
            mask.getRaster().setSample(i % w, i / w, 0, background[i] ? 255 : 0);
        }
        BufferedImage full = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D f = full.createGraphics();
        f.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        f.drawImage(mask, 0, 0, image.getWidth(), image.getHeight(), null);
        f.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(full, "png", ios);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean hasTransparency(int[] px) {
        for (int p : px) {
            if (p >>> 24 < 128) {
                return true;
            }
        }
        return false;
    }

    private static boolean[] byAlpha(int[] px) {
        boolean[] bg = new boolean[px.length];
        for (int i = 0; i < px.length; i++) {
            bg[i] = px[i] >>> 24 < 128;
        }
        return bg;
    }

    private static boolean[] byFlood(int[] px, int w, int h) {
        long r = 0;
        long gr = 0;
        long b = 0;
        int n = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        boolean[] bg = new boolean[px.length];
        for (int i = 0; i < px.length; i++) {
            int x = i % w;
            int y = i / w;
            if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
                r += px[i] >> 16 & 0xff;
                gr += px[i] >> 8 & 0xff;
                b += px[i] & 0xff;
                n++;
                bg[i] = true;
                queue.add(i);
            }
        }
        int mean = (int) (r / n) << 16 | (int) (gr / n) << 8 | (int) (b / n);
        while (!queue.isEmpty()) {
            int i = queue.poll();
            int x = i % w;
            int y = i / w;
            int[] next = { x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1 };
            for (int j : next) {
                if (j >= 0 && !bg[j] && distance(px[j], px[i]) < STEP && distance(px[j], mean) < SPREAD) {
                    bg[j] = true;
                    queue.add(j);
                }
            }
        }
        return bg;
    }

    private static double distance(int a, int b) {
        int dr = (a >> 16 & 0xff) - (b >> 16 & 0xff);
        int dg = (a >> 8 & 0xff) - (b >> 8 & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
