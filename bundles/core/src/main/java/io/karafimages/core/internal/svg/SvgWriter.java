package io.karafimages.core.internal.svg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Serialises a clean tree as UTF-8 XML, deterministically: the same tree always gives the same bytes. The SVG
 * namespace is the default one, {@code xlink} is declared only when used, attributes are sorted by name, no
 * whitespace is added (it would change text). Stateless.
 */
final class SvgWriter {
    private static final Comparator<SvgNode.Attribute> BY_NAME = Comparator.comparing(SvgWriter::qualifiedName);

    private SvgWriter() {
    }

    static byte[] write(SvgNode.Element root) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<svg xmlns=\"").append(SvgParser.SVG_NS).append('"');
        if (usesXlink(root)) {
            out.append(" xmlns:xlink=\"").append(SvgFilter.XLINK_NS).append('"');
        }
        attributesAndChildren(root, out);
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(SvgNode.Element element, StringBuilder out) {
        out.append('<').append(element.name());
        attributesAndChildren(element, out);
    }

    private static void attributesAndChildren(SvgNode.Element element, StringBuilder out) {
        List<SvgNode.Attribute> attributes = new ArrayList<>(element.attributes());
        attributes.sort(BY_NAME);
        for (SvgNode.Attribute attribute : attributes) {
            out.append(' ').append(qualifiedName(attribute)).append("=\"");
            escape(attribute.value(), true, out);
            out.append('"');
        }
        if (element.children().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (SvgNode child : element.children()) {
            if (child instanceof SvgNode.Text text) {
                escape(text.text(), false, out);
            } else if (child instanceof SvgNode.Element e) {
                element(e, out);
            }
        }
        out.append("</").append(element.name()).append('>');
    }

    private static String qualifiedName(SvgNode.Attribute attribute) {
        if (SvgFilter.XLINK_NS.equals(attribute.namespace())) {
            return "xlink:" + attribute.name();
        }
        if (SvgFilter.XML_NS.equals(attribute.namespace())) {
            return "xml:" + attribute.name();
        }
        return attribute.name();
    }

    private static boolean usesXlink(SvgNode.Element element) {
        for (SvgNode.Attribute attribute : element.attributes()) {
            if (SvgFilter.XLINK_NS.equals(attribute.namespace())) {
                return true;
            }
        }
        for (SvgNode child : element.children()) {
            if (child instanceof SvgNode.Element e && usesXlink(e)) {
                return true;
            }
        }
        return false;
    }

    /** Markup characters as references; in attributes also quotes and line breaks, which parsers would fold. */
    private static void escape(String text, boolean attribute, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(c);
            }
        }
    }
}
