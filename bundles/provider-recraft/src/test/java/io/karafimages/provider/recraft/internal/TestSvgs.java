package io.karafimages.provider.recraft.internal;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Reads the SVGs of the tests: the root's size and the colour the drawing's rects give a point. */
final class TestSvgs {
    private TestSvgs() {
    }

    /** The document, parsed namespace-aware without resolving anything external (the hostile SVG points outside). */
    static Document parse(byte[] svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed XML", e);
        }
    }

    /** {@code width height viewBox} of the root, e.g. {@code 400 300 0 0 400 300}. */
    static String size(Document svg) {
        Element root = svg.getDocumentElement();
        return root.getAttribute("width") + " " + root.getAttribute("height") + " " + root.getAttribute("viewBox");
    }

    /**
     * The fill of the last rect among the root's children (the drawing, painted in order) that covers the centre
     * of pixel {@code (x, y)}; empty when none does.
     */
    static Optional<Color> fillAt(Document svg, int x, int y) {
        Color found = null;
        for (Node n = svg.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "rect".equals(e.getLocalName())
                    && RecraftSvg.SVG_NS.equals(e.getNamespaceURI())) {
                double rx = Double.parseDouble(e.getAttribute("x"));
                double ry = Double.parseDouble(e.getAttribute("y"));
                double rw = Double.parseDouble(e.getAttribute("width"));
                double rh = Double.parseDouble(e.getAttribute("height"));
                if (x + 0.5 >= rx && x + 0.5 < rx + rw && y + 0.5 >= ry && y + 0.5 < ry + rh) {
                    found = Color.decode(e.getAttribute("fill"));
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
