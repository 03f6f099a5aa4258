package io.karafimages.core.internal.svg;

import static io.karafimages.core.internal.svg.SvgChecks.assertInert;
import static io.karafimages.core.internal.svg.SvgChecks.assertSamePixels;
import static io.karafimages.core.internal.svg.SvgChecks.svg;
import static io.karafimages.core.internal.svg.SvgChecks.text;
import static io.karafimages.core.internal.svg.SvgChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Benign SVGs keep their rendering, their size and their references; the output is a deterministic fixed point. */
class SvgSanitizerBenignTest {
    private final SvgSanitizer sanitizer = new SvgSanitizer();
    private final SvgRenderer renderer = new SvgRenderer();

    static Stream<Arguments> drawings() {
        return Stream.of(
                Arguments.of("paths and transforms", svg("",
                        "<g transform=\"translate(5 5) rotate(10 50 50)\"><path d=\"M10 10 L90 20 L50 90 Z\""
                                + " fill=\"#c03\" stroke=\"#000\" stroke-width=\"3\" stroke-linejoin=\"round\"/>"
                                + "<polyline points=\"0,0 20,40 40,0\" fill=\"none\" stroke=\"teal\""
                                + " stroke-dasharray=\"4 2\"/><ellipse cx=\"70\" cy=\"30\" rx=\"20\" ry=\"8\""
                                + " fill-opacity=\"0.5\"/><line x1=\"0\" y1=\"99\" x2=\"99\" y2=\"0\" stroke=\"red\"/>"
                                + "<polygon points=\"60,60 90,60 75,90\" fill-rule=\"evenodd\"/></g>")),
                Arguments.of("gradients with local url(#id)", svg("",
                        "<defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\"><stop offset=\"0\""
                                + " stop-color=\"#f00\"/><stop offset=\"1\" stop-color=\"#00f\" stop-opacity=\"0.5\"/>"
                                + "</linearGradient><radialGradient id=\"r\" xlink:href=\"#g\" cx=\"0.5\" cy=\"0.5\""
                                + " r=\"0.5\"/></defs><rect width=\"100\" height=\"50\" fill=\"url(#g)\"/>"
                                + "<circle cx=\"50\" cy=\"75\" r=\"25\" fill=\"url('#r')\"/>")),
                Arguments.of("local use, symbol, clipPath and mask", svg("",
                        "<defs><symbol id=\"s\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4\"/></symbol>"
                                + "<clipPath id=\"c\"><rect width=\"50\" height=\"100\"/></clipPath>"
                                + "<mask id=\"m\"><rect width=\"100\" height=\"100\" fill=\"white\"/><circle cx=\"80\""
                                + " cy=\"80\" r=\"10\" fill=\"black\"/></mask></defs>"
                                + "<use href=\"#s\" width=\"40\" height=\"40\"/><use xlink:href=\"#s\" x=\"50\""
                                + " width=\"40\" height=\"40\" fill=\"green\"/><g clip-path=\"url(#c)\" mask=\"url(#m)\">"
                                + "<rect y=\"50\" width=\"100\" height=\"50\" fill=\"purple\"/></g>")),
                Arguments.of("style element and style attributes", svg("",
                        "<style>.a { fill: #123456; stroke: #abcdef } rect.b, #c { fill-opacity: .4 }</style>"
                                + "<rect class=\"a\" width=\"40\" height=\"40\" stroke-width=\"4\"/><rect class=\"b\""
                                + " x=\"50\" width=\"40\" height=\"40\" style=\"fill: orange ; stroke: black\"/>"
                                + "<circle id=\"c\" cx=\"50\" cy=\"70\" r=\"20\"/>")),
                Arguments.of("potrace-like output with a DOCTYPE, metadata and pt units",
                        "<?xml version=\"1.0\" standalone=\"no\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 20010904//EN\""
                                + " \"http://127.0.0.1:9/svg10.dtd\">\n<svg version=\"1.0\""
                                + " xmlns=\"http://www.w3.org/2000/svg\" width=\"75pt\" height=\"75pt\""
                                + " viewBox=\"0 0 100 100\" preserveAspectRatio=\"xMidYMid meet\">\n<metadata>Created by"
                                + " potrace</metadata>\n<g transform=\"translate(0,100) scale(0.1,-0.1)\" fill=\"#000\""
                                + " stroke=\"none\">\n<path d=\"M100 100 l800 0 0 800 -800 0 z m200 200 l0 400 400 0 0"
                                + " -400 z\"/>\n</g>\n</svg>\n"),
                Arguments.of("Inkscape-like output with foreign namespaces", "<svg xmlns=\"http://www.w3.org/2000/svg\""
                        + " xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\""
                        + " xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\" width=\"100\""
                        + " height=\"100\" inkscape:version=\"1.3\"><sodipodi:namedview pagecolor=\"#fff\"/>"
                        + "<g inkscape:label=\"Layer 1\" inkscape:groupmode=\"layer\"><rect x=\"10\" y=\"10\""
                        + " width=\"80\" height=\"80\" rx=\"10\" style=\"fill:#ff8800;stroke:#000;stroke-width:2\"/>"
                        + "</g></svg>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drawings")
    void rendersExactlyAsBefore(String name, String svg) {
        SanitizedSvg clean = sanitizer.sanitize(utf8(svg));
        assertInert(clean);
        assertEquals(100, clean.width(), name);
        assertEquals(100, clean.height(), name);

        BufferedImage before = SvgChecks.renderUnsanitized(svg, 100, 100);
        BufferedImage after = renderer.render(clean, 1_000_000);
        assertTrue(SvgChecks.paintedPixels(before) > 500, name + " draws something");
        assertSamePixels(before, after, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drawings")
    void isAFixedPoint(String name, String svg) {
        SanitizedSvg once = sanitizer.sanitize(utf8(svg));
        SanitizedSvg twice = sanitizer.sanitize(once.bytes());
        assertEquals(once, twice, name);
        assertArrayEquals(once.bytes(), sanitizer.sanitize(utf8(svg)).bytes(), name);
    }

    @Test
    void keepsReferencesSizeAndViewBox() {
        String out = text(sanitizer.sanitize(utf8(svg("preserveAspectRatio=\"xMinYMin slice\"",
                "<linearGradient id=\"g\"/><rect fill=\"url(#g)\" width=\"1\" height=\"1\"/><use xlink:href=\"#g\"/>"))));
        assertTrue(out.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" height=\"100\" preserveAspectRatio=\"xMinYMin slice\""
                + " viewBox=\"0 0 100 100\" width=\"100\">"), out);
        assertTrue(out.contains("<rect fill=\"url(#g)\" height=\"1\" width=\"1\"/>"), out);
        assertTrue(out.contains("<use xlink:href=\"#g\"/>"), out);
    }

    @Test
    void attributeOrderAndWhitespaceBetweenTagsDoNotChangeTheBytes() {
        String a = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"20\">\n  <rect x=\"1\" y=\"2\"/>\n</svg>";
        String b = "<svg height=\"20\" width=\"10\" xmlns=\"http://www.w3.org/2000/svg\"><rect y=\"2\" x=\"1\"/></svg>";
        assertArrayEquals(sanitizer.sanitize(utf8(a)).bytes(), sanitizer.sanitize(utf8(b)).bytes());
    }

    @Test
    void keepsTextContentAndRewritesOtherEncodingsAsUtf8() {
        byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"10\" height=\"10\"><title>Caf\u00e9 &amp; cr\u00e8me &lt;3</title><text xml:space=\"preserve\">"
                + "a  b</text></svg>").getBytes(StandardCharsets.ISO_8859_1);
        String out = text(sanitizer.sanitize(latin1));
        assertTrue(out.contains("<title>Caf\u00e9 &amp; cr\u00e8me &lt;3</title>"), out);
        assertTrue(out.contains("<text xml:space=\"preserve\">a  b</text>"), out);
    }

    @Test
    void derivesTheSizeFromUnitsAndTheViewBox() {
        assertSize(100, 50, "width=\"100px\" height=\"50px\"");
        assertSize(96, 48, "width=\"1in\" height=\"0.5in\"");
        assertSize(40, 30, "width=\"30pt\" height=\"22.5pt\"");
        assertSize(378, 189, "width=\"10cm\" height=\"50mm\"");
        assertSize(300, 150, "viewBox=\"-10 -10 300 150\"");
        assertSize(600, 300, "width=\"600\" viewBox=\"0,0,300,150\"");
        assertSize(100, 200, "height=\"200\" viewBox=\"0 0 50 100\"");
        assertSize(300, 150, "width=\"100%\" height=\"100%\" viewBox=\"0 0 300 150\"");
        assertSize(1, 1, "width=\"0.3\" height=\"0.4\"");
        assertSize(16_384, 8_192, "viewBox=\"0 0 16384 8192\"");
    }

    private void assertSize(int width, int height, String rootAttributes) {
        SanitizedSvg clean = sanitizer.sanitize(
                utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" " + rootAttributes + "/>"));
        assertEquals(width + "x" + height, clean.width() + "x" + clean.height(), rootAttributes);
    }
}
