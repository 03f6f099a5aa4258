package io.karafimages.testkit.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.skill.MaskShape;

/**
 * Turns the two kinds of mask input into a {@link GrayMask} at an image's size: shapes in fractions of the image,
 * drawn without anti-aliasing (an unfeathered mask holds only 0 and 255), or an uploaded picture where white and
 * opaque mean edit. Stateless.
 */
public final class MaskPainter {
    /** How far an uploaded mask's aspect ratio may differ from its image's before it is refused. */
    private static final double RATIO_TOLERANCE = 0.01;

    private MaskPainter() {
    }

    public static GrayMask shapes(List<MaskShape> shapes, double feather, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(Color.WHITE);
            for (int i = 0; i < shapes.size(); i++) {
                paint(g, shapes.get(i), "$.mask.shapes[" + i + "]", width, height);
            }
        } finally {
            g.dispose();
        }
        byte[] gray = ((DataBufferByte) img.getRaster().getDataBuffer()).getData().clone();
        return new GrayMask(width, height, feather > 0 ? BoxBlur.apply(gray, width, height, feather) : gray);
    }

    /** An uploaded mask: gray = luminance x alpha, scaled to the image when the aspect ratios match. */
    public static GrayMask uploaded(BufferedImage mask, int width, int height) {
        double ratio = (double) mask.getWidth() / mask.getHeight();
        double wanted = (double) width / height;
        if (Math.abs(ratio - wanted) / wanted > RATIO_TOLERANCE) {
            throw ImagesException.invalid(ErrorCodes.MASK_SIZE_MISMATCH, "The mask is " + mask.getWidth() + "x"
                    + mask.getHeight() + " but the image is " + width + "x" + height + ": the aspect ratios differ.");
        }
        BufferedImage gray = new BufferedImage(mask.getWidth(), mask.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < mask.getHeight(); y++) {
            for (int x = 0; x < mask.getWidth(); x++) {
                int argb = mask.getRGB(x, y);
                int lum = (((argb >> 16) & 0xff) * 299 + ((argb >> 8) & 0xff) * 587 + (argb & 0xff) * 114) / 1000;
                out[y * mask.getWidth() + x] = (byte) (lum * (argb >>> 24) / 255);
            }
        }
        if (gray.getWidth() == width && gray.getHeight() == height) {
            return GrayMask.of(gray);
        }
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(gray, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return GrayMask.of(scaled);
    }

    private static void paint(Graphics2D g, MaskShape s, String at, int width, int height) {
        switch (s.type() == null ? "" : s.type()) {
            case "rect" -> g.fill(new Rectangle2D.Double(s(s.x(), at) * width, s(s.y(), at) * height,
                    s(s.w(), at) * width, s(s.h(), at) * height));
            case "ellipse" -> g.fill(new Ellipse2D.Double(s(s.x(), at) * width, s(s.y(), at) * height,
                    s(s.w(), at) * width, s(s.h(), at) * height));
            case "polygon" -> g.fill(path(s.points(), 3, at, width, height, true));
            case "stroke" -> stroke(g, s, at, width, height);
            default -> throw invalid(at + ".type", "must be rect, ellipse, polygon or stroke");
        }
    }

    private static void stroke(Graphics2D g, MaskShape s, String at, int width, int height) {
        if (s.width() == null || s.width() <= 0) {
            throw invalid(at + ".width", "must be a fraction above 0 of the shorter side");
        }
        float w = (float) Math.max(1, s.width() * Math.min(width, height));
        Path2D p = path(s.points(), 1, at, width, height, false);
        if (s.points().size() == 1) {
            // a single point is a dot of the stroke's width, as a pen would leave
            double x = s.points().get(0).get(0) * width;
            double y = s.points().get(0).get(1) * height;
            g.fill(new Ellipse2D.Double(x - w / 2, y - w / 2, w, w));
        } else {
            g.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(p);
        }
    }

    private static Path2D path(List<List<Double>> points, int min, String at, int width, int height, boolean close) {
        if (points == null || points.size() < min) {
            throw invalid(at + ".points", "needs at least " + min + (min == 1 ? " point" : " points"));
        }
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < points.size(); i++) {
            List<Double> pt = points.get(i);
            if (pt == null || pt.size() != 2 || !fraction(pt.get(0)) || !fraction(pt.get(1))) {
                throw invalid(at + ".points[" + i + "]", "must be [x, y] with fractions from 0 to 1");
            }
            if (i == 0) {
                p.moveTo(pt.get(0) * width, pt.get(1) * height);
            } else {
                p.lineTo(pt.get(0) * width, pt.get(1) * height);
            }
        }
        if (close) {
            p.closePath();
        }
        return p;
    }

    private static double s(Double value, String at) {
        if (!fraction(value)) {
            throw invalid(at, "needs x, y, w and h as fractions from 0 to 1");
        }
        return value;
    }

    private static boolean fraction(Double v) {
        return v != null && v >= 0 && v <= 1;
    }

    private static ImagesException invalid(String at, String what) {
        return ImagesException.invalid(ErrorCodes.INVALID_MASK, "'" + at + "' " + what + ".");
    }
}
