package io.karafimages.core.internal.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * The small XML tree the sanitizer works on: elements and text only. Comments, processing instructions and the
 * document type never enter it, so they cannot leave it either.
 */
sealed interface SvgNode permits SvgNode.Element, SvgNode.Text {

    /** Character data (text or CDATA, already unescaped). */
    record Text(String text) implements SvgNode {
    }

    /** An attribute; {@code namespace} is {@code ""} for the usual unprefixed ones. */
    record Attribute(String namespace, String name, String value) {
    }

    /** An element with its attributes in document order and its children; not thread-safe while being built. */
    final class Element implements SvgNode {
        private final String namespace;
        private final String name;
        private final List<Attribute> attributes;
        private final List<SvgNode> children = new ArrayList<>();

        Element(String namespace, String name, List<Attribute> attributes) {
            this.namespace = namespace;
            this.name = name;
            this.attributes = List.copyOf(attributes);
        }

        String namespace() {
            return namespace;
        }

        /** The local name, case as written. */
        String name() {
            return name;
        }

        List<Attribute> attributes() {
            return attributes;
        }

        List<SvgNode> children() {
            return children;
        }

        void add(SvgNode child) {
            children.add(child);
        }

        /** The value of an unprefixed attribute, or {@code ""} when absent. */
        String attribute(String attributeName) {
            for (Attribute attribute : attributes) {
                if (attribute.namespace().isEmpty() && attribute.name().equals(attributeName)) {
                    return attribute.value();
                }
            }
            return "";
        }

        /** All character data directly inside this element. */
        String text() {
            StringBuilder text = new StringBuilder();
            for (SvgNode child : children) {
                if (child instanceof Text t) {
                    text.append(t.text());
                }
            }
            return text.toString();
        }
    }
}
