package io.karafimages.provider.recraft.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import io.karafimages.api.ImagesException;

/**
 * Checks that a vectorize answer is an SVG document: well-formed XML whose root element is {@code svg} in the SVG
 * namespace. It checks and never changes: the runtime sanitises every SVG (scripts, event handlers, external
 * references), so an SVG carrying such things passes here unchanged.
 *
 * <p>The bytes come from a remote service, so the parser resolves nothing: no external DTD, no external entity
 * (general or parameter), no XInclude, nothing fetched whatever the document declares; the JDK's secure processing
 * bounds entity expansion, so an "entity bomb" fails as bad output instead of exhausting memory. The JDK's own
 * parser is used ({@code newDefaultInstance}), not whichever one the OSGi framework might make
 * {@code newInstance} find. Stateless and thread-safe (a parser per call: SAX parsers are not thread-safe).
 */
final class RecraftSvg {
    static final String SVG_NS = "http://www.w3.org/2000/svg";

    /** Thrown by the handler once the root element is known to be wrong: no need to read further. */
    private static final class WrongRoot extends SAXException {
        private static final long serialVersionUID = 1L;

        WrongRoot(String root) {
            super(root);
        }
    }

    private RecraftSvg() {
    }

    /**
     * @throws ImagesException {@code provider_bad_output} (502, retryable) when {@code data} is not an SVG document
     */
    static void requireSvg(byte[] data) {
        try {
            parser().parse(new InputSource(new ByteArrayInputStream(data)), new RootCheck());
        } catch (WrongRoot e) {
            throw RecraftFailures.badOutput("Recraft's vectorize result is XML whose root is " + e.getMessage()
                    + ", not an SVG <svg> element.");
        } catch (SAXException | IOException e) {
            throw RecraftFailures.badOutput("Recraft's vectorize result is not a well-formed SVG document.");
        }
    }

    private static SAXParser parser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            // the JDK's parser knows every one of these features: this is a broken runtime, not a bad answer
            throw new IllegalStateException("The JDK's XML parser cannot be configured securely", e);
        }
    }

    /** Wants {@code svg} in the SVG namespace as the root; any fatal error stops the parse. */
    private static final class RootCheck extends DefaultHandler {
        private boolean rootSeen;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            if (rootSeen) {
                return;
            }
            rootSeen = true;
            if (!SVG_NS.equals(uri) || !"svg".equals(localName)) {
                String name = "<" + truncated(qName) + ">";
                throw new WrongRoot(uri.isEmpty() ? name + " without a namespace" : name + " in " + truncated(uri));
            }
        }

        /** Never reached with the features above; resolving to nothing is the second lock on the door. */
        @Override
        public InputSource resolveEntity(String publicId, String systemId) {
            return new InputSource(new StringReader(""));
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) {
            // a validity error (there is no validation): well-formedness errors are fatal ones
        }

        private static String truncated(String text) {
            String printable = text.replaceAll("[^\\p{L}\\p{N}:._/#-]", "?");
            return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
        }
    }
}
