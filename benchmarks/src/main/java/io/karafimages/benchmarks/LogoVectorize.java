package io.karafimages.benchmarks;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * The vectorize reference picture: a 512x512 flat logo (disc, ring with a hole, triangle, a word) in five colours,
 * antialiased as a real logo is, and how to count what an SVG made of it holds.
 */
final class LogoVectorize {
    static final int SIZE = 512;
    private static final Color[] COLOURS = { new Color(0xFFFFFF), new Color(0x1B4F9C), new Color(0xF2A900),
        new Color(0xD6332A), new Color(0x222222) };
    private static final Pattern FILL = Pattern.compile("fill=\"(#[0-9a-fA-F]{3,8})\"");
    private static final Pattern COMMAND = Pattern.compile("[MmLlHhVvCcSsQqTtAaZz]");
    private static final Pattern NUMBER = Pattern.compile("-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern PATH_D = Pattern.compile("<path[^>]*\\sd=\"([^\"]*)\"");

    private LogoVectorize() {
    }

    static int inputColours() {
        return COLOURS.length;
    }

    static byte[] png() {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(COLOURS[0]);
        g.fillRect(0, 0, SIZE, SIZE);
        g.setColor(COLOURS[1]);
        g.fillOval(40, 40, 220, 220);
        g.setColor(COLOURS[2]);
        g.fillOval(290, 60, 180, 180);
        g.setColor(COLOURS[0]);
        g.fillOval(340, 110, 80, 80);
        g.setColor(COLOURS[3]);
        Path2D triangle = new Path2D.Double();
        triangle.moveTo(256, 280);
        triangle.lineTo(400, 420);
        triangle.lineTo(112, 420);
        triangle.closePath();
        g.fill(triangle);
        g.setColor(COLOURS[4]);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 56));
        g.drawString("KARAF", 150, 490);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Paths, path nodes (the coordinate pairs of all path data: anchors and control points) and fill colours. */
    record Counts(int paths, int nodes, int commands, int fills, int bytes) {
    }

    static Counts count(String svg) {
        int paths = 0;
        int numbers = 0;
        int commands = 0;
        Matcher d = PATH_D.matcher(svg);
        while (d.find()) {
            paths++;
            commands += (int) COMMAND.matcher(d.group(1)).results().count();
            numbers += (int) NUMBER.matcher(d.group(1)).results().count();
        }
        Set<String> fills = new HashSet<>();
        Matcher f = FILL.matcher(svg);
        while (f.find()) {
            fills.add(f.group(1).toLowerCase());
        }
        return new Counts(paths, numbers / 2, commands, fills.size(), svg.length());
    }
}
