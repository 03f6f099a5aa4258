package io.karafimages.core.internal.svg;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may stay in an SVG that a browser will open: static drawing elements and presentation attributes, with
 * references only to elements of the same document. Everything else is unknown and goes, so a feature added
 * to SVG or to a browser tomorrow is dropped until somebody decides it is safe.
 */
final class SvgAllowList {
    /** Kept with their allowed attributes and their cleaned children. */
    static final Set<String> ELEMENTS = Set.of(
            "svg", "g", "defs", "symbol", "use", "title", "desc",
            "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
            "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
            "text", "tspan", "style");

    /**
     * Replaced by their cleaned children: a link's drawing stays, its target goes; a {@code switch} is how
     * Illustrator offers a {@code foreignObject} next to the plain drawing, which is what remains.
     */
    static final Set<String> UNWRAPPED = Set.of("a", "switch");

    /** Elements whose character data is content (all other text is whitespace between tags or not drawn). */
    static final Set<String> TEXT_CONTENT = Set.of("text", "tspan", "title", "desc");

    /** Presentation properties: allowed as attributes and as declarations in {@code style}. */
    static final Set<String> PROPERTIES = Set.of(
            "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
            "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color",
            "display", "visibility", "overflow", "clip-path", "clip-rule", "mask", "mask-type", "marker-start",
            "marker-mid", "marker-end", "paint-order", "vector-effect", "shape-rendering", "text-rendering",
            "color-interpolation", "stop-color", "stop-opacity", "mix-blend-mode", "isolation", "transform",
            "font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch",
            "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing",
            "word-spacing", "text-decoration", "writing-mode");

    /** Geometry and structure: allowed as attributes only. */
    private static final Set<String> ATTRIBUTES = Set.of(
            "id", "class", "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "fx", "fy", "fr",
            "x1", "y1", "x2", "y2", "points", "d", "pathLength", "viewBox", "preserveAspectRatio", "version",
            "gradientUnits", "gradientTransform", "spreadMethod", "offset",
            "clipPathUnits", "maskUnits", "maskContentUnits", "patternUnits", "patternContentUnits",
            "patternTransform", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
            "dx", "dy", "rotate", "textLength", "lengthAdjust");

    /** Words that make a value active content or a fetch, wherever they appear (checked without whitespace). */
    private static final String[] FORBIDDEN = {"javascript:", "vbscript:", "data:", "expression(", "@import",
        "behavior:", "-moz-binding"};

    /**
     * CSS functions a value may call: colours, transforms and {@code url(#id)}. Any other ({@code image-set()},
     * {@code src()}, {@code image()}, {@code cross-fade()}, {@code attr()}, {@code expression()}) could take a bare
     * string as a URL to fetch, or is simply not needed for a static drawing.
     */
    private static final Set<String> FUNCTIONS = Set.of("url", "rgb", "rgba", "hsl", "hsla", "matrix", "translate",
            "translatex", "translatey", "scale", "scalex", "scaley", "rotate", "skewx", "skewy");

    /** {@code url(#id)}, the only form of {@code url(} that may remain: a reference inside the document. */
    private static final Pattern LOCAL_URL = Pattern.compile("url\\((['\"]?)#[\\w.:-]+\\1\\)");
    private static final Pattern LOCAL_HREF = Pattern.compile("#[\\w.:-]+");

    private SvgAllowList() {
    }

    /** Whether an unprefixed attribute (other than {@code href} and {@code style}) may stay. */
    static boolean isAllowedAttribute(String name) {
        return ATTRIBUTES.contains(name) || PROPERTIES.contains(name);
    }

    /** Whether an {@code href} points into this document ({@code #id}) and nowhere else. */
    static boolean isLocalReference(String href) {
        return LOCAL_HREF.matcher(href.strip()).matches();
    }

    /**
     * Whether an attribute or CSS value is inert: no script or data scheme, no CSS escape (which could spell
     * those words another way), only allowed functions, and every {@code url(...)} a local {@code url(#id)}.
     */
    static boolean isSafeValue(String value) {
        String compact = compact(value);
        if (compact.indexOf('\\') >= 0) {
            return false;
        }
        for (String word : FORBIDDEN) {
            if (compact.contains(word)) {
                return false;
            }
        }
        for (int paren = compact.indexOf('('); paren >= 0; paren = compact.indexOf('(', paren + 1)) {
            if (!FUNCTIONS.contains(functionName(compact, paren))) {
                return false;
            }
        }
        int from = 0;
        int url;
        while ((url = compact.indexOf("url(", from)) >= 0) {
            Matcher local = LOCAL_URL.matcher(compact).region(url, compact.length());
            if (!local.lookingAt()) {
                return false;
            }
            from = local.end();
        }
        return true;
    }

    /** The identifier right before an opening parenthesis (scanned backwards: linear on long path data). */
    private static String functionName(String compact, int paren) {
        int start = paren;
        while (start > 0 && (Character.isLetterOrDigit(compact.charAt(start - 1)) || compact.charAt(start - 1) == '-'
                || compact.charAt(start - 1) == '_')) {
            start--;
        }
        return compact.substring(start, paren);
    }

    /** Lower case without whitespace and control characters, the way a lenient browser would still read it. */
    private static String compact(String value) {
        StringBuilder compact = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > ' ' && !Character.isWhitespace(c) && !Character.isISOControl(c) && !Character.isSpaceChar(c)) {
                compact.append(c);
            }
        }
        return compact.toString().toLowerCase(Locale.ROOT);
    }
}
