package io.karafimages.core.internal.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the clean tree from the parsed one with {@link SvgAllowList}: elements outside the SVG namespace or
 * the list go with their subtree, {@code a} and {@code switch} give way to their children, attributes outside
 * the list or with an unsafe value go, {@code href} stays only as {@code #id}, CSS is rebuilt by
 * {@link SvgCss}. Stateless.
 */
final class SvgFilter {
    static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final Set<String> XML_SPACE_VALUES = Set.of("default", "preserve");

    private SvgFilter() {
    }

    /** The clean copy of a parsed root {@code svg} element. */
    static SvgNode.Element clean(SvgNode.Element root) {
        SvgNode.Element clean = new SvgNode.Element(SvgParser.SVG_NS, root.name(), attributes(root));
        addChildren(root, clean, false);
        return clean;
    }

    private static void addChildren(SvgNode.Element from, SvgNode.Element to, boolean textContent) {
        for (SvgNode child : from.children()) {
            if (child instanceof SvgNode.Text text) {
                if (textContent) {
                    to.add(text);
                }
            } else if (child instanceof SvgNode.Element element && SvgParser.SVG_NS.equals(element.namespace())) {
                addElement(element, to, textContent);
            }
        }
    }

    private static void addElement(SvgNode.Element element, SvgNode.Element to, boolean textContent) {
        String name = element.name();
        if (SvgAllowList.UNWRAPPED.contains(name)) {
            addChildren(element, to, textContent);
        } else if ("style".equals(name)) {
            String css = SvgCss.styleSheet(element.text());
            if (!css.isEmpty()) {
                SvgNode.Element style = new SvgNode.Element(SvgParser.SVG_NS, name, List.of());
                style.add(new SvgNode.Text(css));
                to.add(style);
            }
        } else if (SvgAllowList.ELEMENTS.contains(name)) {
            List<SvgNode.Attribute> attributes = attributes(element);
            if ("use".equals(name) && attributes.stream().noneMatch(SvgFilter::isHref)) {
                return; // a use without a local target has nothing to draw
            }
            SvgNode.Element clean = new SvgNode.Element(SvgParser.SVG_NS, name, attributes);
            addChildren(element, clean, SvgAllowList.TEXT_CONTENT.contains(name));
            to.add(clean);
        }
    }

    private static List<SvgNode.Attribute> attributes(SvgNode.Element element) {
        List<SvgNode.Attribute> kept = new ArrayList<>();
        for (SvgNode.Attribute attribute : element.attributes()) {
            String name = attribute.name();
            String value = attribute.value();
            if (isHref(attribute)) {
                if (SvgAllowList.isLocalReference(value)) {
                    kept.add(new SvgNode.Attribute(attribute.namespace(), name, value.strip()));
                }
            } else if (XML_NS.equals(attribute.namespace())) {
                if ("space".equals(name) && XML_SPACE_VALUES.contains(value)) {
                    kept.add(attribute);
                }
            } else if (!attribute.namespace().isEmpty()) {
                continue; // another vocabulary (Inkscape, Illustrator, an attacker's): not ours to judge
            } else if ("style".equals(name)) {
                String css = SvgCss.declarations(value);
                if (!css.isEmpty()) {
                    kept.add(new SvgNode.Attribute("", name, css));
                }
            } else if (SvgAllowList.isAllowedAttribute(name) && SvgAllowList.isSafeValue(value)) {
                kept.add(attribute);
            }
        }
        return kept;
    }

    private static boolean isHref(SvgNode.Attribute attribute) {
        return "href".equals(attribute.name())
                && (attribute.namespace().isEmpty() || XLINK_NS.equals(attribute.namespace()));
    }
}
