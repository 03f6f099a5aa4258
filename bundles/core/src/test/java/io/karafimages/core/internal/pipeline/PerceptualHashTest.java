package io.karafimages.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class PerceptualHashTest {

    @Test
    void theSamePictureResizedOrRecolouredSlightlyKeepsItsHash() {
        BufferedImage a = scene(1200, 800, 0);
        String h = PerceptualHash.of(a);
        assertEquals(16, h.length());
        assertTrue(PerceptualHash.distance(h, PerceptualHash.of(scene(600, 400, 0))) <= PerceptualHash.SAME_PICTURE);
        assertTrue(PerceptualHash.distance(h, PerceptualHash.of(scene(1200, 800, 12))) <= PerceptualHash.SAME_PICTURE);
    }

    @Test
    void aDifferentPictureIsFarAway() {
        String a = PerceptualHash.of(scene(800, 600, 0));
        String b = PerceptualHash.of(other(800, 600));
        assertTrue(PerceptualHash.distance(a, b) > PerceptualHash.SAME_PICTURE * 2, "distance "
                + PerceptualHash.distance(a, b));
        assertEquals(64, PerceptualHash.distance(a, "not hex"));
    }

    private static BufferedImage scene(int w, int h, int tint) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(20 + tint, 40, 120), w, h, new Color(250, 200, 90)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(30, 30 + tint, 30));
        g.fillOval(w / 5, h / 4, w / 3, h / 2);
        g.setColor(Color.WHITE);
        g.fillRect(w * 3 / 5, h / 6, w / 4, h / 3);
        g.dispose();
        return img;
    }

    private static BufferedImage other(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int i = 0; i < 8; i++) {
            g.setColor(i % 2 == 0 ? Color.BLACK : new Color(200, 220, 255));
            g.fillRect(0, i * h / 8, w, h / 8);
        }
        g.setColor(Color.RED);
        g.fillOval(w / 2, h / 3, w / 3, h / 2);
        g.dispose();
        return img;
    }
}
