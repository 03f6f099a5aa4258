package io.karafimages.core.internal.svg;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Reads an SVG document into an {@link SvgNode} tree with the JDK's own StAX parser, configured so that no
 * document type is ever processed: a DOCTYPE is skipped unread, whether it names an external DTD (as potrace and
 * Illustrator write it) or declares entities in an internal subset (where entity bombs and external entities
 * live), and every entity reference is dropped unexpanded. So a hostile document is cleaned rather than refused,
 * and nothing it declares is ever read, fetched or expanded. Input size, element count and nesting depth are
 * capped. Stateless and thread-safe.
 */
final class SvgParser {
    static final String SVG_NS = "http://www.w3.org/2000/svg";

    private final int maxBytes;
    private final int maxElements;
    private final int maxDepth;

    SvgParser(int maxBytes, int maxElements, int maxDepth) {
        this.maxBytes = maxBytes;
        this.maxElements = maxElements;
        this.maxDepth = maxDepth;
    }

    /**
     * The document's root {@code svg} element.
     *
     * @throws ImagesException {@code provider_bad_output} when the input is not a well-formed SVG document
     *         within the limits
     */
    SvgNode.Element parse(byte[] svg) {
        if (svg == null || svg.length == 0) {
            throw refused("The SVG is empty.");
        }
        if (svg.length > maxBytes) {
            throw refused("The SVG has " + svg.length + " bytes; at most " + maxBytes + " are accepted.");
        }
        XMLEventReader reader = null;
        try {
            reader = factory().createXMLEventReader(new ByteArrayInputStream(DoctypeRemover.clean(svg)));
            return read(reader);
        } catch (ImagesException e) {
            throw e;
        } catch (XMLStreamException | RuntimeException e) {
            throw new ImagesException(ErrorCodes.PROVIDER_BAD_OUTPUT, 502, false,
                    "The provider's SVG is not well-formed XML: " + reason(e.getMessage()), null, e);
        } finally {
            close(reader);
        }
    }

    private SvgNode.Element read(XMLEventReader reader) throws XMLStreamException {
        Deque<SvgNode.Element> open = new ArrayDeque<>();
        SvgNode.Element root = null;
        int elements = 0;
        while (reader.hasNext()) {
            XMLEvent event = reader.nextEvent();
            switch (event.getEventType()) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> {
                    // never read: no declaration is processed, no reference expanded (see the class comment)
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > maxElements) {
                        throw refused("The SVG has more than " + maxElements + " elements.");
                    }
                    if (open.size() >= maxDepth) {
                        throw refused("The SVG nests elements deeper than " + maxDepth + " levels.");
                    }
                    SvgNode.Element element = element(event.asStartElement());
                    if (open.isEmpty()) {
                        requireSvgRoot(element);
                        root = element;
                    } else {
                        open.peek().add(element);
                    }
                    open.push(element);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().add(new SvgNode.Text(event.asCharacters().getData()));
                    }
                }
                default -> {
                    // comments and processing instructions are dropped here, by not being kept
                }
            }
        }
        if (root == null) {
            throw refused("The provider's answer has no root element.");
        }
        return root;
    }

    private static SvgNode.Element element(StartElement start) {
        List<SvgNode.Attribute> attributes = new ArrayList<>();
        for (Iterator<Attribute> it = start.getAttributes(); it.hasNext();) {
            Attribute attribute = it.next();
            attributes.add(new SvgNode.Attribute(attribute.getName().getNamespaceURI(),
                    attribute.getName().getLocalPart(), attribute.getValue()));
        }
        return new SvgNode.Element(start.getName().getNamespaceURI(), start.getName().getLocalPart(), attributes);
    }

    private static void requireSvgRoot(SvgNode.Element element) {
        if (!SVG_NS.equals(element.namespace()) || !"svg".equals(element.name())) {
            throw refused("The provider's answer is not an SVG document (its root element is '" + element.name()
                    + "' in namespace '" + element.namespace() + "').");
        }
    }

    /** A fresh factory each time: factories are not guaranteed thread-safe, and this one is cheap to make. */
    private static XMLInputFactory factory() {
        // the JDK's implementation, whatever StAX provider the thread's context class loader would find
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("External resources are not read: " + systemId);
        });
        return factory;
    }

    private static ImagesException refused(String message) {
        return new ImagesException(ErrorCodes.PROVIDER_BAD_OUTPUT, 502, false, message);
    }

    /** The JDK's parse errors put the position on one line and the reason on the last. */
    private static String reason(String message) {
        if (message == null) {
            return "unreadable";
        }
        String trimmed = message.strip();
        int newline = trimmed.lastIndexOf('\n');
        String last = newline < 0 ? trimmed : trimmed.substring(newline + 1).strip();
        return last.startsWith("Message:") ? last.substring("Message:".length()).strip() : last;
    }

    private static void close(XMLEventReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // nothing was written; closing a reader over a byte array cannot lose anything
            }
        }
    }
}
