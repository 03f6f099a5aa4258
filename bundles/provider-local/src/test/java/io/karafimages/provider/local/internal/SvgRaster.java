package io.karafimages.provider.local.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Test-only reading of the tracer's SVG: parsed with the JDK's DOM parser (no document type allowed), path data
 * read by a small parser of its own (M L H V C Q Z, absolute and relative, implicit repeats), and the paths filled
 * in document order with Java2D, without anti-aliasing, so each pixel is painted by the last path covering its
 * centre.
 */
final class SvgRaster {
    private static final Pattern TOKEN = Pattern.compile(
            "[MmLlHhVvCcQqZz]|[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");

    /** One path element: its fill and its geometry; {@code nodes} counts moves, lines and curves. */
    record Shape(int rgb, Path2D path, int nodes, int subpaths) {
    }

    private SvgRaster() {
    }

    static Document parse(byte[] svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    static List<Shape> shapes(Document doc) {
        NodeList paths = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path");
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            int rgb = Integer.parseInt(path.getAttribute("fill").substring(1), 16);
            int rule = "evenodd".equals(path.getAttribute("fill-rule")) ? Path2D.WIND_EVEN_ODD : Path2D.WIND_NON_ZERO;
            Path2D.Double geometry = new Path2D.Double(rule);
            String d = path.getAttribute("d");
            int nodes = read(d, geometry);
            shapes.add(new Shape(rgb, geometry, nodes, (int) d.chars().filter(c -> c == 'M' || c == 'm').count()));
        }
        return shapes;
    }

    static int[] rasterise(List<Shape> shapes, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        for (Shape shape : shapes) {
            g.setColor(new Color(shape.rgb()));
            g.fill(shape.path());
        }
        g.dispose();
        return img.getRGB(0, 0, width, height, null, 0, width);
    }

    /** Adds the path data to {@code out}; answers how many moves, lines and curves it has. */
    static int read(String d, Path2D.Double out) {
        Matcher m = TOKEN.matcher(d);
        List<String> tokens = new ArrayList<>();
        while (m.find()) {
            tokens.add(m.group());
        }
        int nodes = 0;
        double x = 0;
        double y = 0;
        double sx = 0;
        double sy = 0;
        char command = 0;
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i);
            if (Character.isLetter(t.charAt(0))) {
                command = t.charAt(0);
                i++;
                if (command == 'z' || command == 'Z') {
                    out.closePath();
                    x = sx;
                    y = sy;
                    continue;
                }
            }
            boolean rel = Character.isLowerCase(command);
            double ox = rel ? x : 0;
            double oy = rel ? y : 0;
            switch (Character.toUpperCase(command)) {
                case 'M' -> {
                    x = ox + num(tokens, i++);
                    y = oy + num(tokens, i++);
                    out.moveTo(x, y);
                    sx = x;
                    sy = y;
                    command = rel ? 'l' : 'L'; // pairs after a move are lines
                }
                case 'L' -> {
                    x = ox + num(tokens, i++);
                    y = oy + num(tokens, i++);
                    out.lineTo(x, y);
                }
                case 'H' -> {
                    x = ox + num(tokens, i++);
                    out.lineTo(x, y);
                }
                case 'V' -> {
                    y = oy + num(tokens, i++);
                    out.lineTo(x, y);
                }
                case 'C' -> {
                    double[] c = new double[6];
                    for (int k = 0; k < 6; k++) {
                        c[k] = (k % 2 == 0 ? ox : oy) + num(tokens, i++);
                    }
                    out.curveTo(c[0], c[1], c[2], c[3], c[4], c[5]);
                    x = c[4];
                    y = c[5];
                }
                case 'Q' -> {
                    double[] c = new double[4];
                    for (int k = 0; k < 4; k++) {
                        c[k] = (k % 2 == 0 ? ox : oy) + num(tokens, i++);
                    }
                    out.quadTo(c[0], c[1], c[2], c[3]);
                    x = c[2];
                    y = c[3];
                }
                default -> throw new IllegalArgumentException("unexpected path command " + command + " in " + d);
            }
            nodes++;
        }
        return nodes;
    }

    private static double num(List<String> tokens, int i) {
        String t = tokens.get(i);
        if (Character.isLetter(t.charAt(0))) {
            throw new IllegalArgumentException("a number expected, not " + t);
        }
        return Double.parseDouble(t);
    }
}
