package io.karafimages.testsupport.providers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import io.karafimages.testsupport.providers.RecraftDrawing.Picture;

/**
 * The "vectorizer" of {@link RecraftSimulator}: a crude trace of the input into an SVG, so tests can see that an
 * SVG of the right size and colours came back. The image is cut into square blocks, {@link #GRID} along its long
 * side, and each block becomes a {@code <rect>} of its average colour (alpha-weighted; {@code fill-opacity} when
 * the block is partly transparent, nothing when it is fully transparent); equal neighbours in a row are merged into
 * one rect. The root {@code <svg>} has {@code width}, {@code height} and {@code viewBox="0 0 W H"} of the input. A
 * WebP input, which the simulator cannot decode, becomes one light-grey rect.
 *
 * <p>The hostile variant ({@link RecraftSimulator#hostileSvg(boolean)}) is the same drawing plus attacks that the
 * runtime's SVG sanitiser must remove; each leaves one of {@link #HOSTILE_MARKERS} in the text. The attacks are
 * placed before the drawing and are at most 10 px large, so the drawing covers them once they are gone.
 */
public final class RecraftTracing {
    public static final String SVG_NS = "http://www.w3.org/2000/svg";
    /** Blocks along the long side. */
    public static final int GRID = 32;
    /** The host every external reference of the hostile SVG points at (it does not resolve). */
    public static final String EVIL_HOST = "evil.example";
    /**
     * Text that occurs in the hostile SVG and must not occur in a sanitised one: scripts, event handlers, external
     * references (images, {@code xlink:href}, {@code use}, CSS {@code url()} and {@code @import}), a
     * {@code javascript:} link, a {@code foreignObject} with HTML, the DOCTYPE with its entity declarations (one of
     * them an external entity on the simulator's other host, path {@code /files/xxe}) and a processing instruction.
     */
    public static final List<String> HOSTILE_MARKERS = List.of("<script", "onload", "onclick", EVIL_HOST,
            "xlink:href", "<foreignObject", "@import", "url(", "javascript:", "<!DOCTYPE", "<!ENTITY",
            "<?xml-stylesheet", "/files/xxe", "<iframe");

    private RecraftTracing() {
    }

    /**
     * The SVG of {@code image}, UTF-8.
     *
     * @param xxeUrl where the hostile SVG's external entity points (a URL the test can watch); unused otherwise
     */
    static byte[] svg(Picture image, boolean hostile, String xxeUrl) {
        int w = image.width();
        int h = image.height();
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        if (hostile) {
            svg.append("<?xml-stylesheet type=\"text/css\" href=\"http://").append(EVIL_HOST).append("/pi.css\"?>\n")
                    .append("<!DOCTYPE svg [\n  <!ENTITY ext SYSTEM \"").append(xxeUrl).append("\">\n")
                    .append("  <!ENTITY greeting \"internal entity text\">\n]>\n");
        }
        svg.append("<svg xmlns=\"").append(SVG_NS).append('"');
        if (hostile) {
            svg.append(" xmlns:xlink=\"http://www.w3.org/1999/xlink\" onload=\"alert('svg-onload')\"");
        }
        svg.append(" width=\"").append(w).append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w)
                .append(' ').append(h).append("\">\n");
        if (hostile) {
            svg.append(attacks());
        }
        drawing(image, svg);
        if (hostile) {
            svg.append("  <desc>&greeting; &ext;</desc>\n");
        }
        svg.append("</svg>\n");
        return svg.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String attacks() {
        String evil = "http://" + EVIL_HOST;
        return "  <style>@import url(\"" + evil + "/import.css\"); .hostile { background-image: url(" + evil
                + "/bg.png); }</style>\n"
                + "  <script><![CDATA[alert('svg-script')]]></script>\n"
                + "  <image href=\"" + evil + "/x.png\" x=\"0\" y=\"0\" width=\"10\" height=\"10\"/>\n"
                + "  <image xlink:href=\"" + evil + "/xlink.png\" x=\"0\" y=\"0\" width=\"10\" height=\"10\"/>\n"
                + "  <use href=\"https://" + EVIL_HOST + "/sprite.svg#x\" x=\"0\" y=\"0\"/>\n"
                + "  <foreignObject x=\"0\" y=\"0\" width=\"10\" height=\"10\"><div xmlns=\"http://www.w3.org/1999/"
                + "xhtml\">html <iframe src=\"" + evil + "/frame.html\"></iframe></div></foreignObject>\n"
                + "  <a href=\"javascript:alert('svg-link')\"><rect class=\"hostile\" x=\"0\" y=\"0\" width=\"10\" "
                + "height=\"10\" style=\"fill: url(" + evil + "/fill.svg#p)\" onclick=\"alert('svg-onclick')\"/>"
                + "</a>\n";
    }

    /** One rect per block of average colour, equal neighbours in a row merged. */
    private static void drawing(Picture image, StringBuilder svg) {
        int w = image.width();
        int h = image.height();
        if (image.pixels() == null) {
            rect(svg, 0, 0, w, h, 0xffc0c0c0);
            return;
        }
        int block = Math.max(1, (Math.max(w, h) + GRID - 1) / GRID);
        int[] row = new int[w];
        for (int by = 0; by < h; by += block) {
            int bh = Math.min(block, h - by);
            long[][] sums = new long[(w + block - 1) / block][5]; // a, r*a, g*a, b*a, pixels
            for (int y = by; y < by + bh; y++) {
                image.pixels().getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    long[] s = sums[x / block];
                    int argb = row[x];
                    int a = argb >>> 24;
                    s[0] += a;
                    s[1] += (long) (argb >> 16 & 255) * a;
                    s[2] += (long) (argb >> 8 & 255) * a;
                    s[3] += (long) (argb & 255) * a;
                    s[4]++;
                }
            }
            int runStart = 0;
            int runColour = average(sums[0]);
            for (int i = 1; i <= sums.length; i++) {
                int colour = i < sums.length ? average(sums[i]) : ~runColour; // a sentinel ends the last run
                if (colour != runColour) {
                    int x0 = runStart * block;
                    rect(svg, x0, by, Math.min(w, i * block) - x0, bh, runColour);
                    runStart = i;
                    runColour = colour;
                }
            }
        }
    }

    /** The block's alpha-weighted average colour as ARGB (alpha the mean alpha). */
    private static int average(long[] s) {
        if (s[0] == 0) {
            return 0;
        }
        int a = (int) Math.round((double) s[0] / s[4]);
        int r = (int) Math.round((double) s[1] / s[0]);
        int g = (int) Math.round((double) s[2] / s[0]);
        int b = (int) Math.round((double) s[3] / s[0]);
        return a << 24 | r << 16 | g << 8 | b;
    }

    private static void rect(StringBuilder svg, int x, int y, int width, int height, int argb) {
        int alpha = argb >>> 24;
        if (alpha == 0) {
            return;
        }
        svg.append("  <rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" fill=\"")
                .append(String.format(Locale.ROOT, "#%06x", argb & 0xffffff)).append('"');
        if (alpha < 255) {
            svg.append(" fill-opacity=\"").append(String.format(Locale.ROOT, "%.3f", alpha / 255.0)).append('"');
        }
        svg.append("/>\n");
    }
}
