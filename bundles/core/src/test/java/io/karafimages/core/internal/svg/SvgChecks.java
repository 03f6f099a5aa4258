package io.karafimages.core.internal.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import io.karafimages.api.ImagesException;

/**
 * Independent checks of sanitizer output: a DOM parse (not the sanitizer's own parser) and a walk over every
 * node, with the allowed vocabulary written out again here so a slip in the production list is caught.
 */
final class SvgChecks {
    static final String SVG_NS = "http://www.w3.org/2000/svg";
    static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";
    static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private static final Set<String> EXPECTED_ELEMENTS = Set.of("svg", "g", "defs", "symbol", "use", "title", "desc",
            "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "linearGradient", "radialGradient",
            "stop", "clipPath", "mask", "pattern", "marker", "text", "tspan", "style");
    private static final String[] FORBIDDEN_WORDS = {"javascript:", "vbscript:", "data:", "http:", "https:", "file:",
        "@import", "expression(", "alert(", "evil"};

    private SvgChecks() {
    }

    static String svg(String rootAttributes, String body) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
                + " width=\"100\" height=\"100\" viewBox=\"0 0 100 100\" " + rootAttributes + ">" + body + "</svg>";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(SanitizedSvg svg) {
        return new String(svg.bytes(), StandardCharsets.UTF_8);
    }

    /** Parses with a DOM parser that refuses any DOCTYPE: clean output never has one. */
    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("the sanitizer's output does not parse: " + e, e);
        }
    }

    /** Walks every node of clean output and fails on anything outside the allowed vocabulary. */
    static void assertInert(SanitizedSvg svg) {
        Document document = parse(svg.bytes());
        assertNotNull(document.getDocumentElement());
        assertEquals(SVG_NS, document.getDocumentElement().getNamespaceURI());
        assertEquals("svg", document.getDocumentElement().getLocalName());
        walk(document);
    }

    private static void walk(Node node) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            switch (child.getNodeType()) {
                case Node.ELEMENT_NODE -> element((Element) child);
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> assertNoActiveWords(child.getNodeValue(),
                        "text in <" + child.getParentNode().getLocalName() + ">");
                default -> fail("unexpected node type " + child.getNodeType() + ": " + child);
            }
            walk(child);
        }
    }

    private static void element(Element element) {
        assertEquals(SVG_NS, element.getNamespaceURI(), "namespace of <" + element.getNodeName() + ">");
        assertTrue(EXPECTED_ELEMENTS.contains(element.getLocalName()), "element <" + element.getLocalName() + ">");
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            attribute(element, (Attr) attributes.item(i));
        }
        if ("style".equals(element.getLocalName())) {
            String css = element.getTextContent();
            assertFalse(css.contains("@"), "at-rule left in style: " + css);
            assertFalse(css.contains("<"), "markup in style: " + css);
        }
        if ("use".equals(element.getLocalName())) {
            String href = element.hasAttribute("href") ? element.getAttribute("href")
                    : element.getAttributeNS(XLINK_NS, "href");
            assertTrue(href.startsWith("#"), "use must point into the document: " + href);
        }
    }

    private static void attribute(Element element, Attr attribute) {
        String where = "<" + element.getLocalName() + " " + attribute.getName() + "=\"" + attribute.getValue() + "\">";
        String namespace = attribute.getNamespaceURI();
        if (XMLNS_NS.equals(namespace)) {
            assertTrue(Set.of(SVG_NS, XLINK_NS).contains(attribute.getValue()), "namespace declaration " + where);
            return;
        }
        assertTrue(namespace == null || XLINK_NS.equals(namespace) || XML_NS.equals(namespace), "namespace " + where);
        assertFalse(attribute.getLocalName().toLowerCase(Locale.ROOT).startsWith("on"), "event handler " + where);
        if ("href".equals(attribute.getLocalName())) {
            assertTrue(attribute.getValue().startsWith("#"), "href " + where);
        }
        assertNoActiveWords(attribute.getValue(), where);
    }

    private static void assertNoActiveWords(String value, String where) {
        String compact = value.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        for (String word : FORBIDDEN_WORDS) {
            assertFalse(compact.contains(word), "'" + word + "' in " + where);
        }
        int url = compact.indexOf("url(");
        while (url >= 0) {
            String rest = compact.substring(url + 4);
            assertTrue(rest.startsWith("#") || rest.startsWith("'#") || rest.startsWith("\"#"), "url( in " + where);
            url = compact.indexOf("url(", url + 4);
        }
    }

    /** Asserts that an exception is the sanitizer's refusal of a provider's answer. */
    static void assertBadOutput(ImagesException e) {
        assertEquals("provider_bad_output", e.code());
        assertEquals(502, e.httpStatus());
        assertFalse(e.retryable());
    }

    /** Renders bytes that did not pass the sanitizer (same package: the renderer's input type can be forged). */
    static BufferedImage renderUnsanitized(String svg, int width, int height) {
        return new SvgRenderer().render(new SanitizedSvg(utf8(svg), width, height), 100_000_000L);
    }

    /** The index of the first pixel that differs, or -1. */
    static int firstDifference(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return y * a.getWidth() + x;
                }
            }
        }
        return -1;
    }

    static void assertSamePixels(BufferedImage expected, BufferedImage actual, String what) {
        int at = firstDifference(expected, actual);
        if (at >= 0) {
            int x = at % expected.getWidth();
            int y = at / expected.getWidth();
            fail(what + ": pixel (" + x + "," + y + ") is " + Integer.toHexString(actual.getRGB(x, y))
                    + ", expected " + Integer.toHexString(expected.getRGB(x, y)));
        }
    }

    /** Counts opaque-ish pixels: proof that a rendering is not blank. */
    static int paintedPixels(BufferedImage image) {
        int painted = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) > 0) {
                    painted++;
                }
            }
        }
        return painted;
    }
}
