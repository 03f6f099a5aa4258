package io.karafimages.c2pa.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.karafimages.c2pa.AssetFormat;
import io.karafimages.c2pa.C2paException;
import io.karafimages.c2pa.testing.TestImages;
import io.karafimages.c2pa.testing.TestImages.PngKind;
import io.karafimages.c2pa.testing.TestSvgs;

/** SVG: where the store goes, what the exclusion covers, replacement, detection and broken markup. */
class SvgCodecTest {

    private static final String NS = " xmlns:c2pa=\"http://c2pa.org/manifest\"";
    private static final ContainerCodec CODEC = ContainerCodecs.forFormat(AssetFormat.SVG);

    @Test
    void storeGoesIntoANewMetadataElementFirstInTheRootAndTheExclusionIsItsBase64() throws Exception {
        byte[] svg = TestSvgs.traced(64, 48, 5);
        byte[] store = store(1000);

        ContainerCodec.Prepared prepared = CODEC.prepare(svg);
        byte[] signed = prepared.embed(store);

        String text = new String(svg, StandardCharsets.UTF_8);
        int rootTagClose = text.indexOf('>', text.indexOf("<svg"));
        String base64 = Base64.getEncoder().encodeToString(store);
        String expected = text.substring(0, rootTagClose) + NS + "><metadata><c2pa:manifest>" + base64
                + "</c2pa:manifest></metadata>" + text.substring(rootTagClose + 1);
        assertEquals(expected, new String(signed, StandardCharsets.UTF_8));
        ContainerCodec.Exclusion exclusion = prepared.exclusion(store.length);
        byte[] head = expected.substring(0, expected.indexOf(base64)).getBytes(StandardCharsets.UTF_8);
        assertEquals(head.length, exclusion.start(), "a byte offset: the title before it has multi-byte characters");
        assertEquals(base64.length(), exclusion.length());
        assertArrayEquals(store, CODEC.readStore(signed).orElseThrow());
        Element manifest = firstManifest(parse(signed));
        assertEquals("metadata", ((Element) manifest.getParentNode()).getLocalName());
        assertEquals(TestSvgs.SVG_NS, manifest.getParentNode().getNamespaceURI());
        assertEquals(base64, manifest.getTextContent());
    }

    @Test
    void signingAgainReplacesTheOldStore() {
        byte[] svg = TestSvgs.traced(64, 48, 5);
        byte[] once = CODEC.prepare(svg).embed(store(3000));
        byte[] twice = CODEC.prepare(once).embed(store(77));

        assertArrayEquals(store(77), CODEC.readStore(twice).orElseThrow());
        String text = new String(twice, StandardCharsets.UTF_8);
        assertEquals(1, count(text, "<c2pa:manifest>"));
        assertEquals(1, count(text, "<metadata>"));
        assertEquals(1, count(text, "xmlns:c2pa="), "declared once");
        assertEquals(CODEC.prepare(svg).embed(store(77)).length, twice.length, "same as signing the original once");
    }

    @Test
    void anXmpPacketInMetadataStaysAndTheStoreGoesBeforeIt() throws Exception {
        byte[] svg = TestSvgs.withXmp(TestSvgs.xmp());
        byte[] store = store(500);

        byte[] signed = CODEC.prepare(svg).embed(store);

        String text = new String(signed, StandardCharsets.UTF_8);
        assertTrue(text.contains("<metadata><c2pa:manifest>" + Base64.getEncoder().encodeToString(store)
                + "</c2pa:manifest>" + TestSvgs.xmp() + "</metadata>"), text);
        assertEquals(1, count(text, "<metadata>"));
        assertEquals(1, parse(signed).getElementsByTagNameNS("adobe:ns:meta/", "xmpmeta").getLength());
    }

    @Test
    void anEmptyRootIsOpened() throws Exception {
        byte[] svg = ("<svg xmlns=\"" + TestSvgs.SVG_NS + "\" width=\"1\" height=\"1\"/>").getBytes(StandardCharsets.UTF_8);

        byte[] signed = CODEC.prepare(svg).embed(store(30));

        assertEquals("<svg xmlns=\"" + TestSvgs.SVG_NS + "\" width=\"1\" height=\"1\"" + NS + "><metadata><c2pa:manifest>"
                + Base64.getEncoder().encodeToString(store(30)) + "</c2pa:manifest></metadata></svg>",
                new String(signed, StandardCharsets.UTF_8));
        assertArrayEquals(store(30), CODEC.readStore(signed).orElseThrow());
        parse(signed);
    }

    @Test
    void aByteOrderMarkIsDropped() {
        byte[] svg = utf8("\uFEFF<svg xmlns=\"" + TestSvgs.SVG_NS + "\"><g/></svg>");
        ContainerCodec.Prepared prepared = CODEC.prepare(svg);

        byte[] signed = prepared.embed(store(12));

        assertEquals('<', signed[0]);
        assertEquals(utf8("<svg xmlns=\"" + TestSvgs.SVG_NS + "\"" + NS + "><metadata><c2pa:manifest>").length,
                prepared.exclusion(12).start());
        assertArrayEquals(store(12), CODEC.readStore(signed).orElseThrow());
    }

