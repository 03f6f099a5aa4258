package io.karafimages.core.internal.svg;

import static io.karafimages.core.internal.svg.SvgChecks.assertInert;
import static io.karafimages.core.internal.svg.SvgChecks.assertSamePixels;
import static io.karafimages.core.internal.svg.SvgChecks.svg;
import static io.karafimages.core.internal.svg.SvgChecks.text;
import static io.karafimages.core.internal.svg.SvgChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile SVGs: each is a benign drawing plus an attack. The output must parse, hold nothing of the attack (a
 * DOM walk, not a string search), render exactly like the benign part alone, and nothing may have been
 * fetched from the local server every attack points at.
 */
class SvgSanitizerHostileTest {
    /** The benign drawing every case carries: a blue square. */
    private static final String BENIGN = "<rect id=\"benign\" x=\"10\" y=\"10\" width=\"30\" height=\"30\" fill=\"#0000ff\"/>";
    private static RecordingHttpServer server;

    private final SvgSanitizer sanitizer = new SvgSanitizer();
    private final SvgRenderer renderer = new SvgRenderer();

    @BeforeAll
    static void startServer() throws IOException {
        server = new RecordingHttpServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** name, root attributes, hostile body, the body that must render the same. */
    static Stream<Arguments> attacks() {
        return Stream.of(
                attack("script element", "", "<script>alert(1)</script>", ""),
                attack("script with CDATA and type", "",
                        "<script type=\"application/ecmascript\"><![CDATA[alert(document.cookie)]]></script>", ""),
                attack("upper-case SCRIPT", "", "<SCRIPT>alert(1)</SCRIPT><Script>alert(2)</Script>", ""),
                attack("svg:script with the SVG namespace on another prefix", "",
                        "<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">alert(1)</svg:script>", ""),
                attack("xhtml script", "",
                        "<h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script>", ""),
                attack("onload on the root", "onload=\"alert(1)\" ONLOAD=\"alert(2)\"", "", ""),
                attack("handlers on a shape in mixed case", "",
                        "<rect x=\"50\" y=\"50\" width=\"20\" height=\"20\" fill=\"green\" onclick=\"alert(1)\""
                                + " OnMouseOver=\"alert(2)\" onFocusIn=\"alert(3)\" onbegin=\"alert(4)\"/>",
                        "<rect x=\"50\" y=\"50\" width=\"20\" height=\"20\" fill=\"green\"/>"),
                attack("handler in the SVG namespace on a prefix", "",
                        "<s:rect xmlns:s=\"http://www.w3.org/2000/svg\" s:onclick=\"alert(1)\" x=\"50\" y=\"10\""
                                + " width=\"10\" height=\"10\"/>",
                        "<rect x=\"50\" y=\"10\" width=\"10\" height=\"10\"/>"),
                attack("nested svg with onload", "",
                        "<svg onload=\"alert(1)\" x=\"60\" y=\"60\" width=\"20\" height=\"20\"><circle cx=\"10\""
                                + " cy=\"10\" r=\"5\" fill=\"orange\"/></svg>",
                        "<svg x=\"60\" y=\"60\" width=\"20\" height=\"20\"><circle cx=\"10\" cy=\"10\" r=\"5\""
                                + " fill=\"orange\"/></svg>"),
                attack("image with an http href", "",
                        "<image href=\"{base}/image.svg\" x=\"0\" y=\"0\" width=\"100\" height=\"100\"/>", ""),
                attack("image with an xlink:href", "",
                        "<image xlink:href=\"{base}/image2.svg\" width=\"100\" height=\"100\"/>", ""),
                attack("use of an external document", "",
                        "<use xlink:href=\"{base}/sprite.svg#x\"/><use href=\"https://evil.example/s.svg#x\"/>", ""),
                attack("use with a local href and a handler", "",
                        "<use href=\"#benign\" x=\"50\" onload=\"alert(1)\"/>", "<use href=\"#benign\" x=\"50\"/>"),
                attack("foreignObject with HTML", "",
                        "<foreignObject width=\"100\" height=\"100\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
                                + "<script>alert(1)</script><iframe src=\"javascript:alert(2)\"></iframe>"
                                + "<img src=\"{base}/x.png\" onerror=\"alert(3)\"/></div></foreignObject>", ""),
                attack("javascript link around a shape", "",
                        "<a href=\"javascript:alert(1)\"><circle cx=\"70\" cy=\"70\" r=\"10\" fill=\"red\"/></a>",
                        "<circle cx=\"70\" cy=\"70\" r=\"10\" fill=\"red\"/>"),
                attack("xlink link with an entity-encoded javascript", "",
                        "<a xlink:href=\"&#106;avascript:alert(1)\" target=\"_top\"><rect x=\"60\" y=\"10\""
                                + " width=\"5\" height=\"5\"/></a>",
                        "<rect x=\"60\" y=\"10\" width=\"5\" height=\"5\"/>"),
                attack("style element with @import and remote url()", "",
                        "<style>@import url({base}/a.css); @import '{base}/b.css';"
                                + " rect { fill: url({base}/p.svg#g) } .k { fill: #00ff00 }"
                                + " @font-face { font-family: x; src: url({base}/f.woff) }</style>"
                                + "<rect class=\"k\" x=\"50\" y=\"10\" width=\"10\" height=\"10\"/>",
                        "<rect x=\"50\" y=\"10\" width=\"10\" height=\"10\" fill=\"#00ff00\"/>"),
                attack("style element with an escaped url and markup", "",
                        "<style>rect { fill: u\\72l({base}/x) } </style><style><![CDATA[</style><script>alert(1)"
                                + "</script>]]></style>", ""),
                attack("remote url() in a fill attribute", "",
                        "<rect x=\"50\" y=\"50\" width=\"10\" height=\"10\" fill=\"url({base}/p.svg#g)\"/>",
                        "<rect x=\"50\" y=\"50\" width=\"10\" height=\"10\"/>"),
                attack("remote url() and javascript in a style attribute", "",
                        "<rect x=\"50\" y=\"50\" width=\"10\" height=\"10\" style=\"fill:#ff00ff;"
                                + "stroke:url({base}/p#q);background:url(javascript:alert(1))\"/>",
                        "<rect x=\"50\" y=\"50\" width=\"10\" height=\"10\" fill=\"#ff00ff\"/>"),
                attack("CSS functions that fetch bare strings", "",
                        "<style>.m { mask: image-set('{base}/m.png' 1x) } .m { fill: #ff0 }</style>"
                                + "<rect class=\"m\" x=\"40\" y=\"60\" width=\"10\" height=\"10\""
                                + " mask=\"image-set('{base}/n.png' 1x)\" clip-path=\"src('{base}/c')\""
                                + " style=\"stroke:cross-fade('{base}/a', '{base}/b');stroke-width:2\"/>",
                        "<rect x=\"40\" y=\"60\" width=\"10\" height=\"10\" fill=\"#ff0\" stroke-width=\"2\"/>"),
                attack("filter with feImage", "",
                        "<filter id=\"f\"><feImage href=\"{base}/fe.svg\"/></filter>"
                                + "<rect x=\"70\" y=\"10\" width=\"10\" height=\"10\" filter=\"url(#f)\"/>",
                        "<rect x=\"70\" y=\"10\" width=\"10\" height=\"10\"/>"),
                attack("processing instructions and comments", "",
                        "<?xml-stylesheet href=\"{base}/x.css\" type=\"text/css\"?><!-- <script>alert(1)</script> -->"
                                + "<?php evil(); ?>", ""),
                attack("animate href to javascript", "",
                        "<a><animate attributeName=\"href\" to=\"javascript:alert(1)\" begin=\"0s\"/>"
                                + "<rect x=\"10\" y=\"60\" width=\"10\" height=\"10\"/></a>",
                        "<rect x=\"10\" y=\"60\" width=\"10\" height=\"10\"/>"),
                attack("set, animateTransform, animateMotion", "",
                        "<rect x=\"20\" y=\"60\" width=\"10\" height=\"10\"><set attributeName=\"onclick\""
                                + " to=\"alert(1)\"/><animateTransform attributeName=\"transform\" type=\"scale\""
                                + " to=\"10\"/><animateMotion path=\"M0 0 L50 50\"/></rect>",
                        "<rect x=\"20\" y=\"60\" width=\"10\" height=\"10\"/>"),
                attack("data: URIs everywhere", "",
                        "<image href=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\" width=\"10\" height=\"10\"/>"
                                + "<use href=\"data:image/svg+xml,&lt;svg id='x'/&gt;#x\"/>"
                                + "<rect x=\"80\" y=\"80\" width=\"10\" height=\"10\" fill=\"url(data:x)\""
                                + " style=\"stroke:url('data:y')\"/>",
                        "<rect x=\"80\" y=\"80\" width=\"10\" height=\"10\"/>"),
                attack("iframe, embed, object, handler and listener elements", "",
                        "<iframe src=\"javascript:alert(1)\"/><embed src=\"{base}/e\"/><object data=\"{base}/o\"/>"
                                + "<handler type=\"application/ecmascript\">alert(1)</handler>"
                                + "<ev:listener xmlns:ev=\"http://www.w3.org/2001/xml-events\" event=\"click\""
                                + " handler=\"#h\"/>", ""),
                attack("xml:base and foreign attributes", "xml:base=\"{base}/\"",
                        "<rect x=\"30\" y=\"30\" width=\"5\" height=\"5\" xlink:type=\"simple\" xlink:show=\"new\""
                                + " xmlns:e=\"urn:evil\" e:onclick=\"alert(1)\"/>",
                        "<rect x=\"30\" y=\"30\" width=\"5\" height=\"5\"/>"),
                attack("switch offering foreignObject", "",
                        "<switch><foreignObject requiredExtensions=\"http://ns.adobe.com/AdobeIllustrator/10.0/\">"
                                + "<i:pgf xmlns:i=\"http://ns.adobe.com/AdobeIllustrator/10.0/\">eJzz</i:pgf>"
                                + "</foreignObject><g><rect x=\"85\" y=\"5\" width=\"10\" height=\"10\"/></g></switch>",
                        "<g><rect x=\"85\" y=\"5\" width=\"10\" height=\"10\"/></g>"),
                attack("javascript in a text link", "",
                        "<text x=\"5\" y=\"95\" font-size=\"10\"><a href=\"javascript:alert(1)\"><tspan>hi</tspan>"
                                + "</a></text>",
                        "<text x=\"5\" y=\"95\" font-size=\"10\"><tspan>hi</tspan></text>"));
    }

    private static Arguments attack(String name, String rootAttributes, String body, String survivor) {
        return Arguments.of(name, rootAttributes, body, survivor);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void removesTheAttackAndKeepsTheDrawing(String name, String rootAttributes, String body, String survivor) {
        String hostile = svg(rootAttributes, body + BENIGN).replace("{base}", server.base());
        SanitizedSvg clean = sanitizer.sanitize(utf8(hostile));

        assertInert(clean);
        String out = text(clean);
        assertFalse(out.contains(server.base()), out);
        assertTrue(out.contains("id=\"benign\""), out);

        BufferedImage expected = renderer.render(sanitizer.sanitize(utf8(svg("", survivor + BENIGN))), 1_000_000);
        BufferedImage actual = renderer.render(clean, 1_000_000);
        assertSamePixels(expected, actual, name);
        assertTrue(SvgChecks.paintedPixels(actual) >= 900, "the blue square is drawn");
        assertEquals(List.of(), server.requests(), "nothing may be fetched");
    }

    @Test
    void theHostileInputIsDetectedBeforeSanitizing() {
        // the DOM walk is not blind: it rejects what it is meant to reject
        String hostile = svg("onload=\"alert(1)\"", BENIGN);
        AssertionError failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> assertInert(new SanitizedSvg(utf8(hostile), 100, 100)));
        assertTrue(failure.getMessage().contains("onload"), failure.getMessage());
    }

    @Test
    void theRecordingServerRecordsAFetch() throws IOException {
        try (RecordingHttpServer probe = new RecordingHttpServer();
                InputStream in = new URL(probe.base() + "/probe").openStream()) {
            assertTrue(in.readAllBytes().length > 0);
            assertEquals(List.of("/probe"), probe.requests());
        }
    }
}
