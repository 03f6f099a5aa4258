package io.karafimages.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.karafimages.spi.provenance.ProvenanceInfo;

/** XMP into an SVG's metadata and C2PA stores out of it, everything else kept character for character. */
class SvgMetadataTest {
    private static final String ROOT = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\">";
    private static final String XMP = XmpLabels.packet(new XmpLabels.Labels(ProvenanceInfo.ALGORITHMICALLY_ENHANCED,
            "Recraft", "recraft/vectorize", null, "Karaf Images 0.1.0", "Made with Karaf Images"));

    @Test
    void theXmpPacketBecomesTheRootsFirstChild() {
        String svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + ROOT + "<title>Füchse ☃</title><path d=\"M0 0L4 4\"/></svg>\n";

        byte[] labelled = XmpEmbedder.embed(utf8(svg), XMP);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + ROOT + "<metadata>" + XMP + "</metadata>"
                + "<title>Füchse ☃</title><path d=\"M0 0L4 4\"/></svg>\n", text(labelled));
    }

    @Test
    void anEmptyRootIsOpened() {
        byte[] labelled = SvgMetadata.withXmp(utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" />"), XMP);

        assertEquals("<svg xmlns=\"http://www.w3.org/2000/svg\" ><metadata>" + XMP + "</metadata></svg>", text(labelled));
    }

    @Test
    void theRootsMetadataIsReplacedAndLookalikesAreLeftAlone() {
        String kept = "<!-- <metadata>x</metadata> --><style><![CDATA[ </metadata> ]]></style>"
                + "<g data-a='>'><metadata>nested</metadata></g>";
        String svg = ROOT + "<metadata>old</metadata>" + kept + "<metadata><c2pa:manifest>AAAA</c2pa:manifest></metadata></svg>";

        byte[] labelled = SvgMetadata.withXmp(utf8(svg), XMP);

        assertEquals(ROOT + "<metadata>" + XMP + "</metadata>" + kept + "</svg>", text(labelled));
    }

    @Test
    void manifestStoresAreRemovedOnlyFromTheRootsMetadata() {
        String svg = ROOT + "<metadata><c2pa:manifest>AAAA</c2pa:manifest>" + XMP + "</metadata>"
                + "<g><metadata><c2pa:manifest>BBBB</c2pa:manifest></metadata></g></svg>";

        byte[] clean = MetadataStripper.withoutManifestStore(utf8(svg));

        assertEquals(ROOT + "<metadata>" + XMP + "</metadata><g><metadata><c2pa:manifest>BBBB</c2pa:manifest></metadata></g></svg>",
                text(clean));
        byte[] none = utf8(ROOT + "<path d=\"M0 0\"/></svg>");
        assertSame(none, MetadataStripper.withoutManifestStore(none), "nothing to remove: the same bytes");
    }

    @Test
    void brokenDocumentsAreRejected() {
        for (byte[] broken : new byte[][] {utf8(ROOT + "<g></svg>"), utf8(ROOT + "<metadata>"),
            utf8(ROOT + "<path d=\"M0 0/></svg>"), utf8(ROOT + "</svg><svg/>"),
            {'<', 's', 'v', 'g', '>', (byte) 0xc3, '<', '/', 's', 'v', 'g', '>'}}) {
            assertThrows(IllegalArgumentException.class, () -> SvgMetadata.withXmp(broken, XMP), text(broken));
        }
        assertTrue(SvgMetadata.isSvg(utf8(ROOT + "</svg>")));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
