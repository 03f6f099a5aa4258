package io.karafimages.core.internal.masks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.skill.MaskRef;
import io.karafimages.spi.skill.MaskShape;

/**
 * Draws {@link MaskShape}s (fractions of the image's width and height) into a gray mask at the image's size,
 * 255 = edit, with an optional feathered edge. Shapes are drawn without anti-aliasing so that an unfeathered mask
 * has only 0 and 255, which is what strict providers (Recraft) accept; the feather then softens the edge on purpose.
 * Stateless.
 */
public final class MaskRasterizer {
    private MaskRasterizer() {
    }

    /** Checks a shape list without drawing it at full size: well-formed, and not empty. */
    public static void check(MaskRef ref) {
        GrayMask probe = draw(ref.shapes(), 0, 256, 256);
        if (probe.coverage() == 0) {
            throw ImagesException.invalid(ErrorCodes.MASK_EMPTY, "The mask marks no pixel; draw at least one "
                    + "shape with a non-zero area.");
        }
    }

    public static GrayMask draw(List<MaskShape> shapes, double feather, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(Color.WHITE);
            for (int i = 0; i < shapes.size(); i++) {
                paint(g, shapes.get(i), i, width, height);
            }
        } finally {
            g.dispose();
        }
        if (feather > 0) {
            Feather.apply(((DataBufferByte) img.getRaster().getDataBuffer()).getData(), width, height, feather);
        }
        return GrayMask.of(img);
    }

    private static void paint(Graphics2D g, MaskShape s, int index, int width, int height) {
        String at = "$.mask.shapes[" + index + "]";
        switch (s.type()) {
            case "rect" -> g.fill(box(s, at, width, height, false));
            case "ellipse" -> g.fill(box(s, at, width, height, true));
            case "polygon" -> g.fill(path(s.points(), 3, at, width, height, true));
            case "stroke" -> {
                if (s.width() == null || s.width() <= 0) {
                    throw invalid(at + ".width", "must be a fraction above 0 of the shorter side");
                }
                float w = (float) Math.max(1, s.width() * Math.min(width, height));
                g.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                Path2D p = path(s.points(), 1, at, width, height, false);
                if (s.points().size() == 1) {
                    double x = s.points().get(0).get(0) * width;
                    double y = s.points().get(0).get(1) * height;
                    g.fill(new Ellipse2D.Double(x - w / 2, y - w / 2, w, w));
                } else {
                    g.draw(p);
                }
            }
            default -> throw invalid(at + ".type", "must be rect, ellipse, polygon or stroke");
        }
    }

    private static Shape box(MaskShape s, String at, int width, int height, boolean ellipse) {
        if (s.x() == null || s.y() == null || s.w() == null || s.h() == null) {
            throw invalid(at, "needs x, y, w and h");
        }
        double x = s.x() * width;
        double y = s.y() * height;
        double w = Math.min(s.w(), 1 - s.x()) * width;
        double h = Math.min(s.h(), 1 - s.y()) * height;
        return ellipse ? new Ellipse2D.Double(x, y, w, h) : new Rectangle2D.Double(x, y, w, h);
    }

    private static Path2D path(List<List<Double>> points, int min, String at, int width, int height,
            boolean close) {
        if (points == null || points.size() < min) {
            throw invalid(at + ".points", "needs at least " + min + " point" + (min > 1 ? "s" : ""));
        }
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < points.size(); i++) {
            List<Double> pt = points.get(i);
            if (pt == null || pt.size() != 2 || pt.get(0) == null || pt.get(1) == null || pt.get(0) < 0
                    || pt.get(0) > 1 || pt.get(1) < 0 || pt.get(1) > 1) {
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

    private static ImagesException invalid(String at, String what) {
        return ImagesException.invalid(ErrorCodes.INVALID_MASK, "'" + at + "' " + what + ".");
    }
}
