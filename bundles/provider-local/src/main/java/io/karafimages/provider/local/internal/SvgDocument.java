package io.karafimages.provider.local.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The traced SVG: an SVG 1.1 root sized in pixels with a matching viewBox, then {@code path} elements in drawing
 * order, each with a {@code fill} colour and the default non-zero fill rule. Shapes of one colour that follow each
 * other in the stacking order share one element. Nothing else is written: no script, style, text or reference.
 * Not thread-safe.
 */
final class SvgDocument {
    private final StringBuilder svg = new StringBuilder(4096);
    private PathData pending;
    private int pendingColour = -1;
    private int paths;
    private int nodes;

    SvgDocument(int width, int height) {
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\">\n");
    }

    /** Where the next shape of colour {@code rgb} (0xRRGGBB) is written. */
    PathData path(int rgb) {
        if (pending == null || rgb != pendingColour) {
            flush();
            pending = new PathData();
            pendingColour = rgb;
        }
        return pending;
    }

    /** The document's bytes (UTF-8); nothing may be added after. */
    byte[] finish() {
        flush();
        svg.append("</svg>\n");
        return svg.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The number of path elements written. */
    int paths() {
        return paths;
    }

    /** The number of subpath starts, lines and curves written. */
    int nodes() {
        return nodes;
    }

    private void flush() {
        if (pending != null && !pending.isEmpty()) {
            svg.append("<path fill=\"#").append(String.format(Locale.ROOT, "%06x", pendingColour & 0xffffff))
                    .append("\" d=\"").append(pending).append("\"/>\n");
            paths++;
            nodes += pending.nodes();
        }
        pending = null;
    }
}