    @Test
    void aPrefixTheRootBindsElsewhereIsReboundOnTheElement() throws Exception {
        byte[] svg = ("<svg xmlns=\"" + TestSvgs.SVG_NS + "\" xmlns:c2pa=\"urn:other\"><metadata></metadata></svg>")
                .getBytes(StandardCharsets.UTF_8);

        byte[] signed = CODEC.prepare(svg).embed(store(40));

        assertTrue(new String(signed, StandardCharsets.UTF_8).contains("<metadata><c2pa:manifest" + NS + ">"));
        assertEquals("http://c2pa.org/manifest", firstManifest(parse(signed)).getNamespaceURI());
    }

    @Test
    void markupInCommentsCdataAttributesAndDeeperElementsIsNotMistakenForTheStore() throws Exception {
        String deep = "<g><metadata><c2pa:manifest>" + Base64.getEncoder().encodeToString(store(20))
                + "</c2pa:manifest></metadata></g>";
        String svg = "<?xml version='1.0' encoding='utf-8'?><!-- <svg> --><!DOCTYPE svg [<!ENTITY a \"<metadata>\">]>"
                + "<svg xmlns=\"" + TestSvgs.SVG_NS + "\" data-x='a>b'><!-- <metadata> --><style><![CDATA[ a > b </metadata> ]]>"
                + "</style><?pi <metadata>?>" + deep + "</svg>\n<!-- trailing -->\n";
        byte[] bytes = svg.getBytes(StandardCharsets.UTF_8);

        assertEquals(Optional.empty(), CODEC.readStore(bytes), "a store must be a child of the root's metadata");
        byte[] signed = CODEC.prepare(bytes).embed(store(60));

        assertArrayEquals(store(60), CODEC.readStore(signed).orElseThrow());
        assertTrue(new String(signed, StandardCharsets.UTF_8).contains(deep), "the nested element is content: kept");
    }

    @Test
    void svgIsRecognisedByItsPrologAndRootElement() {
        byte[] traced = TestSvgs.traced(8, 8, 1);
        assertEquals(Optional.of(AssetFormat.SVG), AssetFormat.detect(traced));
        assertEquals(Optional.of(AssetFormat.SVG), AssetFormat.detect(utf8("\uFEFF<svg xmlns=\"" + TestSvgs.SVG_NS + "\"/>")));
        assertEquals(Optional.of(AssetFormat.SVG), AssetFormat.detect(utf8("\n<!-- c -->\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg>")));
        assertEquals(Optional.of(AssetFormat.SVG), AssetFormat.fromMediaType("image/svg+xml"));
        assertEquals("image/svg+xml", AssetFormat.SVG.mediaType());

        assertEquals(Optional.empty(), AssetFormat.detect(utf8("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg/>")));
        assertEquals(Optional.empty(), AssetFormat.detect("<svg/>".getBytes(StandardCharsets.UTF_16)));
        assertEquals(Optional.empty(), AssetFormat.detect(utf8("<html><svg/></html>")));
        assertEquals(Optional.empty(), AssetFormat.detect(utf8("<svg:svg xmlns:svg=\"" + TestSvgs.SVG_NS + "\"/>")));
        assertEquals(Optional.empty(), AssetFormat.detect(utf8("<svgx/>")));
        assertEquals(Optional.empty(), AssetFormat.detect(utf8("<?xml version=\"1.0\"")));
        assertEquals(Optional.empty(), AssetFormat.detect(new byte[0]));
        assertEquals(Optional.of(AssetFormat.PNG), AssetFormat.detect(TestImages.png(PngKind.RGB, 4, 4)));
    }

    @Test
    void brokenMarkupIsAMalformedAsset() {
        for (String broken : new String[] {
            "<svg><g></svg>",
            "<svg><metadata>",
            "<svg width=1></svg>",
            "<svg><g/></svg><svg/>",
            "<svg><path d=\"M0 0/></svg>",
            "<svg><!-- open </svg>"}) {
            C2paException e = assertThrows(C2paException.class,
                    () -> ContainerCodecs.forAsset(utf8(broken)).prepare(utf8(broken)), broken);
            assertEquals(C2paException.Reason.MALFORMED_ASSET, e.reason(), broken);
        }
    }

    @Test
    void aManifestElementThatIsNotBase64IsAMalformedStoreYetCanBeReplaced() {
        byte[] svg = utf8("<svg><metadata><c2pa:manifest>not base64!</c2pa:manifest></metadata></svg>");

        C2paException e = assertThrows(C2paException.class, () -> CODEC.readStore(svg));
        assertEquals(C2paException.Reason.MALFORMED_MANIFEST_STORE, e.reason());
        byte[] signed = CODEC.prepare(svg).embed(store(10));
        assertArrayEquals(store(10), CODEC.readStore(signed).orElseThrow());
        assertFalse(new String(signed, StandardCharsets.UTF_8).contains("not base64"));
    }

    private static Element firstManifest(Document doc) {
        NodeList list = doc.getElementsByTagNameNS("http://c2pa.org/manifest", "manifest");
        assertEquals(1, list.getLength(), "one c2pa:manifest in the c2pa namespace");
        return (Element) list.item(0);
    }

    /** A namespace-aware parse: fails when the output is not well-formed or a prefix is undeclared. */
    private static Document parse(byte[] svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static byte[] store(int length) {
        byte[] store = new byte[length];
        new Random(length).nextBytes(store);
        return store;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
